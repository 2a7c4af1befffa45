"""A claim confirmed by a reviewer while the participant sends or withdraws it.

The reviewer's transaction holds the claim's row; the participant's request
must wait for it and then see the confirmation, never save over it. Row
locks across connections need PostgreSQL (``DATABASE_URL``).
"""

import threading

import pytest
from django.contrib.messages import get_messages
from django.db import connection, transaction
from django.urls import reverse

from cohorts import services_evidence
from cohorts.choices import EvidenceStatus
from cohorts.models import ModuleCompletion
from tests import factories, locks

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("Row locks across connections need PostgreSQL (DATABASE_URL).")


@pytest.fixture
def waiting(edition, participant):
    completion, _ = services_evidence.submit_evidence(
        actor=participant.person.user,
        member=participant,
        module=factories.make_module(edition, number=3),
        url="https://example.org/lucrare",
    )
    return completion


def _confirmed_meanwhile(completion, reviewer, request):
    """Send ``request()`` while ``reviewer`` ticks ``completion`` on the grid.

    The grid locks the claim's row alone (not the member's). The reviewer's
    transaction confirms, then stays open until the request waits for a row;
    returns the response and how many connections were seen waiting.
    """
    confirmed = threading.Event()
    seen = []

    def confirm():
        try:
            with transaction.atomic():
                services_evidence.confirm_evidence(
                    actor=reviewer, completion=completion
                )
                confirmed.set()
                seen.append(locks.until_waiting(1))
        finally:
            # Each thread has its own connection; close it so that the test
            # database can be flushed afterwards.
            connection.close()

    reviewer_thread = threading.Thread(target=confirm)
    reviewer_thread.start()
    confirmed.wait(timeout=10)
    response = request()
    reviewer_thread.join(timeout=30)
    return response, seen


def test_sending_again_waits_and_keeps_the_confirmation(
    client_for, participant, organiser, waiting
):
    client = client_for(participant.person.user)
    url = reverse("cohorts:evidence_submit", args=[waiting.module_id])
    typed = {"url": "https://example.org/alta", "note": "A doua variantă"}

    response, seen = _confirmed_meanwhile(
        waiting, organiser, lambda: client.post(url, typed)
    )

    waiting.refresh_from_db()
    assert seen == [1]
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Acest modul este deja confirmat ca terminat."
    ]
    assert response.context["form"]["note"].value() == "A doua variantă"
    assert (waiting.status, waiting.evidence_url, waiting.reviewed_by) == (
        EvidenceStatus.CONFIRMED,
        "https://example.org/lucrare",
        organiser,
    )


def test_withdrawing_waits_and_says_the_module_is_confirmed(
    client_for, participant, organiser, waiting
):
    client = client_for(participant.person.user)
    url = reverse("cohorts:evidence_withdraw", args=[waiting.pk])

    response, seen = _confirmed_meanwhile(waiting, organiser, lambda: client.post(url))

    assert seen == [1]
    assert response.url == reverse("cohorts:my_progress")
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Un modul confirmat nu mai poate fi retras."
    ]
    assert ModuleCompletion.objects.get().status == EvidenceStatus.CONFIRMED
