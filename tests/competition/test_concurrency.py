"""Two requests at the same moment, on PostgreSQL where rows really lock.

On SQLite the whole database is locked per write, so these races cannot
happen there; the tests are skipped with a notice.
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from competition import services
from competition.models import Final, Finalist, Prize, Score
from tests import factories
from tests.competition import builders
from vsfa.models import AuditEvent

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("Row locks across connections need PostgreSQL (DATABASE_URL).")


def _race(*calls):
    """Run ``calls`` at once, each on its own connection; return their outcomes."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            outcomes[index] = call()
        except ValidationError as error:
            outcomes[index] = getattr(error, "code", None) or "refused"
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(index, call))
        for index, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_a_sheet_submitted_twice_at_once_counts_once(edition):
    organiser = factories.make_user("organiser")
    final = builders.make_final(edition, organiser)
    finalist = builders.make_finalists(final, 1)[0]
    assignment = builders.assign(factories.make_juror(final), finalist)

    outcomes = _race(
        lambda: builders.score(assignment, [4, 4, 3, 5, 4, 2]),
        lambda: builders.score(assignment, [4, 4, 3, 5, 4, 2]),
    )

    assert sorted(outcomes) == [
        services.SheetOutcome.ALREADY_SUBMITTED,
        services.SheetOutcome.SUBMITTED,
    ]
    assert Score.objects.count() == 6
    assert AuditEvent.objects.filter(action="sheet.submitted").count() == 1
    assert AuditEvent.objects.filter(action="score.changed").count() == 6


def test_two_different_submissions_at_once_keep_the_first(edition):
    organiser = factories.make_user("organiser")
    final = builders.make_final(edition, organiser)
    finalist = builders.make_finalists(final, 1)[0]
    assignment = builders.assign(factories.make_juror(final), finalist)

    outcomes = _race(
        lambda: builders.score(assignment, [1] * 6),
        lambda: builders.score(assignment, [5] * 6),
    )

    assert sorted(outcomes) == ["locked", services.SheetOutcome.SUBMITTED]
    values = set(Score.objects.values_list("value", flat=True))
    assert values in ({1}, {5})
    assert Score.objects.count() == 6


def test_two_organisers_adding_the_last_finalist_at_once(edition):
    organiser = factories.make_user("organiser")
    final = builders.make_final(edition, organiser)
    builders.make_finalists(final, 9)
    first, second = factories.make_member(edition), factories.make_member(edition)

    def add(member, order):
        return lambda: services.add_finalist(
            actor=organiser,
            final=final,
            name="",
            summary="",
            pitch_order=order,
            members=[member],
        )

    outcomes = _race(add(first, 10), add(second, 11))

    assert sorted(type(outcome).__name__ for outcome in outcomes) == ["Finalist", "str"]
    assert "full" in outcomes
    assert Finalist.objects.filter(final=final).count() == 10


def test_a_final_created_twice_at_once_is_made_once(edition):
    organiser = factories.make_user("organiser")

    def create():
        return builders.make_final(edition, organiser, title="Finala 2027")

    outcomes = _race(create, create)

    assert sorted(type(outcome).__name__ for outcome in outcomes) == ["Final", "str"]
    assert Final.objects.filter(edition=edition).count() == 1


def test_a_prize_recorded_twice_at_once_is_made_once(edition):
    organiser = factories.make_user("organiser")
    final = builders.make_final(edition, organiser)

    def record():
        return services.create_prize(
            actor=organiser,
            final=final,
            name="Marele premiu",
            place=1,
            amount_lei=None,
            finalist=None,
        )

    outcomes = _race(record, record)

    assert sorted(type(outcome).__name__ for outcome in outcomes) == ["Prize", "str"]
    assert Prize.objects.filter(final=final).count() == 1
