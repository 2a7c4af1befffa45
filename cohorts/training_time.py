"""When an edition's training runs, and what a new workshop does to it.

The training is over once the edition's final has taken place (its date is
before today); with no final recorded, once the edition itself has ended
(today is after ``ends_on``). The last workshop planned is not used:
organisers add the monthly workshops one at a time, and the training must
not end between two of them.

Once the training is over, nobody is at risk, no digest is sent and a place
freed by a withdrawal is not offered to the waiting list.
"""

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cohorts.choices import MemberStatus
from cohorts.models import CohortMember
from cohorts.selectors import Standing, _with_training_counts
from vsfa.models import Edition


def _over(today):
    """The editions whose training is over on ``today``, as a filter.

    Goes through ``Edition.finals``: importing ``competition`` here would
    make an import cycle, since its models build on the cohort's.
    """
    final_held = Q(finals__date__lt=today)
    no_final_and_ended = Q(finals__isnull=True, ends_on__lt=today)
    return final_held | no_final_and_ended


def in_edition_over(today):
    """Whether the row's ``edition`` has its training over on ``today``, as an
    expression to annotate or filter any queryset with an ``edition`` field."""
    return Exists(Edition.objects.filter(_over(today), pk=OuterRef("edition")))


def training_over(edition, today=None):
    """Whether ``edition``'s training is over on ``today`` (one query)."""
    today = today or timezone.localdate()
    return Edition.objects.filter(_over(today), pk=edition.pk).exists()


def check_within_edition(edition, starts_at):
    """Raise ``ValidationError`` unless a workshop starting then is in ``edition``.

    The day is taken in Bucharest time; the edition's first and last days
    are included.
    """
    day = timezone.localdate(starts_at)
    if edition.starts_on <= day <= edition.ends_on:
        return
    raise ValidationError(
        _(
            "A workshop must take place during the edition, between "
            "%(starts)s and %(ends)s."
        )
        % {
            "starts": date_format(edition.starts_on, "d.m.Y"),
            "ends": date_format(edition.ends_on, "d.m.Y"),
        },
        code="outside_edition",
    )


def completions_lost_by(workshop):
    """How many members would stop meeting the completion rule if ``workshop``
    were saved as it is (one query).

    The rule counts every workshop of the edition, held or to come, whatever
    its date: a new one raises the attendance each member needs, while moving
    one changes no count and so nobody's completion.
    """
    if workshop.pk is not None:
        return 0
    rows = (
        _with_training_counts(
            CohortMember.objects.filter(
                edition=workshop.edition, status=MemberStatus.SELECTED
            )
        )
        .values("modules_done", "workshops_attended", "workshop_count")
        .order_by()
    )
    edition = workshop.edition
    lost = 0
    for row in rows:
        figures = {
            "status": MemberStatus.SELECTED,
            "modules_done": row["modules_done"],
            "min_modules": edition.min_modules_completed,
            "workshops_attended": row["workshops_attended"],
            "min_workshop_percent": edition.min_workshop_percent,
        }
        now = Standing(workshop_count=row["workshop_count"], **figures)
        after = Standing(workshop_count=row["workshop_count"] + 1, **figures)
        lost += now.completed and not after.completed
    return lost
