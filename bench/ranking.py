"""The results of a final: 10 finalists, 10 jurors, 6 criteria, in milliseconds.

The demo final (10 finalists, 5 jurors, 6 weighted criteria) gets five more
jurors through the services, as an organiser would add them; every sheet is
then scored and submitted, and ``competition.selectors.ranking`` is timed.
"""

import random
import statistics
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.multiply import ready_to_score
from competition import selectors, services
from competition.models import Assignment, Final
from vsfa.demo import data
from vsfa.models import User

EXTRA_JURORS = 5


def full_jury(final, organiser, jurors=10, seed=10):
    """Bring ``final`` to ``jurors`` jurors, every sheet submitted."""
    rng = random.Random(seed)
    for number in range(final.jurors.count(), jurors):
        services.invite_juror(
            actor=organiser,
            final=final,
            full_name=f"Jurat suplimentar {number + 1}",
            email=f"jurat.benchmark{number + 1}@vsfa.test",
        )
    services.assign_everyone(actor=organiser, final=final)
    for juror in final.jurors.all():
        ready_to_score(juror)
    criteria = list(final.criteria.all())
    assignments = Assignment.objects.filter(finalist__final=final).select_related(
        "juror__user", "finalist__final"
    )
    for assignment in assignments:
        sheet = getattr(assignment, "sheet", None)
        if sheet is not None and sheet.is_locked:
            continue
        services.save_sheet(
            actor=assignment.juror.user,
            assignment=assignment,
            values={
                criterion.pk: rng.randint(final.scale_min, final.scale_max)
                for criterion in criteria
            },
            submit=True,
        )


def run(edition, repetitions=30):
    final = Final.objects.filter(edition=edition).order_by("pk").first()
    organiser = User.objects.get(email=data.ORGANISER[0])
    full_jury(final, organiser)
    final = Final.objects.get(pk=final.pk)

    selectors.ranking(final)
    with CaptureQueriesContext(connection) as captured:
        ranking = selectors.ranking(final)
    queries = len(captured)
    times = []
    for _ in range(repetitions):
        started = time.perf_counter()
        selectors.ranking(final)
        times.append((time.perf_counter() - started) * 1000)
    return {
        "finalists": final.finalists.count(),
        "jurors": final.jurors.count(),
        "criteria": final.criteria.count(),
        "ranked": sum(1 for row in ranking.rows if row.result is not None),
        "queries": queries,
        "median_ms": round(statistics.median(times), 2),
        "max_ms": round(max(times), 2),
    }
