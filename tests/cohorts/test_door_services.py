"""Check-in at the door, walk-ins and late entry: the services and selectors.

The search tests run on SQLite in the normal run and on PostgreSQL in CI
(``DATABASE_URL=postgres://...``): names are matched without diacritics on
both.
"""

import datetime

import pytest

from cohorts import selectors, services
from cohorts.models import Attendance
from tests import factories
from tests.cohorts import builders
from vsfa.models import AuditEvent, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def conference(edition):
    return factories.make_conference(edition, expected_audience=120)


def _walk_in_fields(**fields):
    return {
        "given_name": "Andrei",
        "family_name": "Dobre",
        "birth_date": None,
        "email": "",
        "phone": "",
        **fields,
    }


def _names(rows):
    return [row.person.full_name for row in rows]


@pytest.mark.parametrize(
    "given_name",
    ["Ștefan", "Ştefan", "ȘTEFAN", "S\u0326tefan"],
    ids=["comma-below", "cedilla", "capitals", "decomposed"],
)
def test_door_listed_finds_every_spelling_of_stefan(conference, given_name):
    builders.attend(conference, given_name=given_name, family_name="Niță")
    builders.attend(conference, given_name="Maria", family_name="Ene")

    rows = selectors.door_listed(conference, "stefan")

    assert len(rows) == 1
    assert rows[0].person.search_name == "stefan nita"


def test_door_listed_finds_all_three_stefans_at_once(conference):
    for given_name in ["Ștefan", "Ştefan", "ȘTEFAN"]:
        builders.attend(conference, given_name=given_name, family_name="Pop")

    rows = selectors.door_listed(conference, "STEFAN pop")

    # Sorted here: the databases order capitals and diacritics differently.
    assert sorted(_names(rows)) == ["ȘTEFAN Pop", "Ștefan Pop", "Ștefan Pop"]


def test_door_listed_matches_every_word(conference):
    builders.attend(conference, given_name="Ștefan", family_name="Niță")
    builders.attend(conference, given_name="Ștefan", family_name="Ionescu")

    rows = selectors.door_listed(conference, "nit stef")

    assert _names(rows) == ["Ștefan Niță"]


def test_door_listed_reads_one_more_than_it_shows(conference):
    for _ in range(selectors.DOOR_LISTED + 5):
        builders.attend(conference, given_name="Ana")

    rows = selectors.door_listed(conference, "ana")

    assert len(rows) == selectors.DOOR_LISTED + 1


def test_door_others_finds_people_of_the_edition_and_school_not_on_the_list(
    edition, conference
):
    other_conference = factories.make_conference(edition)
    builders.attend(
        other_conference, given_name="Ștefan", family_name="Mureșan", class_name="9C"
    )
    earlier = factories.make_conference(
        factories.make_edition(current=False), school=conference.school
    )
    builders.attend(earlier, given_name="Stefania", family_name="Radu")
    elsewhere = factories.make_conference(factories.make_edition(current=False))
    builders.attend(elsewhere, given_name="Ștefan", family_name="Străin")
    builders.attend(conference, given_name="Ștefan", family_name="Niță")

    rows = selectors.door_others(conference, "stef")

    assert [(row.person.full_name, row.class_name) for row in rows] == [
        ("Ștefan Mureșan", "9C"),
        ("Stefania Radu", ""),
    ]


def test_door_others_waits_for_two_letters(edition, conference):
    builders.attend(factories.make_conference(edition), given_name="Ștefan")

    assert selectors.door_others(conference, "s") == []
    assert _names(selectors.door_others(conference, "st")) == [
        Person.objects.get().full_name
    ]


def test_door_counts_counts_present_listed_and_walk_ins(conference):
    builders.attend(conference)
    absent = builders.attend(conference)
    absent.present = False
    absent.save()
    services.add_walk_in(
        actor=None, conference=conference, person_fields=_walk_in_fields()
    )

    counts = selectors.door_counts(conference)

    assert counts == selectors.DoorCounts(
        present=2, registered=2, walk_ins=1, expected=120
    )


def test_check_in_marks_someone_on_the_list_present(organiser, conference):
    attendance = builders.attend(conference)
    Attendance.objects.filter(pk=attendance.pk).update(present=False)

    result, changed = services.check_in(
        actor=organiser, conference=conference, person=attendance.person
    )

    assert changed is True
    result.refresh_from_db()
    assert (result.pk, result.present, result.walk_in, result.checked_in_by) == (
        attendance.pk,
        True,
        False,
        organiser,
    )
    assert result.checked_in_at is not None
    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.object_id) == (
        "attendance.checked_in",
        organiser,
        str(attendance.pk),
    )


def test_check_in_twice_records_one_check_in(organiser, conference):
    attendance = builders.attend(conference)
    Attendance.objects.filter(pk=attendance.pk).update(present=False)

    services.check_in(actor=organiser, conference=conference, person=attendance.person)
    _, changed = services.check_in(
        actor=organiser, conference=conference, person=attendance.person
    )

    assert changed is False
    assert Attendance.objects.filter(conference=conference).count() == 1
    assert AuditEvent.objects.count() == 1


def test_check_in_of_someone_not_on_the_list_adds_a_walk_in_with_their_class(
    organiser, edition, conference
):
    earlier = builders.attend(factories.make_conference(edition), class_name="11A")

    attendance, changed = services.check_in(
        actor=organiser, conference=conference, person=earlier.person
    )

    assert changed is True
    assert (attendance.present, attendance.walk_in, attendance.class_name) == (
        True,
        True,
        "11A",
    )
    assert AuditEvent.objects.get().action == "attendance.walk_in"


def test_check_in_of_a_pupil_of_another_school_keeps_their_school(
    organiser, edition, conference
):
    school = factories.make_school()
    earlier = builders.attend(factories.make_conference(edition, school=school))

    attendance, _ = services.check_in(
        actor=organiser, conference=conference, person=earlier.person
    )

    assert attendance.school == school


def test_undo_check_in_leaves_someone_listed_on_the_list_not_present(
    organiser, conference
):
    attendance = builders.attend(conference)
    Attendance.objects.filter(pk=attendance.pk).update(present=False)
    services.check_in(actor=organiser, conference=conference, person=attendance.person)

    changed = services.undo_check_in(
        actor=organiser, conference=conference, person=attendance.person
    )

    attendance.refresh_from_db()
    assert changed is True
    assert (attendance.present, attendance.checked_in_at, attendance.checked_in_by) == (
        False,
        None,
        None,
    )
    assert list(AuditEvent.objects.values_list("action", flat=True)) == [
        "attendance.check_in_undone",
        "attendance.checked_in",
    ]


def test_undo_check_in_takes_a_walk_in_off_the_list(organiser, conference):
    attendance, _ = services.add_walk_in(
        actor=organiser, conference=conference, person_fields=_walk_in_fields()
    )

    changed = services.undo_check_in(
        actor=organiser, conference=conference, person=attendance.person
    )

    assert changed is True
    assert Attendance.objects.filter(conference=conference).count() == 0
    assert Person.objects.filter(pk=attendance.person_id).exists()
    event = AuditEvent.objects.filter(action="attendance.check_in_undone").get()
    assert event.data["walk_in"] is True


def test_undo_check_in_twice_changes_nothing_the_second_time(organiser, conference):
    attendance = builders.attend(conference)

    services.undo_check_in(
        actor=organiser, conference=conference, person=attendance.person
    )
    changed = services.undo_check_in(
        actor=organiser, conference=conference, person=attendance.person
    )

    assert changed is False
    assert AuditEvent.objects.count() == 1


def test_add_walk_in_creates_the_person_and_a_present_attendance(organiser, conference):
    attendance, changed = services.add_walk_in(
        actor=organiser,
        conference=conference,
        person_fields=_walk_in_fields(given_name="ștefan", family_name="NIȚĂ"),
        class_name=" 10B ",
    )

    assert changed is True
    assert (
        attendance.person.full_name,
        attendance.class_name,
        attendance.present,
        attendance.walk_in,
    ) == ("Ștefan Niță", "10B", True, True)


def test_add_walk_in_reuses_the_person_with_the_same_email(organiser, conference):
    person = factories.make_person(
        given_name="Ana", family_name="Pop", email="ana@example.org"
    )

    attendance, _ = services.add_walk_in(
        actor=organiser,
        conference=conference,
        person_fields=_walk_in_fields(
            given_name="Ana-Maria", family_name="Pop", email="ANA@example.org"
        ),
    )

    assert attendance.person == person
    assert Person.objects.count() == 1


def test_add_walk_in_reuses_the_person_with_the_same_name_and_birth_date(
    organiser, conference
):
    person = factories.make_person(
        given_name="Ștefan",
        family_name="Niță",
        birth_date=datetime.date(2009, 3, 15),
    )

    attendance, _ = services.add_walk_in(
        actor=organiser,
        conference=conference,
        person_fields=_walk_in_fields(
            given_name="Stefan",
            family_name="NITA",
            birth_date=datetime.date(2009, 3, 15),
        ),
    )

    assert attendance.person == person


def test_add_walk_in_does_not_merge_on_a_name_alone(organiser, conference):
    factories.make_person(given_name="Andrei", family_name="Dobre")

    attendance, _ = services.add_walk_in(
        actor=organiser, conference=conference, person_fields=_walk_in_fields()
    )

    assert Person.objects.count() == 2
    assert attendance.person.attendances.count() == 1


def test_add_walk_in_sent_twice_adds_one_attendance(organiser, conference):
    services.add_walk_in(
        actor=organiser, conference=conference, person_fields=_walk_in_fields()
    )

    _, changed = services.add_walk_in(
        actor=organiser, conference=conference, person_fields=_walk_in_fields()
    )

    assert changed is False
    assert Attendance.objects.filter(conference=conference).count() == 1
    assert Person.objects.count() == 1


def test_add_walk_in_of_someone_on_the_list_marks_them_present(organiser, conference):
    listed = builders.attend(
        conference, given_name="Andrei", family_name="Dobre", email="a@example.org"
    )
    Attendance.objects.filter(pk=listed.pk).update(present=False)

    attendance, changed = services.add_walk_in(
        actor=organiser,
        conference=conference,
        person_fields=_walk_in_fields(email="a@example.org"),
    )

    assert changed is True
    assert (attendance.pk, attendance.present, attendance.walk_in) == (
        listed.pk,
        True,
        False,
    )


def test_record_late_entry_marks_clears_and_adds_in_one_go(organiser, conference):
    ticked, cleared, untouched = (builders.attend(conference) for _ in range(3))
    Attendance.objects.filter(pk__in=[ticked.pk, untouched.pk]).update(present=False)

    result = services.record_late_entry(
        actor=organiser,
        conference=conference,
        ticked={ticked.pk},
        cleared={cleared.pk},
        walk_ins=[{"person_fields": _walk_in_fields(), "class_name": "9A"}],
    )

    assert result == (1, 1, 1)
    assert dict(
        Attendance.objects.filter(conference=conference).values_list(
            "person__given_name", "present"
        )
    ) == {
        ticked.person.given_name: True,
        cleared.person.given_name: False,
        untouched.person.given_name: False,
        "Andrei": True,
    }


def test_record_late_entry_sent_twice_changes_nothing_the_second_time(
    organiser, conference
):
    attendance = builders.attend(conference)
    Attendance.objects.filter(pk=attendance.pk).update(present=False)
    entry = {
        "actor": organiser,
        "conference": conference,
        "ticked": {attendance.pk},
        "cleared": set(),
        "walk_ins": [{"person_fields": _walk_in_fields(), "class_name": ""}],
    }
    services.record_late_entry(**entry)

    result = services.record_late_entry(**entry)

    assert result == (0, 0, 0)
    assert Attendance.objects.filter(conference=conference).count() == 2


def test_record_late_entry_ignores_attendances_of_other_conferences(
    organiser, edition, conference
):
    elsewhere = builders.attend(factories.make_conference(edition))
    Attendance.objects.filter(pk=elsewhere.pk).update(present=False)

    result = services.record_late_entry(
        actor=organiser,
        conference=conference,
        ticked={elsewhere.pk},
        cleared=set(),
        walk_ins=[],
    )

    elsewhere.refresh_from_db()
    assert result == (0, 0, 0)
    assert elsewhere.present is False
