"""Every form that takes a date of birth refuses an impossible one, keeping
what was typed."""

import datetime
import uuid

import pytest
from django.contrib import admin
from django.forms.models import model_to_dict
from django.urls import reverse

from cohorts.models import Application, Attendance
from tests import factories
from tests.cohorts import application_builders as ab
from vsfa.admin import PersonAdmin
from vsfa.models import Person

pytestmark = pytest.mark.django_db

FUTURE = "Data nașterii este în viitor."
TOO_OLD = "Peste 30 de ani la data conferinței."


@pytest.fixture
def client(client_for, organiser):
    return client_for(organiser)


@pytest.fixture
def conference(edition):
    # The conference of the report: a year before today's tests may run.
    return factories.make_conference(edition, date=datetime.date(2025, 11, 10))


def _person(birth_date):
    return {
        "given_name": "Radu",
        "family_name": "IONESCU",
        "class_name": "9A",
        "birth_date": birth_date,
        "email": "",
        "phone": "",
    }


@pytest.mark.parametrize(
    ("birth_date", "message"),
    [("2031-02-03", FUTURE), ("1940-02-03", TOO_OLD)],
)
def test_attendee_form_refuses_and_keeps_the_typed_values(
    client, conference, birth_date, message
):
    data = {**_person(birth_date), "school": "", "gender": "", "photo_consent": ""}

    response = client.post(
        reverse("cohorts:attendance_create", args=[conference.pk]), data
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"birth_date": [message]}
    assert f'value="{birth_date}"' in response.content.decode()
    assert 'value="IONESCU"' in response.content.decode()
    assert Attendance.objects.count() == 0


def test_attendee_form_takes_a_pupil_of_ten_on_the_conference_day(client, conference):
    data = {**_person("2015-11-10"), "school": "", "gender": "", "photo_consent": ""}

    client.post(reverse("cohorts:attendance_create", args=[conference.pk]), data)

    assert Attendance.objects.get().person.birth_date == datetime.date(2015, 11, 10)


def test_walk_in_at_the_door_refuses_a_future_birth_date(client, conference):
    url = reverse("cohorts:door_walk_in", kwargs={"conference_pk": conference.pk})

    response = client.post(url, _person("2031-02-03"))

    assert response.context["walk_in_form"].errors == {"birth_date": [FUTURE]}
    assert 'value="2031-02-03"' in response.content.decode()
    assert Attendance.objects.count() == 0


def test_late_entry_refuses_a_walk_in_too_old_for_the_programme(client, conference):
    url = reverse("cohorts:late_entry", kwargs={"conference_pk": conference.pk})
    data = {
        "shown": "",
        "walkin-TOTAL_FORMS": "1",
        "walkin-INITIAL_FORMS": "0",
        "walkin-MIN_NUM_FORMS": "0",
        "walkin-MAX_NUM_FORMS": "50",
        **{f"walkin-0-{k}": v for k, v in _person("1940-02-03").items()},
    }

    response = client.post(url, data)

    assert response.context["walk_ins"].errors == [{"birth_date": [TOO_OLD]}]
    assert 'value="1940-02-03"' in response.content.decode()
    assert Attendance.objects.count() == 0


@pytest.mark.parametrize(
    ("years", "message"),
    [
        (9, "Verificați data nașterii: aceasta indică o vârstă sub 10 ani."),
        (31, "Verificați data nașterii: aceasta indică o vârstă de peste 30 de ani."),
    ],
)
def test_application_form_refuses_an_implausible_age(client, edition, years, message):
    call = ab.open_call(edition)
    birth_date = ab.years_ago(years).isoformat()

    response = client.post(
        reverse("cohorts:apply", kwargs={"edition_pk": call.edition.pk}),
        ab.form_data(birth_date=birth_date),
        REMOTE_ADDR=f"10.9.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}",
    )

    assert response.context["form"].errors == {"birth_date": [message]}
    assert f'value="{birth_date}"' in response.content.decode()
    assert Application.objects.count() == 0


@pytest.mark.parametrize(
    ("birth_date", "errors"),
    [
        (datetime.date(2031, 2, 3), {"birth_date": [FUTURE]}),
        (datetime.date(1940, 2, 3), {"birth_date": [TOO_OLD]}),
        (datetime.date(2009, 3, 15), {}),
    ],
)
def test_admin_person_form_checks_against_the_first_conference(
    conference, birth_date, errors
):
    person = factories.make_person(given_name="Radu", family_name="Ionescu")
    Attendance.objects.create(conference=conference, person=person)
    data = {k: v for k, v in model_to_dict(person).items() if v is not None}

    form_class = PersonAdmin(Person, admin.site).get_form(None, person, change=True)

    form = form_class({**data, "birth_date": birth_date}, instance=person)

    assert form.errors == errors
