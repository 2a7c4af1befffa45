"""A participant checks in to a running workshop with the room code, on a phone."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from cohorts.choices import WorkshopStatus
from cohorts.models import WorkshopAttendance
from tests import factories
from tests.browser.conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_participant_checks_in_with_the_room_code_on_a_phone(page_for):
    edition = factories.make_edition("2026/2027")
    member = factories.make_participant(edition, given_name="Ștefan")
    factories.make_workshop(
        edition,
        title="Atelier de prototipare",
        starts_at=timezone.now() - datetime.timedelta(minutes=5),
        check_in_code="KX7P2M",
    )
    page = page_for(member.person.user, viewport=PHONE)
    page.goto(reverse("cohorts:workshop_check_in"))
    code = page.get_by_label("Codul afișat în sală")

    code.fill("kx7p2n")
    page.get_by_role("button", name="Înregistrați-mă").click()
    expect(page.locator("#code-errors")).to_have_text(
        "Codul nu este corect. Verificați codul afișat în sală și scrieți-l din nou."
    )
    kept = code.input_value()
    code.fill("kx7p2m")
    page.get_by_role("button", name="Înregistrați-mă").click()
    page.wait_for_url(f"**{reverse('cohorts:my_progress')}")
    message = page.locator(".alert-success").inner_text()
    width = page.evaluate("document.documentElement.scrollWidth")

    assert kept == "kx7p2n"
    assert "V-ați înregistrat la Atelier de prototipare: prezent." in message
    assert list(WorkshopAttendance.objects.values_list("member", "status")) == [
        (member.pk, WorkshopStatus.PRESENT)
    ]
    assert width <= PHONE["width"]
