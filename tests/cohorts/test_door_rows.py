import datetime

import pytest
from django.utils import translation

from cohorts.models import Attendance
from cohorts.selectors import DoorRow
from cohorts.templatetags.door_rows import door_row
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def conference():
    edition = factories.make_edition()
    return factories.make_conference(edition, school=factories.make_school("CT <A>"))


@pytest.fixture
def person():
    return factories.make_person(given_name="Ana <b>", family_name="O'Neil & Pop")


def test_someone_checked_in_shows_the_time_and_an_undo_button(conference, person):
    attendance = Attendance(
        conference=conference,
        person=person,
        class_name="10B",
        school=conference.school,
        present=True,
        # 08:05 UTC is 11:05 in Bucharest in October.
        checked_in_at=datetime.datetime(2026, 10, 1, 8, 5, tzinfo=datetime.UTC),
    )
    row = DoorRow.of(attendance)

    with translation.override("en"):
        written = door_row(row, conference)

    name = "Ana &lt;b&gt; O&#x27;Neil &amp; Pop"
    assert written == (
        f'<li class="list-group-item door-row d-flex align-items-center gap-2" '
        f'id="door-row-{person.pk}"><div class="flex-grow-1 text-break">'
        f'<span class="fw-semibold">{name}</span>'
        '<span class="d-block small text-body-secondary">10B · CT &lt;A&gt;</span>'
        '<span class="d-block small fw-semibold text-success-emphasis">'
        '<span aria-hidden="true">✓</span> Present 11:05</span></div>'
        '<button class="btn btn-outline-secondary btn-door" type="submit" '
        f'name="person" value="{person.pk}" '
        f'formaction="/conferences/{conference.pk}/door/undo/" data-door-action>'
        f'Undo<span class="visually-hidden">: {name}</span></button></li>'
    )


def test_someone_not_on_the_list_gets_a_present_button(conference, person):
    row = DoorRow(person, None)

    with translation.override("ro"):
        written = door_row(row, conference)

    assert (
        '<span class="d-block small text-body-secondary">nu este pe listă</span>'
        in (written)
    )
    assert (
        f'formaction="/conferences/{conference.pk}/door/check-in/" data-door-action>'
        "Prezent<span"
    ) in written
    assert "✓" not in written


def test_a_walk_in_says_so_after_the_class(conference, person):
    attendance = Attendance(
        conference=conference,
        person=person,
        class_name="9A",
        walk_in=True,
        present=True,
        checked_in_at=None,
    )

    with translation.override("en"):
        written = door_row(DoorRow.of(attendance), conference)

    assert (
        '<span class="d-block small text-body-secondary">9A · walk-in</span>'
        '<span class="d-block small fw-semibold text-success-emphasis">'
        '<span aria-hidden="true">✓</span> Present</span>'
    ) in written
