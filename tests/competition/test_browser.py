"""The final's pages in a real Chromium, on a phone-sized screen.

Chromium is driven from a thread of its own: the browser suite keeps its
Playwright open for the whole session in the main thread, and two sync
Playwrights cannot share one thread. Without Chromium these tests are skipped
with a visible reason; in CI (VSFA_REQUIRE_BROWSER=1) they must run.
"""

import os
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from competition.models import Juror, Prize
from tests import factories
from tests.browser.conftest import CHROMIUM, LAUNCH_ARGS, PHONE, REQUIRED
from tests.competition import builders

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _drive(base_url, cookie, steps):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            context = browser.new_context(
                viewport=PHONE, base_url=base_url, locale="ro-RO"
            )
            context.add_cookies([cookie])
            page = context.new_page()
            page.set_default_timeout(15_000)
            return steps(page)
        finally:
            browser.close()


@pytest.fixture
def on_a_phone(live_server):
    """``run(user, steps)``: ``steps(page)`` on a phone, signed in as ``user``.

    ``steps`` returns what the test asserts; it must not touch the database.
    """
    if not os.path.exists(CHROMIUM):
        if REQUIRED:
            pytest.fail("Chromium is required (VSFA_REQUIRE_BROWSER=1) but missing.")
        pytest.skip("Browser tests skipped: Chromium is not installed here.")

    def run(user, steps):
        client = Client()
        client.force_login(user)
        name = settings.SESSION_COOKIE_NAME
        cookie = {"name": name, "value": client.cookies[name].value}
        cookie["url"] = live_server.url
        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(_drive, live_server.url, cookie, steps).result()

    return run


def _final_of_ten():
    """A final as the organisers run it: ten finalists, five jurors, a prize."""
    edition = factories.make_edition("2026/2027")
    organiser = factories.make_user("organiser", full_name="Oana Organizatoare")
    final = builders.make_final(edition, organiser)
    finalists = [
        factories.make_finalist(
            final,
            members=[
                factories.make_member(
                    edition,
                    factories.make_person("Ana-Maria", "Dumitrescu-Stan-Moldovan"),
                )
                for _ in range(3)
            ],
            name=f"Echipa cu un nume lung de proiect {number}",
            pitch_order=number,
        )
        for number in range(1, 11)
    ]
    jurors = [
        factories.make_juror(
            final, user=factories.make_user("juror", full_name="Ruxandra Pavel")
        )
        for _ in range(5)
    ]
    Juror.objects.filter(final=final).update(
        affiliation="Direcția Economică, Primăria Sectorului 6"
    )
    for finalist in finalists:
        for juror in jurors:
            builders.score(builders.assign(juror, finalist), [4, 3, 5, 4, 3, 4])
    Prize.objects.create(final=final, name="Marele premiu", finalist=finalists[0])
    return organiser, final


def _sideways_scroll(page):
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_organiser_pages_do_not_scroll_sideways_on_a_phone(on_a_phone):
    organiser, final = _final_of_ten()
    urls = {
        "final_list": reverse("competition:final_list"),
        **{
            name: reverse(f"competition:{name}", kwargs={"pk": final.pk})
            for name in ("final_detail", "results", "assignment_matrix")
        },
    }

    def steps(page):
        scrolls = {}
        for name, url in urls.items():
            page.goto(url)
            scrolls[name] = _sideways_scroll(page)
        return scrolls

    assert on_a_phone(organiser, steps) == dict.fromkeys(urls, 0)


def test_juror_sees_the_next_pitch_first_on_a_phone(on_a_phone):
    edition = factories.make_edition("2026/2027")
    final = builders.make_final(edition, factories.make_user("organiser"))
    juror_user = factories.make_user("juror", full_name="Ioana Jurata")
    juror = factories.make_juror(final, user=juror_user)
    assignments = [
        builders.assign(juror, finalist)
        for finalist in builders.make_finalists(final, 10)
    ]
    for assignment in assignments[:7]:
        builders.score(assignment, [4] * 6)
    builders.score(assignments[7], [3, None, None, None, None, None], submit=False)
    sheet = reverse("competition:sheet", kwargs={"pk": assignments[7].pk})

    def steps(page):
        page.goto(reverse("competition:my_pitches"))
        current = page.locator(".pitch-list [aria-current=true]")
        seen = {
            "button": page.locator("#next-pitch").bounding_box(),
            "marked": (current.count(), current.get_attribute("data-status")),
        }
        page.click("#next-pitch")
        page.wait_for_url(f"**{sheet}")
        seen["heading"] = page.locator("h1").inner_text()
        seen["scroll"] = _sideways_scroll(page)
        return seen

    seen = on_a_phone(juror_user, steps)

    assert seen["marked"] == (1, "draft")
    # Within the first screen, tall enough for a thumb.
    button = seen["button"]
    assert button["y"] + button["height"] <= PHONE["height"]
    assert button["height"] >= 44
    assert (seen["heading"], seen["scroll"]) == ("8. Echipa 8", 0)
