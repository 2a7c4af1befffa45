"""The list pages cost the same number of queries for one row and for many."""

import pytest
from django.urls import reverse

from tests import factories
from tests.cohorts import builders

pytestmark = pytest.mark.django_db


def _conferences(edition, count):
    for _ in range(count):
        conference = factories.make_conference(edition)
        builders.make_attendees(conference, 2)
        conference.guests.create(name="Andreea Vlad", company="Croco SRL", order=1)


def _schools(edition, count):
    for _ in range(count):
        factories.make_conference(edition)


def _people(edition, count):
    builders.make_attendees(factories.make_conference(edition), count)


def _attendees(edition, count):
    conference = factories.make_conference(edition)
    builders.make_members(edition, count, conference=conference)
    builders.make_attendees(conference, count)


def _members(edition, count):
    members = builders.make_members(edition, count)
    modules = builders.make_modules(edition, 2)
    workshops = builders.make_workshops(edition, 2)
    for member in members:
        builders.complete(member, modules)
        builders.mark(member, workshops)


def _modules(edition, count):
    builders.make_modules(edition, count)


def _workshops(edition, count):
    for workshop in builders.make_workshops(edition, count):
        builders.mark(builders.make_members(edition, 1)[0], [workshop])


def _grid(edition, count):
    members = builders.make_members(edition, count)
    modules = builders.make_modules(edition, 13)
    for member in members:
        builders.complete(member, modules[:5])


def _conference_detail(edition, count):
    conference = factories.make_conference(edition)
    builders.make_attendees(conference, count)
    return [conference.pk]


def _workshop_attendance(edition, count):
    workshop = factories.make_workshop(edition)
    for member in builders.make_members(edition, count):
        builders.mark(member, [workshop])
    return [workshop.pk]


def _person_detail(edition, count):
    """A person who attended ``count`` conferences and is a member of ``count``
    editions."""
    person = factories.make_person()
    for _ in range(count):
        other = factories.make_edition(current=False)
        builders.attend(factories.make_conference(other), person=person)
        factories.make_member(other, person=person)
    return [person.pk]


PAGES = [
    ("cohorts:conference_list", _conferences, 7),
    ("cohorts:school_list", _schools, 6),
    ("cohorts:person_list", _people, 6),
    ("cohorts:selection", _attendees, 8),
    ("cohorts:member_list", _members, 10),
    ("cohorts:module_list", _modules, 6),
    ("cohorts:workshop_list", _workshops, 6),
    ("cohorts:completion_grid", _grid, 7),
    ("cohorts:conference_detail", _conference_detail, 10),
    ("cohorts:workshop_attendance", _workshop_attendance, 7),
    ("cohorts:person_detail", _person_detail, 7),
]


@pytest.mark.parametrize("count", [1, 40])
@pytest.mark.parametrize(("name", "build", "queries"), PAGES)
def test_list_page_queries_do_not_grow(
    client_for,
    organiser,
    edition,
    django_assert_num_queries,
    name,
    build,
    queries,
    count,
):
    args = build(edition, count)
    client = client_for(organiser)

    with django_assert_num_queries(queries):
        response = client.get(reverse(name, args=args))

    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 75])
def test_completion_grid_queries_at_1_and_75(
    client_for, organiser, edition, django_assert_num_queries, count
):
    _grid(edition, count)
    client = client_for(organiser)

    with django_assert_num_queries(7):
        response = client.get(reverse("cohorts:completion_grid"))

    assert len(response.context["rows"]) == count
