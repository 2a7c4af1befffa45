"""A participant who met the rule reads their page and takes the certificate, on a phone."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from pypdf import PdfReader

from tests import factories
from tests.browser.conftest import PHONE
from tests.cohorts import builders

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_graduate_reads_their_standing_and_downloads_the_certificate(page_for):
    edition = factories.make_edition("2026/2027")
    member = factories.make_participant(
        edition, given_name="Ștefania", family_name="Țăranu"
    )
    modules = builders.make_modules(edition, 13)
    workshops = builders.make_workshops(edition, 4)
    builders.complete(member, modules[:11])
    builders.mark(member, workshops[:3])
    page = page_for(member.person.user, viewport=PHONE)

    page.goto(reverse("cohorts:my_progress"))
    standing = page.locator("#completion-standing li")
    expect(standing).to_have_text(
        [
            "Module: 11 terminate, cele 11 necesare sunt atinse.",
            "Ateliere: 3 la care a participat, destule pentru regulă (3 din cele 4 "
            "planificate).",
        ]
    )
    overflows = page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )
    button = page.locator("#certificate a").bounding_box()
    with page.expect_download() as download:
        page.locator("#certificate a").click()
    pdf = PdfReader(download.value.path())

    assert overflows is False
    assert button["x"] >= 0
    assert button["x"] + button["width"] <= PHONE["width"]
    assert download.value.suggested_filename == "certificat-vsfa-20262027.pdf"
    assert "Ștefania Țăranu" in pdf.pages[0].extract_text().splitlines()
