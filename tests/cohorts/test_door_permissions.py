"""Every page and action at the door tried with every persona."""

import pytest
from django.urls import reverse

from cohorts.models import Attendance
from tests import factories
from tests.cohorts import builders
from vsfa.models import AuditEvent

pytestmark = pytest.mark.django_db

PAGES = ["door", "signin_sheet", "late_entry"]
ACTIONS = ["door_search", "door_check_in", "door_undo", "door_walk_in"]
OTHERS = ["mentor", "juror", "participant", "other_participant"]


@pytest.fixture
def world(edition, participant):
    """A conference whose list holds the participant, not yet present."""
    conference = factories.make_conference(edition)
    attendance = builders.attend(conference, person=participant.person)
    Attendance.objects.filter(pk=attendance.pk).update(present=False)
    return {"conference": conference, "person": participant.person}


def _url(name, world):
    return reverse(f"cohorts:{name}", kwargs={"conference_pk": world["conference"].pk})


def _data(name, world):
    if name == "door_search":
        return {"q": "stefan"}
    if name == "door_walk_in":
        return {"given_name": "Andrei", "family_name": "Dobre"}
    return {"person": world["person"].pk}


def _present(world):
    return list(
        Attendance.objects.filter(conference=world["conference"]).values_list(
            "person__given_name", "present"
        )
    )


@pytest.mark.parametrize("name", PAGES)
def test_door_pages_work_for_organiser(client_for, personas, world, name):
    response = client_for(personas["organiser"]).get(_url(name, world))

    assert response.status_code == 200
    assert "Niță" in response.content.decode()


@pytest.mark.parametrize("name", PAGES + ACTIONS)
@pytest.mark.parametrize("persona", OTHERS)
def test_door_pages_and_actions_are_404_for_others(
    client_for, personas, world, name, persona
):
    client = client_for(personas[persona])

    read = client.get(_url(name, world))
    sent = client.post(_url(name, world), _data(name, world))

    assert (read.status_code, sent.status_code) == (404, 404)
    assert _present(world) == [("Ștefan", False)]
    assert AuditEvent.objects.count() == 0
    assert "door_query_" not in "".join(client.session.keys())


@pytest.mark.parametrize("name", PAGES + ACTIONS)
def test_door_pages_and_actions_send_anonymous_to_sign_in(client, world, name):
    url = _url(name, world)

    read = client.get(url)
    sent = client.post(url, _data(name, world))

    assert (read.status_code, sent.status_code) == (302, 302)
    assert read.url == sent.url == f"/accounts/login/?next={url}"
    assert _present(world) == [("Ștefan", False)]


def test_door_check_in_works_for_organiser(client_for, personas, world):
    response = client_for(personas["organiser"]).post(
        _url("door_check_in", world), _data("door_check_in", world)
    )

    assert response.status_code == 302
    assert _present(world) == [("Ștefan", True)]


def test_door_walk_in_works_for_organiser(client_for, personas, world):
    response = client_for(personas["organiser"]).post(
        _url("door_walk_in", world), _data("door_walk_in", world)
    )

    assert response.status_code == 302
    assert sorted(_present(world)) == [("Andrei", True), ("Ștefan", False)]


def test_door_search_and_undo_work_for_organiser(client_for, personas, world):
    client = client_for(personas["organiser"])
    client.post(_url("door_check_in", world), _data("door_check_in", world))

    searched = client.post(_url("door_search", world), _data("door_search", world))
    undone = client.post(_url("door_undo", world), _data("door_undo", world))

    assert (searched.status_code, undone.status_code) == (302, 302)
    assert client.session[f"door_query_{world['conference'].pk}"] == "stefan"
    assert _present(world) == [("Ștefan", False)]


def test_door_pages_of_a_missing_conference_are_404(client_for, personas):
    client = client_for(personas["organiser"])

    responses = [
        client.get(reverse(f"cohorts:{name}", kwargs={"conference_pk": 999999}))
        for name in PAGES
    ]

    assert [response.status_code for response in responses] == [404, 404, 404]
