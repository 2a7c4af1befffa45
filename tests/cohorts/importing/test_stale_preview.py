"""A preview shows who each row is now; counts of proposals are live."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from cohorts.choices import ImportStatus, MatchStatus
from cohorts.importing import selectors, services
from cohorts.importing.matching import NEW
from cohorts.models import AttendanceImport, MatchProposal
from tests import factories
from tests.cohorts.importing import builders
from vsfa.models import Person

pytestmark = pytest.mark.django_db

BOTH = builders.csv_bytes(
    [["Nume", "Prenume", "Clasa"], ["POPESCU", "Ana", "X A"], ["ION", "Radu", "X B"]]
)
ANA = builders.csv_bytes([["Nume", "Prenume", "Clasa"], ["POPESCU", "Ana", "X A"]])


@pytest.fixture
def conference(edition):
    return factories.make_conference(edition, date=datetime.date(2026, 11, 5))


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


def test_opening_a_stale_preview_reads_it_again(client_for, organiser, stale):
    response = client_for(organiser).get(
        reverse("cohorts:import_detail", args=[stale.pk])
    )

    stale.refresh_from_db()
    assert _messages(response) == [
        "Persoanele sau prezențele s-au schimbat de când a fost făcută această "
        "previzualizare: fișierul a fost citit din nou, ca să arate cine este "
        "acum fiecare rând."
    ]
    assert _actions(stale)[1] == NEW
    assert _actions(stale)[0] != NEW
    assert response.context["counts"]["people_created"] == 1
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
    assert _messages(response) == []
    assert preview.summary["matched_at"] == matched_at


def test_confirming_a_stale_preview_shows_it_again_first(client_for, organiser, stale):
    client = client_for(organiser)

    first = client.post(reverse("cohorts:import_commit", args=[stale.pk]), follow=True)
    stale.refresh_from_db()
    status_after_first = stale.status
    second = client.post(reverse("cohorts:import_commit", args=[stale.pk]), follow=True)

    stale.refresh_from_db()
    assert status_after_first == ImportStatus.PREVIEW
    assert _shown(first)[-1] == "Verificați previzualizarea, apoi confirmați din nou."
    assert _shown(second) == ["Importat: 1 persoană creată, 1 prezență înregistrată."]
    assert stale.status == ImportStatus.COMMITTED
    assert sorted(Person.objects.values_list("given_name", flat=True)) == [
        "Ana",
        "Radu",
    ]


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


def test_a_large_stale_preview_goes_back_to_the_worker(
    client_for, organiser, conference, settings, django_capture_on_commit_callbacks
):
    settings.VSFA_IMPORT_BACKGROUND_ROWS = 1
    with django_capture_on_commit_callbacks(execute=True):
        preview = builders.preview(
            organiser, conference, "a.csv", BOTH, background=True
        )
    builders.import_now(organiser, conference, "b.csv", ANA)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client_for(organiser).get(
            reverse("cohorts:import_detail", args=[preview.pk])
        )

    preview.refresh_from_db()
    assert response.context["progress"]["running"] is True
    assert preview.status == ImportStatus.QUEUED
    assert len(callbacks) == 1
