import pytest

from tests import factories
from tests.browser.conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_participant_signs_in_on_a_phone_and_sees_romanian_home(page_for):
    edition = factories.make_edition("2026/2027")
    member = factories.make_participant(
        edition, given_name="Ștefan", family_name="Niță"
    )

    page = page_for(member.person.user, viewport=PHONE)

    assert page.locator("html").get_attribute("lang") == "ro"
    assert (
        page.locator("h1").inner_text()
        == f"Bun venit, {member.person.user.get_short_name()}"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
