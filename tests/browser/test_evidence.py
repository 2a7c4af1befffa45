"""A participant sends a module with a file; their mentor opens it and confirms."""

import pytest
from django.urls import reverse

from cohorts.choices import EvidenceStatus
from cohorts.models import ModuleCompletion
from tests import factories
from tests.browser.conftest import LAPTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n% dovada\n"


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_participant_sends_and_mentor_confirms(page_for, tmp_path, viewport):
    edition = factories.make_edition("2026/2027")
    member = factories.make_participant(
        edition, given_name="Ștefania", family_name="Țăranu"
    )
    module = factories.make_module(edition, number=4, title="Propunerea de valoare")
    mentor_user = factories.make_user("mentor")
    factories.make_mentor(user=mentor_user)
    factories.make_group(edition, mentors=[mentor_user.mentor], members=[member])
    upload = tmp_path / "canvas.pdf"
    upload.write_bytes(PDF)

    participant_page = page_for(member.person.user, viewport=viewport)
    participant_page.goto(reverse("cohorts:my_progress"))
    finished = participant_page.locator(
        f"a[href='{reverse('cohorts:evidence_submit', args=[module.pk])}']"
    )
    finished_text = finished.inner_text()
    finished.click()
    participant_page.fill("input[name=url]", "https://example.org/canvas")
    participant_page.set_input_files("input[name=file]", str(upload))
    participant_page.fill("textarea[name=note]", "Canvasul echipei")
    participant_page.get_by_role("button", name="Trimiteți").click()
    participant_page.wait_for_url(f"**{reverse('cohorts:my_progress')}")
    status = participant_page.locator("#modules-remaining [data-status=submitted]")
    status_box = status.bounding_box()
    page_width = participant_page.evaluate("document.documentElement.scrollWidth")

    mentor_page = page_for(mentor_user, viewport=viewport)
    mentor_page.goto(reverse("cohorts:evidence_queue"))
    item = mentor_page.locator("#evidence-queue li").first
    item_text = item.inner_text()
    with mentor_page.expect_download() as download:
        item.get_by_role("link", name="Deschideți fișierul").click()
    item.get_by_role("button", name="Confirmați").click()
    mentor_page.wait_for_load_state()
    alert = mentor_page.locator(".alert-success").inner_text()

    assert finished_text.startswith("Am terminat")
    assert status.inner_text() == "Așteaptă confirmarea"
    assert status_box["x"] + status_box["width"] <= viewport["width"]
    assert page_width <= viewport["width"]
    assert "Ștefania Țăranu" in item_text
    assert "Canvasul echipei" in item_text
    assert download.value.suggested_filename == "modul-4.pdf"
    assert "Modulul 4. Propunerea de valoare al lui Ștefania Țăranu" in alert
    completion = ModuleCompletion.objects.get()
    assert (completion.status, completion.reviewed_by) == (
        EvidenceStatus.CONFIRMED,
        mentor_user,
    )
