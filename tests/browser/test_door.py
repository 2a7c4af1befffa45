"""Check-in at the door on a phone, in Chromium."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from cohorts.models import Attendance
from tests import factories
from tests.browser.conftest import PHONE
from tests.cohorts import builders
from vsfa.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _count(page, key):
    return page.locator(f"#door-counts [data-count='{key}']").inner_text()


def test_check_in_on_a_phone_search_tap_undo_and_walk_in(page_for):
    edition = factories.make_edition("2026/2027")
    organiser = factories.make_user("organiser")
    conference = factories.make_conference(edition, expected_audience=30)
    stefan = builders.attend(
        conference, given_name="Ștefan", family_name="Niță", class_name="10B"
    )
    builders.attend(conference, given_name="Maria", family_name="Ene")
    Attendance.objects.filter(conference=conference).update(present=False)
    page = page_for(organiser, viewport=PHONE)
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    door_url = reverse("cohorts:door", kwargs={"conference_pk": conference.pk})
    page.goto(door_url)
    row = page.locator(f"#door-row-{stefan.person.pk}")
    others = page.locator("#door-results .door-row")

    page.locator("#door-search input[name=q]").press_sequentially("stefan")
    expect(others).to_have_count(1)
    found = others.all_inner_texts()
    row.locator("button[data-door-action]").click()
    expect(page.locator("#door-counts [data-count='present']")).to_have_text("1")
    present_after_tap = _count(page, "present")
    stefan.refresh_from_db()
    stefan_after_tap = stefan.present
    row.locator("button[data-door-action]").click()
    expect(page.locator("#door-counts [data-count='present']")).to_have_text("0")
    stefan.refresh_from_db()
    stefan_after_undo = stefan.present
    page.locator("#door-walk-in summary").click()
    page.fill("#door-walk-in-form input[name=given_name]", "Andrei")
    page.fill("#door-walk-in-form input[name=family_name]", "Dobre")
    page.fill("#door-walk-in-form input[name=class_name]", "9A")
    page.locator("#door-walk-in-form button[type=submit]").click()
    expect(page.locator("#door-counts [data-count='walk_ins']")).to_have_text("1")
    width = page.evaluate("document.documentElement.scrollWidth")

    assert len(found) == 1
    assert found[0].startswith("Ștefan Niță")
    assert (present_after_tap, stefan_after_tap, stefan_after_undo) == (
        "1",
        True,
        False,
    )
    assert (_count(page, "present"), _count(page, "expected")) == ("1", "30")
    assert _count(page, "registered") == "2"
    walk_in = Attendance.objects.get(conference=conference, walk_in=True)
    assert (walk_in.person.full_name, walk_in.class_name, walk_in.present) == (
        "Andrei Dobre",
        "9A",
        True,
    )
    assert Person.objects.count() == 3
    # Everything happened on the one page, and no address carried the search.
    assert page.url.endswith(door_url)
    assert [url for url in requested if "stefan" in url.lower()] == []
    assert width <= PHONE["width"]


def _door_on_a_phone(page_for):
    """An organiser's phone on the door page of a conference whose one pupil,
    Ștefan Niță, has not arrived yet: ``(page, door address, his attendance)``."""
    edition = factories.make_edition("2026/2027")
    organiser = factories.make_user("organiser")
    conference = factories.make_conference(edition, expected_audience=30)
    stefan = builders.attend(conference, given_name="Ștefan", family_name="Niță")
    Attendance.objects.filter(conference=conference).update(present=False)
    page = page_for(organiser, viewport=PHONE)
    return (
        page,
        reverse("cohorts:door", kwargs={"conference_pk": conference.pk}),
        stefan,
    )


def test_undo_of_the_last_marked_present_stays_on_the_page(page_for):
    page, door_url, stefan = _door_on_a_phone(page_for)
    page.goto(door_url)
    page.locator(f"#door-row-{stefan.person.pk} button[data-door-action]").click()
    expect(page.locator("#door-counts [data-count='present']")).to_have_text("1")
    loads = []
    page.on("load", lambda loaded: loads.append(loaded.url))

    page.locator("#door-last button[data-door-action]").click()

    expect(page.locator("#door-counts [data-count='present']")).to_have_text("0")
    expect(page.locator("#door-status")).not_to_be_empty()
    stefan.refresh_from_db()
    assert stefan.present is False
    assert page.locator("#door-last form").count() == 0
    assert loads == []


def test_tap_on_a_phone_without_the_script_reloads_the_same_count(page_for):
    page, door_url, stefan = _door_on_a_phone(page_for)
    # Block the page's own script: the forms alone must do the work.
    page.route("**/cohorts/door.js", lambda route: route.abort())
    page.goto(door_url)

    page.fill("#door-search input[name=q]", "stefan")
    page.locator("#door-search button[type=submit]").first.click()
    page.wait_for_load_state()
    with page.expect_navigation():
        page.locator(f"#door-row-{stefan.person.pk} button[data-door-action]").click()

    stefan.refresh_from_db()
    assert stefan.present is True
    assert _count(page, "present") == "1"
    assert page.url.endswith(door_url)
    assert page.locator("#door-search input[name=q]").input_value() == "stefan"
