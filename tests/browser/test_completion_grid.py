"""The completion grid used on a phone, in Chromium."""

import pytest
from django.urls import reverse

from cohorts.models import ModuleCompletion
from tests import factories
from tests.browser.conftest import PHONE
from tests.cohorts import builders

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_completion_grid_on_a_phone_keeps_names_and_boxes_in_view(page_for):
    edition = factories.make_edition("2026/2027")
    organiser = factories.make_user("organiser")
    (member,) = builders.make_members(edition, 1)
    member.person.given_name = "Cristian"
    member.person.family_name = "Dumitrescu-Stan-Moldovan"
    member.person.save()
    modules = builders.make_modules(edition, 13)
    page = page_for(organiser, viewport=PHONE)

    page.goto(reverse("cohorts:completion_grid"))
    name = page.locator("tbody th[scope=row]").bounding_box()
    first_box = page.locator(f"input[value='{member.pk}:{modules[0].pk}']")
    box = first_box.bounding_box()
    first_box.check()
    page.click("form button[type=submit].btn-primary")
    page.wait_for_load_state()

    assert name["x"] + name["width"] <= PHONE["width"] / 2
    assert box["x"] + box["width"] <= PHONE["width"]
    assert list(ModuleCompletion.objects.values_list("member", "module")) == [
        (member.pk, modules[0].pk)
    ]
