"""A check-in filled in by a founder on a phone and confirmed by the mentor."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mentorship.models import CheckIn
from tests import factories
from tests.browser.conftest import PHONE
from tests.mentorship.builders import PDF, make_followed_startup

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _private_files_in_tmp(settings, tmp_path):
    settings.VSFA_PRIVATE_MEDIA_ROOT = tmp_path / "private"


def test_founder_fills_in_on_a_phone_and_the_mentor_confirms(page_for, tmp_path):
    edition = factories.make_edition("2026/2027")
    mentor = factories.make_mentor(factories.make_user("mentor", full_name="Mihai"))
    founder = factories.make_participant(edition, given_name="Ioana")
    startup = make_followed_startup(
        edition,
        mentors=[mentor],
        founders=[founder.person],
        name="Atelier Verde SRL",
        registration_date=timezone.localdate() - datetime.timedelta(days=32),
    )
    checkin = startup.checkins.get(number=1)
    evidence = tmp_path / "contract.pdf"
    evidence.write_bytes(PDF)
    phone = page_for(founder.person.user, viewport=PHONE)

    phone.goto(reverse("mentorship:checkin_submit", kwargs={"pk": checkin.pk}))
    phone.select_option("#id_status", "active")
    phone.select_option("#id_revenue_band", "lt10k")
    phone.fill("#id_customers", "7")
    # Two empty rows are there; the button adds a third.
    phone.click("#add-job-row")
    for index, (contract, started) in enumerate(
        [("full_time", "2026-01-05"), ("part_time", "2026-02-02"), ("founder", "")]
    ):
        phone.select_option(f"#id_jobs-{index}-contract_type", contract)
        if started:
            phone.fill(f"#id_jobs-{index}-started_on", started)
    phone.set_input_files("#id_files", str(evidence))
    page_width = phone.evaluate("document.documentElement.scrollWidth")
    phone.click("main form button.btn-lg")
    phone.wait_for_load_state()
    # The third row has no start date: refused, and what was typed is kept.
    refused = phone.locator("#id_jobs-2-started_on.is-invalid").count()
    kept = phone.input_value("#id_customers")
    phone.fill("#id_jobs-2-started_on", "2025-10-01")
    phone.set_input_files("#id_files", str(evidence))
    phone.click("main form button.btn-lg")
    phone.wait_for_url(f"**{reverse('mentorship:checkin_detail', args=[checkin.pk])}")
    draft = CheckIn.objects.get(pk=checkin.pk)

    laptop = page_for(mentor.user)
    laptop.goto(reverse("mentorship:checkin_update", kwargs={"pk": checkin.pk}))
    shown_draft = laptop.locator("#founder-draft").count()
    laptop.click("main form button.btn-lg")
    laptop.wait_for_url(f"**{reverse('mentorship:checkin_detail', args=[checkin.pk])}")
    confirmed = CheckIn.objects.get(pk=checkin.pk)

    assert page_width <= PHONE["width"]
    assert (refused, kept) == (1, "7")
    assert (draft.done_on, draft.customers, draft.jobs_created) == (None, 7, 2)
    assert draft.jobs.count() == 3
    assert list(draft.evidence.values_list("original_name", flat=True)) == [
        "contract.pdf"
    ]
    assert shown_draft == 1
    assert (confirmed.done_on, confirmed.recorded_by, confirmed.jobs_created) == (
        timezone.localdate(),
        mentor.user,
        2,
    )
