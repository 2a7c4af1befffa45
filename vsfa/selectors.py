"""Reads for the organiser's home page: the edition at a glance."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cohorts import selectors_evidence
from cohorts.choices import ImportStatus, MatchStatus, MemberStatus
from cohorts.models import (
    Attendance,
    AttendanceImport,
    CohortMember,
    Conference,
    MatchProposal,
    Module,
)
from cohorts.selectors import completion_in
from cohorts.selectors_risk import at_risk_in_edition, at_risk_in_groups_of
from competition.models import Final, ScoreSheet
from mentorship.models import CheckIn, Startup
from vsfa import counting


def _overview_counts(edition):
    """Every count of the organiser's home page, in one query."""
    today = timezone.localdate()
    return counting.counts(
        conferences=Conference.objects.filter(edition=edition, date__lte=today),
        # Reached means came: people only registered for a conference do not
        # count, as in the indicators.
        attendees=counting.Distinct(
            Attendance.objects.filter(conference__edition=edition, present=True),
            "person",
        ),
        selected=CohortMember.objects.filter(
            edition=edition, status=MemberStatus.SELECTED
        ),
        modules=Module.objects.filter(edition=edition),
        finals=Final.objects.filter(edition=edition),
        startups=Startup.objects.filter(edition=edition),
        matches=MatchProposal.objects.filter(
            status=MatchStatus.PENDING,
            source_import__conference__edition=edition,
        ),
        imports=AttendanceImport.objects.filter(
            conference__edition=edition, status=ImportStatus.PREVIEW
        ),
        sheets=ScoreSheet.objects.filter(
            assignment__finalist__final__edition=edition,
            submitted_at__isnull=True,
        ),
        checkins=CheckIn.objects.filter(
            startup__edition=edition, done_on__isnull=True, due_on__lt=today
        ),
        evidence=selectors_evidence.waiting_claims_in_edition(edition),
    )


def edition_home(edition):
    """The organiser's home: each stage's count against its target, and what
    needs an organiser now. Two queries."""
    counts = _overview_counts(edition)
    overview = [
        {
            "key": "conferences",
            "label": _("Conferences held"),
            "value": counts["conferences"],
            "target": edition.target_conferences,
        },
        {
            "key": "attendees",
            "label": _("Unique young people reached"),
            "value": counts["attendees"],
            "target": edition.target_attendees,
        },
        {
            "key": "cohort",
            "label": _("Selected into the cohort"),
            "value": counts["selected"],
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
            "value": counts["modules"],
            "target": edition.target_modules,
        },
        {
            "key": "finals",
            "label": _("Final pitch competitions"),
            "value": counts["finals"],
            "target": edition.target_finals,
        },
        {
            "key": "startups",
            "label": _("Startups registered"),
            "value": counts["startups"],
            "target": edition.target_startups,
        },
    ]
    attention = [
        {
            "key": "matches",
            "label": _("Possible duplicate people to confirm"),
            "count": counts["matches"],
            "url": "cohorts:match_list",
        },
        {
            "key": "imports",
            "label": _("Attendance files waiting for confirmation"),
            "count": counts["imports"],
            "url": "cohorts:import_list",
        },
        {
            "key": "sheets",
            "label": _("Score sheets not yet submitted"),
            "count": counts["sheets"],
            "url": "competition:final_list",
        },
        {
            "key": "checkins",
            "label": _("Startup check-ins overdue"),
            "count": counts["checkins"],
            "url": "mentorship:startup_list",
        },
        {
            "key": "evidence",
            "label": _("Modules sent by participants, waiting for confirmation"),
            "count": counts["evidence"],
            "url": "cohorts:evidence_queue",
        },
    ]
    return overview, attention


def completed_count(edition):
    """How many of the edition's members meet its completion rule (one query)."""
    selected = CohortMember.objects.filter(
        edition=edition, status=MemberStatus.SELECTED
    )
    return sum(completion_in(selected).values())


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
