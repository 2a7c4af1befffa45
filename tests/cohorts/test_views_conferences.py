import datetime

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _

from cohorts.models import Attendance, Conference, Guest, School
from tests import factories
from tests.cohorts import builders
from vsfa.models import AuditEvent, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client_for, organiser):
    return client_for(organiser)


@pytest.fixture
def conference(edition):
    return factories.make_conference(
        edition, school=factories.make_school("Colegiul Tehnic Iuliu Maniu")
    )


def _attendee(**fields):
    return {
        "given_name": "ștefan",
        "family_name": "NIȚĂ",
        "birth_date": "2009-03-15",
        "class_name": "10B",
        "school": "",
        "email": "",
        "phone": "0722 123 456",
        "gender": "male",
        "photo_consent": "true",
        **fields,
    }


def test_school_create_saves_and_lists(client):
    response = client.post(
        reverse("cohorts:school_create"),
        {"name": "Colegiul  Tehnic „Petru Maior”", "short_name": "CT Petru Maior"},
    )

    assert response.status_code == 302
    assert response.url == reverse("cohorts:school_list")
    school = School.objects.get()
    assert school.name == "Colegiul Tehnic „Petru Maior”"
    listing = client.post(reverse("cohorts:school_list"), {"q": "petru"}, follow=True)
    assert list(listing.context["page_obj"]) == [school]


def test_school_update_changes_the_name(client, conference):
    school = conference.school

    client.post(
        reverse("cohorts:school_update", args=[school.pk]),
        {"name": "Colegiul Tehnic Iuliu Maniu", "short_name": "CT Maniu"},
    )

    school.refresh_from_db()
    assert school.short_name == "CT Maniu"


def _new_conference(school, **fields):
    return {
        "school": school.pk,
        "date": "2026-10-15",
        "venue": "Aula",
        "expected_audience": "",
        "notes": "",
        "guests-TOTAL_FORMS": "2",
        "guests-INITIAL_FORMS": "0",
        "guests-MIN_NUM_FORMS": "0",
        "guests-MAX_NUM_FORMS": "2",
        "guests-0-name": "Andreea Vlad",
        "guests-0-company": "",
        "guests-1-name": "",
        "guests-1-company": "",
        **fields,
    }


def test_conference_create_with_two_guests(client, edition):
    school = factories.make_school()

    response = client.post(
        reverse("cohorts:conference_create"),
        _new_conference(
            school,
            **{
                "expected_audience": "120",
                "guests-0-company": "Croco SRL",
                "guests-1-name": "Radu Munteanu",
            },
        ),
    )

    conference = Conference.objects.get()
    assert response.url == reverse("cohorts:conference_detail", args=[conference.pk])
    assert (conference.edition, conference.date) == (
        edition,
        datetime.date(2026, 10, 15),
    )
    assert list(conference.guests.values_list("order", "name", "company")) == [
        (1, "Andreea Vlad", "Croco SRL"),
        (2, "Radu Munteanu", ""),
    ]


def test_conference_create_sent_twice_creates_one(client, edition):
    school = factories.make_school("CT Petru Maior")
    data = _new_conference(school)

    client.post(reverse("cohorts:conference_create"), data)
    again = client.post(reverse("cohorts:conference_create"), data)

    assert Conference.objects.count() == 1
    assert again.status_code == 200
    assert again.context["form"].errors == {
        "date": [
            _("%(school)s already has a conference on this date.") % {"school": school}
        ]
    }
    assert 'value="Aula"' in again.content.decode()
    assert Guest.objects.count() == 1


def test_conference_of_another_edition_on_the_same_day_is_kept(client, edition):
    school = factories.make_school()
    factories.make_conference(
        factories.make_edition(current=False), school=school, date="2026-10-15"
    )

    client.post(reverse("cohorts:conference_create"), _new_conference(school))

    assert Conference.objects.filter(edition=edition).count() == 1


def test_conference_update_onto_another_s_day_is_refused(client, edition):
    school = factories.make_school()
    factories.make_conference(edition, school=school, date="2026-10-15")
    moved = factories.make_conference(edition, school=school, date="2026-11-15")

    response = client.post(
        reverse("cohorts:conference_update", args=[moved.pk]),
        _new_conference(school),
    )

    assert list(response.context["form"].errors) == ["date"]
    moved.refresh_from_db()
    assert moved.date == datetime.date(2026, 11, 15)


def test_conference_update_replaces_guests(client, conference):
    Guest.objects.create(conference=conference, name="Old Guest", order=1)
    form = client.get(reverse("cohorts:conference_update", args=[conference.pk]))
    guest_id = form.context["formset"].forms[0].instance.pk

    client.post(
        reverse("cohorts:conference_update", args=[conference.pk]),
        {
            "school": conference.school_id,
            "date": "2026-10-16",
            "venue": "",
            "expected_audience": "",
            "notes": "",
            "guests-TOTAL_FORMS": "2",
            "guests-INITIAL_FORMS": "1",
            "guests-MIN_NUM_FORMS": "0",
            "guests-MAX_NUM_FORMS": "2",
            "guests-0-id": str(guest_id),
            "guests-0-conference": str(conference.pk),
            "guests-0-name": "New Guest",
            "guests-0-company": "Nou SRL",
            "guests-1-name": "",
            "guests-1-company": "",
        },
    )

    conference.refresh_from_db()
    assert conference.date == datetime.date(2026, 10, 16)
    assert list(conference.guests.values_list("name", "company")) == [
        ("New Guest", "Nou SRL")
    ]


def test_conference_create_keeps_typed_values_on_error(client, edition):
    response = client.post(
        reverse("cohorts:conference_create"),
        {
            "school": "",
            "date": "15.10.2026x",
            "venue": "Aula mare",
            "guests-TOTAL_FORMS": "2",
            "guests-INITIAL_FORMS": "0",
            "guests-MIN_NUM_FORMS": "0",
            "guests-MAX_NUM_FORMS": "2",
        },
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"school", "date"}
    assert 'value="Aula mare"' in response.content.decode()
    assert Conference.objects.count() == 0


def test_conference_list_shows_counts(client, conference):
    builders.make_attendees(conference, 3)

    response = client.get(reverse("cohorts:conference_list"))

    (row,) = response.context["page_obj"]
    assert (row.pk, row.attendee_count) == (conference.pk, 3)


def test_conference_list_shows_only_the_edition_viewed(client, conference):
    factories.make_conference(factories.make_edition(current=False))

    response = client.get(reverse("cohorts:conference_list"))

    assert [row.pk for row in response.context["page_obj"]] == [conference.pk]


def test_conference_detail_searches_without_diacritics(client, conference):
    wanted = builders.attend(conference, given_name="Ştefan", family_name="Şerban")
    builders.attend(conference, given_name="Maria", family_name="Ene")

    response = client.post(
        reverse("cohorts:conference_detail", args=[conference.pk]),
        {"q": "stefan"},
        follow=True,
    )

    assert list(response.context["page_obj"]) == [wanted]
    assert response.context["attendance_count"] == 2


def test_conference_detail_links_the_upload_when_it_exists(client, conference):
    response = client.get(reverse("cohorts:conference_detail", args=[conference.pk]))

    upload = reverse("cohorts:import_upload", kwargs={"conference_pk": conference.pk})
    assert f'href="{upload}"' in response.content.decode()


def test_attendance_create_makes_person_and_attendance(client, conference):
    response = client.post(
        reverse("cohorts:attendance_create", args=[conference.pk]), _attendee()
    )

    assert response.url == reverse("cohorts:conference_detail", args=[conference.pk])
    attendance = Attendance.objects.get()
    person = attendance.person
    assert (person.given_name, person.family_name) == ("Ștefan", "Niță")
    assert (person.phone, person.gender, person.photo_consent) == (
        "+40 722 123 456",
        "male",
        True,
    )
    assert (attendance.conference, attendance.class_name) == (conference, "10B")
    assert AuditEvent.objects.filter(action="attendance.added").count() == 1


def test_attendance_create_reuses_person_by_email(client, conference):
    known = factories.make_person(
        given_name="Ana", family_name="Pop", email="ana@example.org"
    )

    client.post(
        reverse("cohorts:attendance_create", args=[conference.pk]),
        _attendee(given_name="Ana", family_name="Pop", email="ANA@example.org"),
    )

    assert Person.objects.count() == 1
    assert Attendance.objects.get().person == known


def test_attendance_create_reuses_person_by_folded_name_and_birth(client, conference):
    known = factories.make_person(
        given_name="Ştefan",
        family_name="Niţă",
        birth_date=datetime.date(2009, 3, 15),
    )

    client.post(
        reverse("cohorts:attendance_create", args=[conference.pk]),
        _attendee(given_name="STEFAN", family_name="nita"),
    )

    assert list(Person.objects.all()) == [known]
    known.refresh_from_db()
    # The blanks of the known person are filled in, nothing is typed over.
    assert (known.given_name, known.phone) == ("Ștefan", "+40 722 123 456")


def test_attendance_create_name_alone_makes_a_new_person(client, conference):
    factories.make_person(given_name="Ștefan", family_name="Niță")

    client.post(
        reverse("cohorts:attendance_create", args=[conference.pk]),
        _attendee(birth_date=""),
    )

    assert Person.objects.count() == 2


def test_attendance_create_sent_twice_records_once(client, conference):
    data = _attendee(birth_date="", email="")

    client.post(reverse("cohorts:attendance_create", args=[conference.pk]), data)
    client.post(reverse("cohorts:attendance_create", args=[conference.pk]), data)

    assert (Person.objects.count(), Attendance.objects.count()) == (1, 1)


def test_attendance_create_refuses_a_bad_phone_and_keeps_values(client, conference):
    response = client.post(
        reverse("cohorts:attendance_create", args=[conference.pk]),
        _attendee(phone="12"),
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["phone"]
    assert 'value="NIȚĂ"' in response.content.decode()
    assert Attendance.objects.count() == 0


def test_attendance_delete_asks_then_removes(client, conference):
    attendance = builders.attend(conference)
    url = reverse("cohorts:attendance_delete", args=[attendance.pk])

    confirm = client.get(url)
    response = client.post(url)

    assert confirm.templates[0].name == "cohorts/attendance_confirm_delete.html"
    assert Attendance.objects.filter(pk=attendance.pk).exists() is False
    assert Person.objects.filter(pk=attendance.person_id).exists() is True
    assert response.url == reverse("cohorts:conference_detail", args=[conference.pk])


def test_person_list_searches_without_diacritics(client, conference):
    wanted = builders.attend(conference, given_name="Țuțu", family_name="Șișu").person
    builders.attend(conference, given_name="Maria", family_name="Ene")

    response = client.post(
        reverse("cohorts:person_list"), {"q": "tutu sisu"}, follow=True
    )

    assert [person.pk for person in response.context["page_obj"]] == [wanted.pk]


def test_person_detail_shows_attendances_and_membership(client, edition, conference):
    attendance = builders.attend(conference)
    member = factories.make_member(edition, person=attendance.person)

    response = client.get(reverse("cohorts:person_detail", args=[attendance.person_id]))

    assert list(response.context["attendances"]) == [attendance]
    assert list(response.context["memberships"]) == [member]
