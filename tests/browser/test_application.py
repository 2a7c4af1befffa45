"""An applicant applies on a phone; an organiser selects them on a laptop."""

import pytest
from django.urls import reverse

from cohorts.choices import MemberStatus
from cohorts.models import Application, CohortMember
from tests import factories
from tests.browser.conftest import LAPTOP, PHONE
from tests.cohorts import application_builders as ab

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page, width):
    return page.evaluate("document.documentElement.scrollWidth") <= width


def test_apply_on_a_phone_then_be_selected_on_a_laptop(page_for):
    edition = factories.make_edition("2026/2027")
    ab.open_call(edition)
    organiser = factories.make_user("organiser", full_name="Oana Organizatoare")
    conference = factories.make_conference(
        edition, factories.make_school("Colegiul Tehnic Gheorghe Asachi")
    )
    attendee = factories.make_person(
        given_name="Bianca", family_name="Bălan", email="bianca.balan@example.org"
    )
    attendee.attendances.create(conference=conference, class_name="11C")

    phone = page_for(viewport=PHONE)
    phone.goto(reverse("cohorts:apply", kwargs={"edition_pk": edition.pk}))
    form_fits = _fits(phone, PHONE["width"])
    phone.fill("input[name=given_name]", "Bianca")
    phone.fill("input[name=family_name]", "Bălan")
    phone.fill("input[name=birth_date]", ab.years_ago(17).isoformat())
    phone.select_option("select[name=gender]", "female")
    phone.fill("input[name=email]", "Bianca.Balan@example.org")
    phone.fill("input[name=phone]", "0722 123 456")
    phone.select_option("select[name=school]", str(conference.school_id))
    phone.fill("input[name=class_name]", "11C")
    phone.fill("textarea[name=motivation]", "Vreau să-mi pornesc propria afacere.")
    phone.fill("textarea[name=idea]", "Un atelier de reparat biciclete la școală.")
    phone.check("input[name=data_consent]")
    phone.click("form button[type=submit]")
    phone.wait_for_url(f"**/apply/{edition.pk}/thanks/")
    thanks_title = phone.title()
    thanks_fits = _fits(phone, PHONE["width"])

    laptop = page_for(organiser, viewport=LAPTOP)
    laptop.goto(reverse("cohorts:application_list"))
    application = Application.objects.get()
    row = laptop.locator(f"tr[data-application='{application.pk}']")
    conferences_shown = row.locator("[data-key=conferences]").inner_text()
    row.locator("form[action$='/select/'] button").click()
    laptop.wait_for_selector(".alert-success")
    row = laptop.locator(f"tr[data-application='{application.pk}']")
    decision_shown = row.locator("[data-key=decision]").inner_text()
    places_shown = laptop.locator("[data-key=selected] .value").inner_text()

    assert (form_fits, thanks_fits) == (True, True)
    assert "Bianca" not in thanks_title
    assert application.person == attendee
    assert conferences_shown == "1"
    member = CohortMember.objects.get()
    assert (member.person, member.status) == (attendee, MemberStatus.SELECTED)
    assert decision_shown == member.get_status_display()
    assert places_shown == "1 / 75"
