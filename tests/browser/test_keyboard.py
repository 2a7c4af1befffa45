"""Four journeys with the keyboard alone, the focus visible at every step.

An organiser imports a class list, a mentor logs a session, a juror scores a
pitch and a participant reads their progress: Tab, Shift+Tab, Enter, Space
and the arrow keys only, no click.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cohorts.choices import ImportStatus
from cohorts.models import AttendanceImport
from competition.models import ScoreSheet
from mentorship.models import GroupSession
from tests import factories
from tests.browser.pages import context_as, focus_shown, focused_matches, tab_to
from tests.cohorts.importing import builders as import_builders
from tests.competition import builders as competition_builders

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def keyboard_page(browser, live_server):
    """A page signed in as a user, in a context closed after the test."""
    contexts = []

    def open_page(user, url):
        context = context_as(browser, live_server, user)
        contexts.append(context)
        page = context.new_page()
        page.goto(url)
        return page

    yield open_page
    for context in contexts:
        context.close()


def test_skip_link_is_first_shown_on_focus_and_moves_to_the_content(
    keyboard_page, organiser, edition
):
    page = keyboard_page(organiser, reverse("home"))

    page.keyboard.press("Tab")
    skip_first = focused_matches(page, "a.skip-link")
    skip_shown = focus_shown(page)
    page.keyboard.press("Enter")

    assert (skip_first, skip_shown) == (True, True)
    assert page.evaluate("document.activeElement.id") == "main"


def test_organiser_imports_a_class_list_with_the_keyboard(
    keyboard_page, organiser, edition, tmp_path
):
    conference = factories.make_conference(edition)
    class_list = tmp_path / "lista.csv"
    class_list.write_bytes(
        import_builders.csv_bytes(
            [["Nume", "Prenume", "Clasa"], ["POPA", "Ilinca", "IX A"]]
        )
    )
    page = keyboard_page(
        organiser, reverse("cohorts:conference_detail", args=[conference.pk])
    )
    shown = []

    tab_to(page, f"a[href='{reverse('cohorts:import_upload', args=[conference.pk])}']")
    shown.append(focus_shown(page))
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{reverse('cohorts:import_upload', args=[conference.pk])}")
    tab_to(page, "input[type=file]")
    shown.append(focus_shown(page))
    # Space on a focused file input opens the browser's own dialog; whether
    # headless Chromium reports it in time varies with the machine's load, so
    # the file is given to the focused input directly.
    page.set_input_files("input[type=file]:focus", class_list)
    tab_to(page, "form[enctype] button[type=submit]")
    shown.append(focus_shown(page))
    page.keyboard.press("Enter")
    page.wait_for_selector("#counts-title")
    commit = reverse("cohorts:import_commit", args=[AttendanceImport.objects.get().pk])
    tab_to(page, f"form[action='{commit}'] button")
    shown.append(focus_shown(page))
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert shown == [True, True, True, True]
    assert list(AttendanceImport.objects.values_list("status", flat=True)) == [
        ImportStatus.COMMITTED
    ]
    assert conference.attendances.count() == 1


def test_mentor_logs_a_session_with_the_keyboard_errors_tied_to_fields(
    keyboard_page, edition, mentor_user, participant, other_participant
):
    group = factories.make_group(
        edition, mentors=[mentor_user.mentor], members=[participant, other_participant]
    )
    url = reverse("mentorship:session_create", kwargs={"group_pk": group.pk})
    page = keyboard_page(mentor_user, url)

    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".invalid-feedback")
    page.wait_for_load_state()
    # The first field in error (the date is today's already) has the focus,
    # so its error is read out.
    focus_on_error = focused_matches(page, "[name=time][aria-invalid=true]")
    topics = page.locator("[name=topics]")
    described_by = topics.get_attribute("aria-describedby") or ""
    errors_tied = [
        page.locator(f"#{ident}").inner_text()
        for ident in described_by.split()
        if page.locator(f"#{ident}.invalid-feedback").count()
    ]
    invalid = topics.get_attribute("aria-invalid")
    shown = [focus_shown(page)]
    page.keyboard.type("1730")
    offered_date = page.input_value("[name=date]")
    # Shift+Tab goes back through the time's parts to the date's year: a year
    # earlier is always past, whatever order the browser's language gives day
    # and month.
    for _ in range(4):
        page.keyboard.press("Shift+Tab")
        if focused_matches(page, "[name=date]"):
            break
    # The date's calendar button comes after its year.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("ArrowDown")
    typed_date = page.input_value("[name=date]")
    tab_to(page, "[name=topics]")
    shown.append(focus_shown(page))
    page.keyboard.type("Interviuri cu clienții")
    # Nobody starts ticked: Space ticks the one who came.
    tab_to(page, f"[name=attendees][value='{participant.pk}']")
    shown.append(focus_shown(page))
    page.keyboard.press("Space")
    tab_to(page, "main form button[type=submit]")
    shown.append(focus_shown(page))
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{reverse('mentorship:session_list', args=[group.pk])}")

    assert focus_on_error is True
    assert typed_date < offered_date
    assert invalid == "true"
    assert errors_tied == ["Acest câmp este obligatoriu."]
    assert shown == [True, True, True, True]
    session = GroupSession.objects.get(group=group)
    assert session.topics == "Interviuri cu clienții"
    started = timezone.localtime(session.starts_at)
    assert (started.date().isoformat(), started.time()) == (
        typed_date,
        datetime.time(17, 30),
    )
    assert list(session.attendees.all()) == [participant]


def test_juror_scores_a_pitch_with_the_keyboard(keyboard_page, edition, organiser):
    final = competition_builders.make_final(edition, organiser)
    finalist = competition_builders.make_finalists(final, 1)[0]
    juror_user = factories.make_user("juror")
    assignment = competition_builders.assign(
        factories.make_juror(final, user=juror_user), finalist
    )
    page = keyboard_page(juror_user, reverse("competition:my_pitches"))
    page.on("dialog", lambda dialog: dialog.accept())
    shown = []

    tab_to(page, f"a[href='{reverse('competition:sheet', args=[assignment.pk])}']")
    shown.append(focus_shown(page))
    page.keyboard.press("Enter")
    page.wait_for_selector("#score-sheet")
    for score in [5, 4, 4, 3, 5, 4]:
        # Tab enters the criterion's radios; Space takes 1, each arrow one more.
        tab_to(page, "fieldset.criterion input[type=radio]:not(:checked)")
        shown.append(focus_shown(page))
        page.keyboard.press("Space")
        for _ in range(score - 1):
            page.keyboard.press("ArrowRight")
    tab_to(page, "textarea[name=comment]")
    page.keyboard.type("Prezentare clară")
    tab_to(page, "button[name=submit]")
    shown.append(focus_shown(page))
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{reverse('competition:my_pitches')}")

    assert shown == [True] * 8
    sheet = ScoreSheet.objects.get(assignment=assignment)
    assert sheet.submitted_at is not None
    assert sorted(sheet.scores.values_list("value", flat=True)) == [3, 4, 4, 4, 5, 5]
    assert sheet.comment == "Prezentare clară"


def test_participant_reaches_their_progress_and_every_stop_shows_focus(
    keyboard_page, participant
):
    page = keyboard_page(participant.person.user, reverse("home"))

    tab_to(page, f"nav a[href='{reverse('cohorts:my_progress')}']")
    menu_shown = focus_shown(page)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{reverse('cohorts:my_progress')}")
    unseen = []
    stops = 0
    # Tab past the last stop leaves the page: the focus falls back on <body>.
    while stops < 200:
        page.keyboard.press("Tab")
        if focused_matches(page, "body"):
            break
        stops += 1
        if not focus_shown(page):
            unseen.append(page.evaluate("document.activeElement.outerHTML"))

    assert menu_shown is True
    assert 5 < stops < 200
    assert unseen == []
