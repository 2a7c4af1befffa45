"""A preview shows who each row is now; counts of proposals are live."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from cohorts.choices import ImportStatus, MatchStatus
from cohorts.importing import selectors, services
from cohorts.importing.matching import NEW
from cohorts.models import Attendance, AttendanceImport, MatchProposal
from tests import factories
from tests.cohorts.importing import builders
from vsfa.models import Person

pytestmark = pytest.mark.django_db

BOTH = builders.csv_bytes(
    [["Nume", "Prenume", "Clasa"], ["POPESCU", "Ana", "X A"], ["ION", "Radu", "X B"]]
)
ANA = builders.csv_bytes([["Nume", "Prenume", "Clasa"], ["POPESCU", "Ana", "X A"]])


@pytest.fixture
def stale(organiser, conference):
    """A preview of Ana and Radu, then Ana imported from another file."""
    preview = builders.preview(organiser, conference, "a.csv", BOTH)
    builders.import_now(organiser, conference, "b.csv", ANA)
    return preview


def _proposal(committed):
    return MatchProposal.objects.create(
        person=factories.make_person("Dan", "Pop"),
        candidate=factories.make_person("Dan", "Pop"),
        reason="proposal_school_class",
        source_import=committed,
    )


def _messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def _shown(response):
    return [str(message) for message in response.context["messages"]]


def _actions(attendance_import):
    return [row["action"] for row in attendance_import.summary["rows"]]


def test_a_preview_made_before_an_import_is_stale(stale):
    assert selectors.preview_is_stale(stale) is True
    assert _actions(stale) == [NEW, NEW]


def test_a_preview_with_nothing_changed_since_is_not_stale(organiser, conference):
    preview = builders.preview(organiser, conference, "a.csv", BOTH)

    assert selectors.preview_is_stale(preview) is False


def test_a_decided_match_makes_a_preview_stale(organiser, conference):
    committed = builders.import_now(organiser, conference, "b.csv", ANA)
    proposal = _proposal(committed)
    preview = builders.preview(organiser, conference, "a.csv", BOTH)

    services.decide_match(actor=organiser, proposal=proposal, same_person=False)

    assert selectors.preview_is_stale(preview) is True


def test_a_change_in_another_edition_leaves_a_preview_fresh(organiser, conference):
    preview = builders.preview(organiser, conference, "a.csv", BOTH)
    other = factories.make_conference(
        factories.make_edition(name="2024/2025", current=False)
    )

    Attendance.objects.create(
        conference=other, person=factories.make_person("Ion", "Radu")
    )

    assert selectors.preview_is_stale(preview) is False


def test_opening_a_stale_preview_only_says_so(client_for, organiser, stale):
    summary = stale.summary

    response = client_for(organiser).get(
        reverse("cohorts:import_detail", args=[stale.pk])
    )

    stale.refresh_from_db()
    assert response.context["stale"] is True
    assert _messages(response) == []
    assert stale.summary == summary
    assert _actions(stale) == [NEW, NEW]


def test_reading_a_stale_preview_again_shows_who_each_row_is_now(
    client_for, organiser, stale
):
    client_for(organiser).post(reverse("cohorts:import_options", args=[stale.pk]))

    stale.refresh_from_db()
    assert _actions(stale)[0] != NEW
    assert _actions(stale)[1] == NEW
    assert selectors.preview_is_stale(stale) is False


def test_opening_a_fresh_preview_does_not_read_it_again(
    client_for, organiser, conference
):
    preview = builders.preview(organiser, conference, "a.csv", BOTH)
    matched_at = preview.summary["matched_at"]

    response = client_for(organiser).get(
        reverse("cohorts:import_detail", args=[preview.pk])
    )

    preview.refresh_from_db()
    assert response.context["stale"] is False
    assert _messages(response) == []
    assert preview.summary["matched_at"] == matched_at


def test_confirming_a_preview_whose_rows_changed_shows_it_again_first(
    client_for, organiser, stale
):
    client = client_for(organiser)

    first = client.post(reverse("cohorts:import_commit", args=[stale.pk]), follow=True)
    stale.refresh_from_db()
    status_after_first = stale.status
    actions_after_first = _actions(stale)
    second = client.post(reverse("cohorts:import_commit", args=[stale.pk]), follow=True)

    stale.refresh_from_db()
    assert status_after_first == ImportStatus.PREVIEW
    assert actions_after_first[1] == NEW
    assert actions_after_first[0] != NEW
    assert _shown(first) == [
        "Persoanele sau prezențele s-au schimbat de când a fost făcută această "
        "previzualizare: unele rânduri ar fi importate acum altfel. Nu s-a "
        "salvat nimic. Verificați previzualizarea, apoi confirmați din nou."
    ]
    assert _shown(second) == ["Importat: 1 persoană creată, 1 prezență înregistrată."]
    assert stale.status == ImportStatus.COMMITTED
    assert sorted(Person.objects.values_list("given_name", flat=True)) == [
        "Ana",
        "Radu",
    ]


def test_confirming_a_stale_preview_whose_rows_are_the_same_imports_it(
    client_for, organiser, conference
):
    preview = builders.preview(organiser, conference, "a.csv", ANA)
    Attendance.objects.create(
        conference=conference, person=factories.make_person("Dan", "Pop")
    )
    stale_before = selectors.preview_is_stale(preview)

    response = client_for(organiser).post(
        reverse("cohorts:import_commit", args=[preview.pk]), follow=True
    )

    preview.refresh_from_db()
    assert stale_before is True
    assert _shown(response) == ["Importat: 1 persoană creată, 1 prezență înregistrată."]
    assert preview.status == ImportStatus.COMMITTED


def test_matches_to_confirm_count_the_proposals_still_undecided(
    client_for, organiser, conference
):
    committed = builders.import_now(organiser, conference, "b.csv", ANA)
    proposal = _proposal(committed)
    client = client_for(organiser)
    before = client.get(reverse("cohorts:import_list"))

    services.decide_match(actor=organiser, proposal=proposal, same_person=True)

    after = client.get(reverse("cohorts:import_list"))
    detail = client.get(reverse("cohorts:import_detail", args=[committed.pk]))
    assert before.context["page_obj"][0].matches_to_confirm == 1
    assert after.context["page_obj"][0].matches_to_confirm == 0
    assert detail.context["counts"]["matches_to_confirm"] == 0
    assert MatchProposal.objects.get().status == MatchStatus.CONFIRMED


def test_a_preview_s_matches_to_confirm_are_what_it_would_propose(
    client_for, organiser, conference
):
    builders.preview(organiser, conference, "a.csv", BOTH)

    response = client_for(organiser).get(reverse("cohorts:import_list"))

    assert [item.matches_to_confirm for item in response.context["page_obj"]] == [0]
    assert AttendanceImport.objects.get().status == ImportStatus.PREVIEW


def test_a_large_import_whose_rows_changed_waits_for_confirmation_again(
    organiser, conference, settings, django_capture_on_commit_callbacks
):
    settings.VSFA_IMPORT_BACKGROUND_ROWS = 1
    with django_capture_on_commit_callbacks(execute=True):
        preview = builders.preview(
            organiser, conference, "a.csv", BOTH, background=True
        )
    builders.import_now(organiser, conference, "b.csv", ANA)
    preview.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        services.confirm_import(actor=organiser, attendance_import=preview)

    preview.refresh_from_db()
    assert preview.status == ImportStatus.PREVIEW
    assert preview.summary["plan_changed"] is True
    assert _actions(preview)[0] != NEW
    assert Person.objects.count() == 1
