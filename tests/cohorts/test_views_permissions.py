"""Every cohorts page tried with every persona."""

import pytest
from django.urls import reverse

from tests import factories
from tests.cohorts import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(edition, participant):
    """One of everything, so that each page has an object to show."""
    conference = factories.make_conference(edition)
    attendance = builders.attend(conference, person=participant.person)
    return {
        "conference": conference,
        "attendance": attendance,
        "school": conference.school,
        "member": participant,
        "module": factories.make_module(edition, number=1),
        "workshop": factories.make_workshop(edition),
    }


ORGANISER_PAGES = [
    ("cohorts:conference_list", None),
    ("cohorts:conference_create", None),
    ("cohorts:conference_detail", "conference"),
    ("cohorts:conference_update", "conference"),
    ("cohorts:attendance_create", "conference"),
    ("cohorts:attendance_delete", "attendance"),
    ("cohorts:school_list", None),
    ("cohorts:school_create", None),
    ("cohorts:school_update", "school"),
    ("cohorts:person_list", None),
    ("cohorts:selection", None),
    ("cohorts:member_list", None),
    ("cohorts:member_remove", "member"),
    ("cohorts:member_waitlist_confirm", "member"),
    ("cohorts:member_withdraw", "member"),
    ("cohorts:module_list", None),
    ("cohorts:module_create", None),
    ("cohorts:module_update", "module"),
    ("cohorts:workshop_list", None),
    ("cohorts:workshop_create", None),
    ("cohorts:workshop_update", "workshop"),
    ("cohorts:workshop_attendance", "workshop"),
    ("cohorts:completion_grid", None),
]

ORGANISER_ACTIONS = [
    ("cohorts:selection_select", "person"),
    ("cohorts:selection_waitlist", "person"),
    ("cohorts:member_promote_next", None),
    ("cohorts:member_invite", "member"),
]


def _url(name, key, world):
    if key is None:
        return reverse(name)
    if key == "person":
        return reverse(name, args=[world["member"].person_id])
    kwarg = "conference_pk" if name == "cohorts:attendance_create" else "pk"
    return reverse(name, kwargs={kwarg: world[key].pk})


def _person_url(world):
    return reverse("cohorts:person_detail", args=[world["member"].person_id])


@pytest.mark.parametrize(("name", "key"), ORGANISER_PAGES)
def test_organiser_pages_work_for_organiser(client_for, personas, world, name, key):
    response = client_for(personas["organiser"]).get(_url(name, key, world))

    assert response.status_code == 200
    assert response.templates[0].name.startswith("cohorts/")


@pytest.mark.parametrize(("name", "key"), ORGANISER_PAGES)
@pytest.mark.parametrize(
    "persona", ["mentor", "juror", "participant", "other_participant"]
)
def test_organiser_pages_are_404_for_others(
    client_for, personas, world, name, key, persona
):
    response = client_for(personas[persona]).get(_url(name, key, world))

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("name", "key"), [*ORGANISER_PAGES, *ORGANISER_ACTIONS, ("person", None)]
)
def test_cohorts_pages_send_anonymous_to_sign_in(client, world, name, key):
    url = _person_url(world) if name == "person" else _url(name, key, world)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={url}"


@pytest.mark.parametrize(("name", "key"), ORGANISER_ACTIONS)
@pytest.mark.parametrize(
    "persona", ["mentor", "juror", "participant", "other_participant"]
)
def test_organiser_actions_are_404_for_others(
    client_for, personas, world, name, key, persona
):
    response = client_for(personas[persona]).post(_url(name, key, world))

    assert response.status_code == 404
    world["member"].refresh_from_db()
    assert world["member"].status == "selected"


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("organiser", 200),
        ("mentor", 404),
        ("juror", 404),
        ("participant", 404),
        ("other_participant", 404),
    ],
)
def test_person_detail_by_persona(client_for, personas, world, persona, expected):
    response = client_for(personas[persona]).get(_person_url(world))

    assert response.status_code == expected
