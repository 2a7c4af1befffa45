"""The final's pages in a real browser, on a phone-sized screen.

Uses the browser suite's fixtures: without Chromium these are skipped with a
visible reason, and in CI they must run.
"""

import pytest
from django.urls import reverse

from competition.models import Juror, Prize
from tests import factories
from tests.browser.conftest import PHONE, browser, page_for  # noqa: F401 (fixtures)
from tests.competition import builders

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _final_of_ten():
    """A final as the organisers run it: ten finalists, three jurors, prizes."""
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


def test_organiser_pages_do_not_scroll_sideways_on_a_phone(page_for):  # noqa: F811 (fixture)
    organiser, final = _final_of_ten()
    page = page_for(organiser, viewport=PHONE)
    names = ["final_list", "final_detail", "results", "assignment_matrix"]

    scrolls = {}
    for name in names:
        kwargs = {} if name == "final_list" else {"pk": final.pk}
        page.goto(reverse(f"competition:{name}", kwargs=kwargs))
        scrolls[name] = _sideways_scroll(page)

    assert scrolls == dict.fromkeys(names, 0)


def test_juror_sees_the_next_pitch_first_on_a_phone(page_for):  # noqa: F811 (fixture)
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
    page = page_for(juror_user, viewport=PHONE)

    page.goto(reverse("competition:my_pitches"))
    button = page.locator("#next-pitch").bounding_box()
    current = page.locator(".pitch-list [aria-current=true]")
    marked = (current.count(), current.get_attribute("data-status"))
    page.click("#next-pitch")
    page.wait_for_url(
        f"**{reverse('competition:sheet', kwargs={'pk': assignments[7].pk})}"
    )

    assert marked == (1, "draft")
    # Within the first screen, tall enough for a thumb.
    assert button["y"] + button["height"] <= PHONE["height"]
    assert button["height"] >= 44
    assert page.locator("h1").inner_text() == "8. Echipa 8"
    assert _sideways_scroll(page) == 0
