"""When an edition's training runs, and what a new workshop does to it.

The training is over once the edition has workshops and the last of them has
been held; a workshop counts as held from the day after it starts, as for
the at-risk rule. The final is not used: an edition may hold its final late,
or never record it, while the workshops are what the completion rule counts.

Once the training is over, nobody is at risk, no digest is sent and a place
freed by a withdrawal is not offered to the waiting list. Adding a workshop
later opens the training again until that workshop is held.
"""

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cohorts.choices import MemberStatus
from cohorts.models import CohortMember, Workshop
from cohorts.selectors import Standing, _with_training_counts


def over_on(last_workshop_starts_at, today):
    """Whether a training whose last workshop starts then is over on ``today``."""
    if last_workshop_starts_at is None:
        return False
    return timezone.localdate(last_workshop_starts_at) < today


def training_over(edition, today=None):
    """Whether ``edition``'s training is over on ``today`` (one query)."""
    today = today or timezone.localdate()
    last = Workshop.objects.filter(edition=edition).aggregate(last=Max("starts_at"))
    return over_on(last["last"], today)


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
