"""merge_people: one human being, every record of both kept."""

import datetime

import pytest

from cohorts.models import Attendance, CohortMember, ModuleCompletion
from mentorship.models import Founder
from tests import factories
from vsfa.models import AuditEvent, Person
from vsfa.services import MergeConflict, merge_people


@pytest.fixture
def pair(db):
    keep = factories.make_person(
        "Bianca", "Bălan", birth_date=datetime.date(2008, 4, 23)
    )
    remove = factories.make_person("Bianca", "Bălan", email="bianca@exemplu.ro")
    return keep, remove


def _attend(conference, person, **fields):
    return Attendance.objects.create(conference=conference, person=person, **fields)


def test_attendances_of_both_end_on_the_kept_record(edition, organiser, pair):
    keep, remove = pair
    first, second = (
        factories.make_conference(edition),
        factories.make_conference(edition),
    )
    _attend(first, keep)
    _attend(second, remove)

    merge_people(actor=organiser, keep=keep, remove=remove)

    remove.refresh_from_db()
    assert sorted(keep.attendances.values_list("conference", flat=True)) == sorted(
        [first.pk, second.pk]
    )
    assert remove.merged_into == keep
    assert list(Person.objects.active()) == [keep]


def test_same_conference_twice_keeps_one_attendance_with_both_details(
    edition, organiser, pair
):
    keep, remove = pair
    conference = factories.make_conference(edition)
    kept = _attend(conference, keep, class_name="")
    _attend(conference, remove, class_name="XII C", declared_age=18)

    merge_people(actor=organiser, keep=keep, remove=remove)

    kept.refresh_from_db()
    assert Attendance.objects.count() == 1
    assert (kept.person, kept.class_name, kept.declared_age) == (keep, "XII C", 18)


def test_kept_record_takes_missing_details_and_the_account(organiser, pair):
    keep, remove = pair
    account = factories.make_user("participant")
    Person.objects.filter(pk=remove.pk).update(user=account, phone="+40 734 062 800")

    merge_people(actor=organiser, keep=keep, remove=remove)

    keep.refresh_from_db()
    remove.refresh_from_db()
    assert (keep.birth_date, keep.email, keep.phone, keep.user) == (
        datetime.date(2008, 4, 23),
        "bianca@exemplu.ro",
        "+40 734 062 800",
        account,
    )
    assert remove.user is None


def test_cohort_place_startup_and_earlier_merges_move(edition, organiser, pair):
    keep, remove = pair
    member = factories.make_member(edition, person=remove)
    startup = factories.make_startup(edition, founders=[remove])
    older = factories.make_person("Bianca", "Balan", merged_into=remove)

    merge_people(actor=organiser, keep=keep, remove=remove)

    member.refresh_from_db()
    older.refresh_from_db()
    assert member.person == keep
    assert list(startup.founders.all()) == [keep]
    assert Founder.objects.get().person == keep
    assert older.merged_into == keep


def test_merge_is_audited(organiser, pair):
    keep, remove = pair

    merge_people(actor=organiser, keep=keep, remove=remove)

    event = AuditEvent.objects.get(action="person.merged")
    assert (event.actor, event.object_id, event.data["removed"]) == (
        organiser,
        str(keep.pk),
        remove.pk,
    )
    assert event.data["filled"] == ["email"]


def test_two_accounts_cannot_be_merged(organiser, pair):
    keep, remove = pair
    Person.objects.filter(pk=keep.pk).update(user=factories.make_user("participant"))
    Person.objects.filter(pk=remove.pk).update(user=factories.make_user("participant"))

    with pytest.raises(MergeConflict):
        merge_people(actor=organiser, keep=keep, remove=remove)

    remove.refresh_from_db()
    assert remove.merged_into is None


def test_duplicate_row_with_records_of_its_own_stops_the_merge(
    edition, organiser, pair
):
    keep, remove = pair
    conference = factories.make_conference(edition)
    _attend(conference, remove)
    factories.make_member(edition, person=keep)
    removed_member = factories.make_member(edition, person=remove)
    ModuleCompletion.objects.create(
        member=removed_member,
        module=factories.make_module(edition),
        completed_on=datetime.date(2027, 3, 1),
    )

    with pytest.raises(MergeConflict):
        merge_people(actor=organiser, keep=keep, remove=remove)

    remove.refresh_from_db()
    assert remove.merged_into is None
    assert CohortMember.objects.filter(person=remove).count() == 1
    assert Attendance.objects.get().person == remove


def test_a_record_is_not_merged_into_itself(organiser, pair):
    keep, _ = pair

    with pytest.raises(MergeConflict):
        merge_people(actor=organiser, keep=keep, remove=keep)

    keep.refresh_from_db()
    assert keep.merged_into is None


def test_a_merged_record_is_not_merged_again(organiser, pair):
    keep, remove = pair
    merge_people(actor=organiser, keep=keep, remove=remove)
    third = factories.make_person("Bianca", "Bălan")

    with pytest.raises(MergeConflict):
        merge_people(actor=organiser, keep=third, remove=remove)

    remove.refresh_from_db()
    assert remove.merged_into == keep
