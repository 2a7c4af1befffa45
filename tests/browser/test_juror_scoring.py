"""A juror scores a pitch on a phone-sized screen, with one thumb."""

import pytest
from django.urls import reverse

from competition.models import ScoreSheet
from tests import factories
from tests.browser.conftest import PHONE
from tests.competition import builders

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _juror_on_a_phone(page_for):
    """A juror's phone and their one pitch to score."""
    edition = factories.make_edition("2026/2027")
    organiser = factories.make_user("organiser")
    final = builders.make_final(edition, organiser)
    finalist = builders.make_finalists(final, 1)[0]
    juror_user = factories.make_user("juror", full_name="Ioana Jurata")
    assignment = builders.assign(factories.make_juror(final, user=juror_user), finalist)
    return page_for(juror_user, viewport=PHONE), assignment


def test_juror_scores_and_submits_on_a_phone(page_for):
    page, assignment = _juror_on_a_phone(page_for)

    page.goto(reverse("competition:my_pitches"))
    page.click(
        f"a[href='{reverse('competition:sheet', kwargs={'pk': assignment.pk})}']"
    )
    labels = page.locator(".score-choice label")
    boxes = [labels.nth(index).bounding_box() for index in range(labels.count())]
    for value, fieldset in zip(
        [5, 4, 4, 3, 5, 4], page.locator("fieldset.criterion").all(), strict=True
    ):
        fieldset.locator("label", has_text=str(value)).click()
    page.fill("textarea[name=comment]", "Prezentare clară")
    page.on("dialog", lambda dialog: dialog.accept())
    page.click("button[name=submit]")
    page.wait_for_url(f"**{reverse('competition:my_pitches')}")

    sheet = ScoreSheet.objects.get(assignment=assignment)
    assert sheet.submitted_at is not None
    assert sorted(sheet.scores.values_list("value", flat=True)) == [3, 4, 4, 4, 5, 5]
    assert sheet.comment == "Prezentare clară"
    # Six criteria of five choices, each a target a thumb can hit (44px and up),
    # and nothing wider than the phone.
    assert len(boxes) == 30
    assert min(min(box["width"], box["height"]) for box in boxes) >= 44
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.locator(".pitch-list [data-status='submitted']").count() == 1


def test_a_half_filled_sheet_is_refused_without_asking_and_a_full_one_asks(
    page_for,
):
    page, assignment = _juror_on_a_phone(page_for)
    dialogs = []

    def answer(dialog):
        dialogs.append(dialog.message)
        dialog.accept()

    page.on("dialog", answer)
    page.goto(reverse("competition:sheet", kwargs={"pk": assignment.pk}))
    fieldsets = page.locator("fieldset.criterion").all()
    for fieldset in fieldsets[:3]:
        fieldset.locator("label", has_text="4").click()
    page.click("button[name=submit]")
    page.locator("fieldset.criterion.is-invalid").first.wait_for()
    half = (
        list(dialogs),
        page.locator("fieldset.criterion.is-invalid").count(),
        page.locator(".invalid-feedback").all_inner_texts(),
    )
    for fieldset in page.locator("fieldset.criterion").all()[3:]:
        fieldset.locator("label", has_text="5").click()
    page.click("button[name=submit]")
    page.wait_for_url(f"**{reverse('competition:my_pitches')}")

    assert half == ([], 3, ["Notați acest criteriu înainte de trimitere."] * 3)
    assert dialogs == ["Trimiteți aceste note? După aceea fișa se blochează."]
    sheet = ScoreSheet.objects.get(assignment=assignment)
    assert sheet.submitted_at is not None
    assert sorted(sheet.scores.values_list("value", flat=True)) == [4, 4, 4, 5, 5, 5]
