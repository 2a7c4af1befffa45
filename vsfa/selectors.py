"""Reads for the organiser's home page: the edition at a glance."""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cohorts import selectors_evidence
from cohorts.choices import ImportStatus, MatchStatus, MemberStatus
from cohorts.models import (
    AttendanceImport,
    CohortMember,
    Conference,
    MatchProposal,
    Module,
)
from cohorts.selectors import completion_by_member
from cohorts.selectors_risk import at_risk_in_edition, at_risk_in_groups_of
from competition.models import Final, ScoreSheet
from mentorship.models import CheckIn, Startup
from vsfa.models import Person


def edition_overview(edition):
    """Each stage's count against its target, for the organiser's home page."""
    conferences = Conference.objects.filter(edition=edition)
    # Reached means came: people only registered for a conference do not count,
    # as in the indicators.
    attendees = (
        Person.objects.filter(
            attendances__conference__edition=edition, attendances__present=True
        )
        .distinct()
        .count()
    )
    members = edition.members.aggregate(
        selected=Count("pk", filter=Q(status=MemberStatus.SELECTED)),
        waitlisted=Count("pk", filter=Q(status=MemberStatus.WAITLISTED)),
    )
    return [
        {
            "key": "conferences",
            "label": _("Conferences held"),
            "value": conferences.filter(date__lte=timezone.localdate()).count(),
            "target": edition.target_conferences,
        },
        {
            "key": "attendees",
            "label": _("Unique young people reached"),
            "value": attendees,
            "target": edition.target_attendees,
        },
        {
            "key": "cohort",
            "label": _("Selected into the cohort"),
            "value": members["selected"],
            "target": edition.cohort_size,
        },
        {
            "key": "completed",
            "label": _("Completed the training"),
            "value": completed_count(edition),
            "target": edition.cohort_size,
        },
        {
            "key": "modules",
            "label": _("Curriculum modules"),
            "value": Module.objects.filter(edition=edition).count(),
            "target": edition.target_modules,
        },
        {
            "key": "finals",
            "label": _("Final pitch competitions"),
            "value": Final.objects.filter(edition=edition).count(),
            "target": edition.target_finals,
        },
        {
            "key": "startups",
            "label": _("Startups registered"),
            "value": Startup.objects.filter(edition=edition).count(),
            "target": edition.target_startups,
        },
    ]


def edition_attention(edition):
    """What needs an organiser now, as (label, count, url name) triples."""
    today = timezone.localdate()
    return [
        {
            "key": "matches",
            "label": _("Possible duplicate people to confirm"),
            "count": MatchProposal.objects.filter(
                status=MatchStatus.PENDING,
                source_import__conference__edition=edition,
            ).count(),
            "url": "cohorts:match_list",
        },
        {
            "key": "imports",
            "label": _("Attendance files waiting for confirmation"),
            "count": AttendanceImport.objects.filter(
                conference__edition=edition, status=ImportStatus.PREVIEW
            ).count(),
            "url": "cohorts:import_list",
        },
        {
            "key": "sheets",
            "label": _("Score sheets not yet submitted"),
            "count": ScoreSheet.objects.filter(
                assignment__finalist__final__edition=edition,
                submitted_at__isnull=True,
            ).count(),
            "url": "competition:final_list",
        },
        {
            "key": "checkins",
            "label": _("Startup check-ins overdue"),
            "count": CheckIn.objects.filter(
                startup__edition=edition, done_on__isnull=True, due_on__lt=today
            ).count(),
            "url": "mentorship:startup_list",
        },
        {
            "key": "evidence",
            "label": _("Modules sent by participants, waiting for confirmation"),
            "count": selectors_evidence.waiting_in_edition(edition),
            "url": "cohorts:evidence_queue",
        },
    ]


def completed_count(edition):
    """How many of the edition's members meet its completion rule (two queries)."""
    members = CohortMember.objects.filter(
        edition=edition, status=MemberStatus.SELECTED
    ).only("pk")
    return sum(completion_by_member(list(members)).values())


def at_risk_for(user, edition, today=None):
    """The members at risk that ``user`` follows: all of them for organisers,
    their groups' for mentors, nobody for anyone else."""
    today = today or timezone.localdate()
    # ``request.edition`` is a lazy object: it is never ``None`` itself, but
    # it is false when it wraps no edition.
    if not edition:
        return []
    if user.is_organiser:
        return at_risk_in_edition(edition, today)
    mentor = getattr(user, "mentor", None) if user.is_mentor else None
    if mentor is not None:
        return at_risk_in_groups_of(mentor, edition, today)
    return []
