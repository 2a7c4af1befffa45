"""Searching a list in Chromium leaves no term in the address or the history."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests import factories
from tests.cohorts import builders

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _history(page):
    """The addresses of the tab's history, walked back from the current one."""
    entries = [page.url]
    for _ in range(page.evaluate("history.length") - 1):
        page.go_back()
        entries.append(page.url)
    return entries


@pytest.mark.parametrize(
    ("url_name", "field"),
    [
        ("cohorts:person_list", "#q"),
        ("cohorts:selection", "input[name=q]"),
        ("cohorts:member_list", "#q"),
    ],
)
def test_search_shows_matches_with_no_term_in_the_address(page_for, url_name, field):
    edition = factories.make_edition("2026/2027")
    organiser = factories.make_user("organiser")
    conference = factories.make_conference(edition)
    for given, family in (("Ștefan", "Niță"), ("Maria", "Ene")):
        attendance = builders.attend(conference, given_name=given, family_name=family)
        factories.make_member(edition, person=attendance.person)
    url = reverse(url_name)
    page = page_for(organiser)
    page.goto(url)

    page.fill(field, "stefan nita")
    page.press(field, "Enter")
    expect(page.locator(field)).to_have_value("stefan nita")
    shown = page.locator("table tbody").inner_text()
    after_search = page.url
    links = page.eval_on_selector_all(
        "a[href], form[action]",
        "nodes => nodes.map(n => n.getAttribute('href') || n.getAttribute('action'))",
    )
    history = _history(page)

    assert after_search.endswith(url)
    assert "Ștefan Niță" in shown
    assert "Maria Ene" not in shown
    assert [link for link in links if "stefan" in link or "nita" in link] == []
    assert [entry for entry in history if "stefan" in entry or "nita" in entry] == []


def test_clear_search_shows_everyone_again(page_for):
    organiser = factories.make_user("organiser")
    factories.make_person(given_name="Ștefan", family_name="Niță")
    factories.make_person(given_name="Maria", family_name="Ene")
    page = page_for(organiser)
    page.goto(reverse("cohorts:person_list"))
    page.fill("#q", "ene")
    page.press("#q", "Enter")
    expect(page.locator("#q")).to_have_value("ene")

    page.get_by_role("button", name="Ștergeți căutarea").click()
    expect(page.locator("#q")).to_have_value("")
    shown = page.locator("table tbody").inner_text()

    assert page.url.endswith(reverse("cohorts:person_list"))
    assert ("Ștefan Niță" in shown, "Maria Ene" in shown) == (True, True)
