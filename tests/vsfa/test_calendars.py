"""The ICS files: parsed back, each event at its exact instant in UTC."""

import datetime
import re

import pytest
from django.urls import reverse
from icalendar import Calendar

from tests import factories
from tests.mentorship.builders import make_session
from vsfa.timezones import local_zone

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
CALENDAR = reverse("mentorship:my_calendar")


def bucharest(*args, fold=0):
    return datetime.datetime(*args, tzinfo=local_zone(), fold=fold)


def events(response):
    calendar = Calendar.from_ical(response.content)
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


def instants(event):
    return event.decoded("dtstart"), event.decoded("dtend")


@pytest.fixture
def dst_workshops(edition):
    """Workshops on and around the two nights the clocks change in 2027."""
    times = {
        "Înainte de ora de vară": bucharest(2027, 3, 27, 10, 0),
        "Noaptea orei de vară": bucharest(2027, 3, 28, 2, 30),
        "Dimineața orei de vară": bucharest(2027, 3, 28, 4, 0),
        "După ora de vară": bucharest(2027, 3, 29, 10, 0),
        "Înainte de ora de iarnă": bucharest(2027, 10, 30, 10, 0),
        "Prima 03:30": bucharest(2027, 10, 31, 3, 30, fold=0),
        "A doua 03:30": bucharest(2027, 10, 31, 3, 30, fold=1),
        "După ora de iarnă": bucharest(2027, 11, 1, 10, 0),
    }
    for title, starts_at in times.items():
        factories.make_workshop(
            edition,
            title=title,
            starts_at=starts_at,
            duration_minutes=60,
            place="Sala 12, CT Gheorghe Airinei",
        )


def test_participant_calendar_times_across_both_changes(
    client_for, participant, dst_workshops
):
    response = client_for(participant.person.user).get(CALENDAR)

    found = {summary: instants(event) for summary, event in events(response).items()}
    hour = datetime.timedelta(hours=1)
    expected = {
        "Înainte de ora de vară": datetime.datetime(2027, 3, 27, 8, 0, tzinfo=UTC),
        "Noaptea orei de vară": datetime.datetime(2027, 3, 28, 0, 30, tzinfo=UTC),
        "Dimineața orei de vară": datetime.datetime(2027, 3, 28, 1, 0, tzinfo=UTC),
        "După ora de vară": datetime.datetime(2027, 3, 29, 7, 0, tzinfo=UTC),
        "Înainte de ora de iarnă": datetime.datetime(2027, 10, 30, 7, 0, tzinfo=UTC),
        "Prima 03:30": datetime.datetime(2027, 10, 31, 0, 30, tzinfo=UTC),
        "A doua 03:30": datetime.datetime(2027, 10, 31, 1, 30, tzinfo=UTC),
        "După ora de iarnă": datetime.datetime(2027, 11, 1, 8, 0, tzinfo=UTC),
    }
    assert found == {
        f"Atelier: {title}": (start, start + hour) for title, start in expected.items()
    }


def test_calendar_file_headers_and_event_fields(client_for, participant, edition):
    workshop = factories.make_workshop(
        edition, title="Prețuri", place="Sala 12", duration_minutes=180
    )

    response = client_for(participant.person.user).get(CALENDAR)

    event = events(response)["Atelier: Prețuri"]
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="vsfa-calendar.ics"'
    )
    assert str(event["uid"]) == f"vsfa-workshop-{workshop.pk}@127.0.0.1"
    assert str(event["location"]) == "Sala 12"
    assert re.search(rb"\r\nDTSTAMP:\d{8}T\d{6}Z\r\n", response.content)
    assert b"DTSTART:20270310T160000Z" in response.content


def test_calendar_uids_stay_the_same(client_for, participant, edition):
    factories.make_workshop(edition)
    client = client_for(participant.person.user)

    first = [str(e["uid"]) for e in events(client.get(CALENDAR)).values()]
    second = [str(e["uid"]) for e in events(client.get(CALENDAR)).values()]

    assert first == second


def test_participant_calendar_has_their_group_sessions_only(
    client_for, edition, mentor_user, participant, other_participant
):
    mine = factories.make_group(
        edition, mentors=[mentor_user.mentor], members=[participant], name="Alfa"
    )
    other = factories.make_group(
        edition, mentors=[mentor_user.mentor], members=[other_participant], name="Beta"
    )
    make_session(
        mine,
        mentor_user.mentor,
        starts_at=bucharest(2027, 10, 31, 3, 30, fold=1),
        duration_minutes=90,
    )
    make_session(other, mentor_user.mentor)

    response = client_for(participant.person.user).get(CALENDAR)

    found = events(response)
    assert list(found) == ["Sesiune de mentorat: Alfa"]
    assert instants(found["Sesiune de mentorat: Alfa"]) == (
        datetime.datetime(2027, 10, 31, 1, 30, tzinfo=UTC),
        datetime.datetime(2027, 10, 31, 3, 0, tzinfo=UTC),
    )


def test_mentor_calendar_has_edition_workshops_and_their_groups_sessions(
    client_for, edition, mentor_user, participant
):
    group = factories.make_group(
        edition, mentors=[mentor_user.mentor], members=[participant], name="Alfa"
    )
    make_session(group, mentor_user.mentor)
    factories.make_workshop(edition, title="Pitch")
    elsewhere = factories.make_edition("2030/2031", current=False)
    factories.make_workshop(elsewhere, title="Altă ediție")

    response = client_for(mentor_user).get(CALENDAR)

    assert sorted(events(response)) == ["Atelier: Pitch", "Sesiune de mentorat: Alfa"]


def test_calendar_of_a_withdrawn_participant_is_empty(client_for, participant, edition):
    factories.make_workshop(edition)
    participant.status = "withdrawn"
    participant.save()

    response = client_for(participant.person.user).get(CALENDAR)

    assert events(response) == {}
