"""The final on a phone: the live page follows the chair, nothing typed is lost
when the connection drops, and the record prints to a PDF with diacritics.

Also the final's organiser pages on a phone, and the juror's next pitch.
"""

import re
import zlib

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from competition import services_jury, services_results
from competition.models import Juror, Prize, ScoreSheet
from tests import factories
from tests.browser.conftest import PHONE
from tests.competition import builders
from vsfa.models import AuditEvent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCORES = [5, 4, 4, 3, 5, 4]


def _sideways_scroll(page):
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def _live_final():
    edition = factories.make_edition("2026/2027")
    organiser = factories.make_user("organiser", full_name="Oana Organizatoare")
    final = builders.make_final(edition, organiser)
    first, second = builders.make_finalists(final, 2)
    juror_user = factories.make_user("juror", full_name="Ioana Jurata")
    juror = factories.make_juror(final, user=juror_user)
    assignments = [builders.assign(juror, first), builders.assign(juror, second)]
    services_jury.set_now_pitching(actor=organiser, final=final, finalist=first)
    return organiser, final, juror_user, assignments


def _choose(page, values):
    for value, fieldset in zip(
        values, page.locator("fieldset.criterion").all(), strict=False
    ):
        fieldset.locator("label", has_text=str(value)).click()


def test_the_live_page_keeps_a_sheet_through_a_dropped_connection(page_for):
    organiser, final, juror_user, (first, second) = _live_final()
    page = page_for(juror_user, viewport=PHONE)
    live = reverse("competition:live", kwargs={"pk": final.pk})
    page.on("dialog", lambda dialog: dialog.accept())

    page.goto(live)
    heading = page.locator("#now-pitching").inner_text()
    _choose(page, SCORES)
    page.context.set_offline(True)
    page.click("button[name=submit]")
    expect(page.locator("#sheet-status")).not_to_have_text("")
    offline_status = page.locator("#sheet-status").inner_text()
    submitted_while_offline = ScoreSheet.objects.get(assignment=first).is_locked
    page.context.set_offline(False)
    page.wait_for_selector("#sheet-locked", timeout=20_000)
    services_jury.set_now_pitching(
        actor=organiser, final=final, finalist=second.finalist
    )
    expect(page.locator("#now-pitching")).to_have_text("2. Echipa 2", timeout=20_000)
    submit_box = page.locator("button[name=submit]").bounding_box()

    sheet = ScoreSheet.objects.get(assignment=first)
    assert heading == "1. Echipa 1"
    assert offline_status == builders.ro(
        "No connection: your scores are kept on this phone and sent again "
        "automatically."
    )
    assert (submitted_while_offline, sheet.is_locked) == (False, True)
    assert [s.value for s in sheet.scores.order_by("criterion__order")] == SCORES
    assert (
        AuditEvent.objects.filter(
            action="sheet.submitted", object_id=str(sheet.pk)
        ).count()
    ) == 1
    assert submit_box["height"] >= 44
    assert _sideways_scroll(page) == 0


def test_choices_made_offline_come_back_after_a_reload(page_for):
    _organiser, final, juror_user, (first, _second) = _live_final()
    page = page_for(juror_user, viewport=PHONE)
    sheet_url = reverse("competition:sheet", kwargs={"pk": first.pk})

    page.goto(sheet_url)
    page.context.set_offline(True)
    _choose(page, SCORES[:3])
    page.context.set_offline(False)
    page.goto(sheet_url)
    checked = page.evaluate(
        "Array.from(document.querySelectorAll('input[type=radio]:checked'))"
        ".map((input) => input.value)"
    )
    # The draft reaches the server without a click once the page is back.
    expect(page.locator("#sheet-status")).to_have_text(
        builders.ro("Draft saved."), timeout=20_000
    )

    assert checked == ["5", "4", "4"]
    assert sorted(
        ScoreSheet.objects.get(assignment=first).scores.values_list("value", flat=True)
    ) == [4, 4, 5]


def _unicode_of_pdf(data):
    """The characters a PDF's fonts map to Unicode (its ToUnicode tables)."""
    chars = set()
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            text = zlib.decompress(match.group(1))
        except zlib.error:
            continue
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", text, re.S):
            for _code, target in re.findall(
                rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
            ):
                chars.add(bytes.fromhex(target.decode()).decode("utf-16-be"))
        for block in re.findall(rb"beginbfrange(.*?)endbfrange", text, re.S):
            for low, high, target in re.findall(
                rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
            ):
                start = int(target, 16)
                for offset in range(int(high, 16) - int(low, 16) + 1):
                    chars.add(chr(start + offset))
    return chars


def test_the_record_prints_to_a_pdf_with_romanian_diacritics(page_for):
    edition = factories.make_edition("2026/2027")
    organiser = factories.make_user("organiser", full_name="Oana Organizatoare")
    final = builders.make_final(edition, organiser)
    finalist = factories.make_finalist(
        final,
        members=[factories.make_member(edition)],
        name="Roșu și Vânătorii Înțelepți",
        pitch_order=1,
    )
    juror = factories.make_juror(final)
    builders.score(builders.assign(juror, finalist), SCORES, comment="Foarte bună")
    services_results.certify(actor=organiser, final=final)
    page = page_for(organiser)

    page.goto(reverse("competition:record", kwargs={"pk": final.pk}))
    page.emulate_media(media="print")
    header_shown = page.locator("header").is_visible()
    pdf = page.pdf(format="A4")

    assert pdf.startswith(b"%PDF-")
    assert header_shown is False
    assert {"ș", "ț", "ă", "â", "Î"} <= _unicode_of_pdf(pdf)


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
    Prize.objects.create(final=final, name="Marele premiu", place=1)
    return organiser, final


def test_organiser_pages_of_the_final_do_not_scroll_sideways_on_a_phone(page_for):
    organiser, final = _final_of_ten()
    names = (
        "final_detail",
        "results",
        "assignment_matrix",
        "live_control",
        "sheet_list",
        "record",
    )
    urls = {"final_list": reverse("competition:final_list")} | {
        name: reverse(f"competition:{name}", kwargs={"pk": final.pk}) for name in names
    }
    page = page_for(organiser, viewport=PHONE)

    scrolls = {}
    for name, url in urls.items():
        page.goto(url)
        scrolls[name] = _sideways_scroll(page)

    assert scrolls == dict.fromkeys(urls, 0)


def test_juror_sees_the_next_pitch_first_on_a_phone(page_for):
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
    page = page_for(juror_user, viewport=PHONE)

    page.goto(reverse("competition:my_pitches"))
    current = page.locator(".pitch-list [aria-current=true]")
    button = page.locator("#next-pitch").bounding_box()
    marked = (current.count(), current.get_attribute("data-status"))
    page.click("#next-pitch")
    page.wait_for_url(f"**{sheet}")

    assert marked == (1, "draft")
    # Tall enough for a thumb, and reachable without scrolling far.
    assert button["height"] >= 44
    assert (page.locator("h1").inner_text(), _sideways_scroll(page)) == (
        "8. Echipa 8",
        0,
    )
