"""Participants at risk of not completing the training, and why.

Two rules, each a reason of its own:

- missed workshops: the member missed the last two workshops held since they
  were selected, one after the other. Absent, or no attendance recorded,
  counts as missed; late counts as attended; an excused absence is not
  missed (the organisers already know why), so it breaks the run. A workshop
  counts as held from the day after it starts, and only once its attendance
  is in (at least one attendance recorded): a sheet entered late, or a
  workshop checked in by room code later, puts nobody at risk meanwhile.
- no module progress: no module submitted or confirmed in the last
  ``IDLE_DAYS`` days, counted from the later of their selection and the
  first workshop for someone with none yet. A module counts from the day it
  was done (``completed_on``, as the participant or the grid gives it) or
  the day a mentor confirmed it, whichever is later: ticking old modules on
  the grid today is not progress made today. A member with every module
  already in has nothing left to progress on.

Only selected members who do not meet the completion rule yet can be at
risk, and only while their edition's training runs: once it is over
(``cohorts.training_time``), nobody is. Every function takes ``today``, so
that tests and the daily digest agree on the day.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, Max, OuterRef, Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cohorts.choices import EvidenceStatus, MemberStatus, WorkshopStatus
from cohorts.models import CohortMember, Module, Workshop, WorkshopAttendance
from cohorts.selectors import completion_by_member
from cohorts.training_time import in_edition_over
from vsfa.text import by_name

IDLE_DAYS = 30
# Two in a row: the last two workshops held.
MISSED_IN_A_ROW = 2
NOT_MISSED = (WorkshopStatus.PRESENT, WorkshopStatus.LATE, WorkshopStatus.EXCUSED)
PROGRESS = (EvidenceStatus.SUBMITTED, EvidenceStatus.CONFIRMED)


@dataclass
class AtRisk:
    """A member at risk, with what puts them there."""

    member: CohortMember
    missed: list = field(default_factory=list)
    idle_days: int | None = None

    @property
    def reasons(self):
        """Each reason as a fragment starting in lower case, to be joined."""
        reasons = []
        if self.missed:
            reasons.append(
                _("missed the last two workshops (%(dates)s)")
                % {
                    "dates": ", ".join(
                        timezone.localtime(workshop.starts_at).strftime("%d.%m.%Y")
                        for workshop in self.missed
                    )
                }
            )
        if self.idle_days is not None:
            reasons.append(
                ngettext(
                    "no module progress for %(days)s day",
                    "no module progress for %(days)s days",
                    self.idle_days,
                )
                % {"days": self.idle_days}
            )
        return reasons

    @property
    def summary(self):
        """The reasons as one sentence: "Missed …; no module progress …"."""
        return capfirst("; ".join(self.reasons))


def _start_of(day):
    """The first instant of ``day`` in the project's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _local_day(moment):
    return timezone.localdate(moment) if moment else None


def _missed_in_a_row(member, held, kept):
    """The last workshops ``member`` missed in a row, if they are enough."""
    since = member.decided_at
    theirs = [workshop for workshop in held if workshop.starts_at >= since]
    last = theirs[-MISSED_IN_A_ROW:]
    if len(last) < MISSED_IN_A_ROW:
        return []
    if any((workshop.pk, member.pk) in kept for workshop in last):
        return []
    return last


def _idle_days(member, first_workshop, module_count, today):
    if module_count and member.modules_in >= module_count:
        return None
    last = max(
        filter(None, [member.last_done, _local_day(member.last_confirmed)]),
        default=None,
    )
    if last is None:
        starts = [_local_day(member.decided_at), _local_day(first_workshop)]
        last = max(filter(None, starts))
    idle = (today - last).days
    return idle if idle >= IDLE_DAYS else None


def at_risk(members, today):
    """The members of ``members`` (a queryset) at risk on ``today``, by name.

    Five queries, whatever the number of members or editions: the members
    with their latest progress (members of an edition whose training is over
    are left out there), the completion rule, the workshops with whether
    their attendance is in, the attendances that are not misses, the module
    counts.
    """
    progress = Q(completions__status__in=PROGRESS)
    candidates = by_name(
        members.filter(status=MemberStatus.SELECTED)
        .alias(training_over=in_edition_over(today))
        .filter(training_over=False)
        .select_related("person")
        .annotate(
            last_done=Max("completions__completed_on", filter=progress),
            last_confirmed=Max(
                "completions__reviewed_at",
                filter=Q(completions__status=EvidenceStatus.CONFIRMED),
            ),
            modules_in=Count("completions", filter=progress),
        ),
        "person",
    )
    completed = completion_by_member(candidates)
    candidates = [member for member in candidates if not completed[member.pk]]
    if not candidates:
        return []
    edition_ids = {member.edition_id for member in candidates}

    workshops = list(
        Workshop.objects.filter(edition__in=edition_ids)
        .annotate(
            sheet_in=Exists(WorkshopAttendance.objects.filter(workshop=OuterRef("pk")))
        )
        .order_by("starts_at", "pk")
    )
    cutoff = _start_of(today)
    held = [
        workshop
        for workshop in workshops
        if workshop.starts_at < cutoff and workshop.sheet_in
    ]
    kept = set(
        WorkshopAttendance.objects.filter(
            workshop__in=held, member__in=candidates, status__in=NOT_MISSED
        ).values_list("workshop_id", "member_id")
    )
    module_counts = dict(
        Module.objects.filter(edition__in=edition_ids)
        .values_list("edition")
        .annotate(count=Count("pk"))
        .values_list("edition", "count")
    )
    first_workshops = {}
    for workshop in workshops:
        first_workshops.setdefault(workshop.edition_id, workshop.starts_at)

    found = []
    for member in candidates:
        edition_held = [w for w in held if w.edition_id == member.edition_id]
        risk = AtRisk(
            member=member,
            missed=_missed_in_a_row(member, edition_held, kept),
            idle_days=_idle_days(
                member,
                first_workshops.get(member.edition_id),
                module_counts.get(member.edition_id, 0),
                today,
            ),
        )
        if risk.missed or risk.idle_days is not None:
            found.append(risk)
    return found


def at_risk_in_edition(edition, today):
    return at_risk(CohortMember.objects.filter(edition=edition), today)


def at_risk_in_groups_of(mentor, edition, today):
    """The members at risk in the groups ``mentor`` leads in ``edition``."""
    members = CohortMember.objects.filter(
        edition=edition,
        pk__in=CohortMember.objects.filter(mentor_groups__mentors=mentor).values("pk"),
    )
    return at_risk(members, today)
