"""An organiser imports a school's attendance file in the browser."""

import datetime

import pytest
from django.urls import reverse

from cohorts.models import Attendance, MatchProposal
from tests import factories, samples
from tests.cohorts.importing import builders
from vsfa.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AIRINEI = "Colegiul Tehnic de Poștă și Telecomunicații „Gheorghe Airinei”"
ASACHI = "Colegiul Tehnic „Gheorghe Asachi”"


def upload(page, conference, filename):
    page.goto(reverse("cohorts:conference_detail", args=[conference.pk]))
    page.click(f"a[href='{reverse('cohorts:import_upload', args=[conference.pk])}']")
    page.set_input_files("input[type=file]", str(samples.attendance_file(filename)))
    page.click("form[enctype] button[type=submit]")
    page.wait_for_selector("#counts-title")


def count(page, label):
    term = page.locator("#counts-title + dl dt", has_text=label)
    return int(term.locator("xpath=following-sibling::dd").inner_text())


@pytest.fixture
def samples_present():
    samples.attendance_file(".")


def test_organiser_imports_class_list_then_confirms_cross_school_match(
    page_for, samples_present
):
    edition = factories.make_edition("2026/2027")
    organiser = factories.make_user("organiser")
    airinei = factories.make_conference(
        edition,
        factories.make_school(AIRINEI),
        date=datetime.date(2026, 10, 15),
    )
    asachi = factories.make_conference(
        edition, factories.make_school(ASACHI), date=datetime.date(2026, 10, 12)
    )
    page = page_for(organiser)

    upload(page, airinei, "ct-gheorghe-airinei-2026-10-15.csv")
    preview_rows = count(page, "Rânduri citite")
    page.click("form[action$='/confirm/'] button[type=submit]")
    page.wait_for_selector("text=Ce a făcut importul")
    upload(page, asachi, "ct-gheorghe-asachi-formular.csv")
    page.click("form[action$='/confirm/'] button[type=submit]")
    page.wait_for_selector("text=Ce a făcut importul")
    matches_after_form = count(page, "Potriviri de confirmat")
    page.goto(reverse("cohorts:match_list"))
    page.click("form:has(input[name=decision][value=same]) button[type=submit]")
    page.wait_for_load_state()

    assert preview_rows == 28
    assert matches_after_form == 1
    assert Attendance.objects.filter(conference=airinei).count() == 28
    assert Attendance.objects.filter(conference=asachi).count() == 23
    bianca = Person.objects.active().get(search_name="bianca balan")
    assert sorted(
        bianca.attendances.values_list("conference__school__name", flat=True)
    ) == sorted([AIRINEI, ASACHI])
    assert MatchProposal.objects.get().status == "confirmed"
    assert Person.objects.active().count() == 28 + 23 - 1


def test_a_stale_preview_offers_to_read_the_file_again(page_for):
    edition = factories.make_edition("2026/2027")
    organiser = factories.make_user("organiser")
    conference = factories.make_conference(edition, date=datetime.date(2026, 11, 5))
    lines = [["Nume", "Prenume", "Clasa"], ["POPESCU", "Ana", "X A"]]
    preview = builders.preview(
        organiser, conference, "a.csv", builders.csv_bytes([*lines, ["ION", "Radu"]])
    )
    builders.import_now(organiser, conference, "b.csv", builders.csv_bytes(lines))
    page = page_for(organiser)

    page.goto(reverse("cohorts:import_detail", args=[preview.pk]))
    notice = page.locator(".alert-warning", has_text="să nu mai fie la zi")
    shown = notice.count()
    notice.get_by_role("button", name="Citiți din nou").click()
    page.wait_for_selector("text=Fișierul a fost citit din nou")

    assert shown == 1
    assert page.locator(".alert-warning", has_text="la zi").count() == 0
