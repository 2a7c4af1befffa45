"""Reads for mentoring groups, sessions, startups and check-ins."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, Max, Min, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cohorts.choices import MemberStatus
from cohorts.models import CohortMember
from mentorship.choices import (
    EMPLOYMENT_CONTRACTS,
    ContractType,
    Light,
    ReminderKind,
    StartupStatus,
)
from mentorship.models import (
    Assistance,
    Attachment,
    CheckIn,
    Founder,
    GroupSession,
    Job,
    Mentor,
    MentorGroup,
    Reminder,
    Startup,
)
from mentorship.schedule import add_months
from vsfa.models import Person
from vsfa.text import by_name, collated

# What the portfolio's two results mean; shown next to them on the page.
JOBS_DEFINITION = _(
    "People working at a startup on an employment contract, full-time or "
    "part-time (founders who have one included), as its latest check-in "
    "confirmed by a mentor records them, added up over the startups. "
    "Collaborators and founders without an employment contract are not "
    "counted."
)
ACTIVE_DEFINITION = _(
    "Startups registered at least %(months)s months ago whose latest check-in "
    "confirmed on or after that anniversary records them as active. Younger "
    "startups are not counted; those without such a check-in yet are shown "
    "as not known."
)


def sessions_attended_by(member):
    """The group sessions a cohort member attended, newest first."""
    return (
        GroupSession.objects.filter(attendees=member)
        .select_related("mentor__user", "group")
        .order_by("-starts_at", "-pk")
    )


def mentor_list(edition, query=""):
    """Mentors with how many groups and startups of ``edition`` they have."""
    mentors = Mentor.objects.select_related("user").annotate(
        group_count=Count("groups", filter=Q(groups__edition=edition), distinct=True),
        startup_count=Count(
            "startups", filter=Q(startups__edition=edition), distinct=True
        ),
    )
    if query:
        mentors = mentors.filter(
            Q(user__full_name__icontains=query)
            | Q(user__email__icontains=query)
            | Q(company__icontains=query)
        )
    return mentors.order_by(*collated(mentors, "user__full_name"), "user__email", "pk")


def group_rows(groups):
    """``groups`` ready for a list: mentors, member and session counts."""
    return groups.annotate(
        member_count=Count("members", distinct=True),
        session_count=Count("sessions", distinct=True),
        last_session_at=Max("sessions__starts_at"),
    ).prefetch_related(
        Prefetch("mentors", queryset=Mentor.objects.select_related("user"))
    )


def group_members(group):
    return CohortMember.objects.filter(mentor_groups=group).select_related("person")


def session_rows(group):
    """The sessions of ``group``, newest first, with how many attended."""
    return (
        GroupSession.objects.filter(group=group)
        .select_related("mentor__user")
        .annotate(attendee_count=Count("attendees"))
        .order_by("-starts_at", "-pk")
    )


def cohort_choices(edition):
    """Cohort members of ``edition`` who can be put in a group."""
    return (
        CohortMember.objects.filter(edition=edition, status=MemberStatus.SELECTED)
        .select_related("person")
        .order_by("person__family_name", "person__given_name", "pk")
    )


def founder_candidates(edition):
    """People who may found a startup of ``edition``: its cohort and finalists."""
    return (
        Person.objects.filter(
            Q(memberships__edition=edition, memberships__status=MemberStatus.SELECTED)
            | Q(memberships__finalist_entries__final__edition=edition)
        )
        .distinct()
        .order_by("family_name", "given_name", "pk")
    )


def jobs_created_from(jobs):
    """How many of ``jobs`` (Job rows or their contract types) are jobs created.

    The one rule behind ``JOBS_DEFINITION``: employment contracts count.
    """
    types = [getattr(job, "contract_type", job) for job in jobs]
    return sum(1 for contract in types if contract in EMPLOYMENT_CONTRACTS)


def portfolio(startups):
    """``startups`` with their check-ins done, next due, overdue and last done.

    ``last_*`` describe the latest check-in a mentor recorded or confirmed;
    ``oldest_overdue_on`` is the due date of the earliest late one and
    ``to_confirm`` counts those the founders filled in, not yet confirmed.
    """
    today = timezone.localdate()
    pending = Q(checkins__done_on__isnull=True)
    last_done = CheckIn.objects.filter(
        startup=OuterRef("pk"), done_on__isnull=False
    ).order_by("-number")
    return (
        startups.select_related("edition")
        .annotate(
            checkins_total=Count("checkins", distinct=True),
            checkins_done=Count(
                "checkins", filter=Q(checkins__done_on__isnull=False), distinct=True
            ),
            # The next check-in still ahead; the late ones are counted apart.
            next_due_on=Min(
                "checkins__due_on", filter=pending & Q(checkins__due_on__gte=today)
            ),
            overdue_count=Count(
                "checkins",
                filter=pending & Q(checkins__due_on__lt=today),
                distinct=True,
            ),
            oldest_overdue_on=Min(
                "checkins__due_on", filter=pending & Q(checkins__due_on__lt=today)
            ),
            to_confirm=Count(
                "checkins",
                filter=pending & Q(checkins__submitted_at__isnull=False),
                distinct=True,
            ),
            last_number=Subquery(last_done.values("number")[:1]),
            last_done_on=Subquery(last_done.values("done_on")[:1]),
            last_status=Subquery(last_done.values("status")[:1]),
            last_jobs=Subquery(last_done.values("jobs_created")[:1]),
        )
        .prefetch_related(
            Prefetch("mentors", queryset=Mentor.objects.select_related("user"))
        )
        .order_by("name", "pk")
    )


@dataclass(frozen=True)
class TrafficLight:
    """A startup's light: its colour never alone, with an icon and words."""

    light: Light
    reason: str

    ICONS = {Light.GREEN: "✔", Light.AMBER: "▲", Light.RED: "✖"}
    COLOURS = {Light.GREEN: "success", Light.AMBER: "warning", Light.RED: "danger"}

    @property
    def label(self):
        return self.light.label

    @property
    def icon(self):
        return self.ICONS[self.light]

    @property
    def colour(self):
        return self.COLOURS[self.light]


def traffic_light(item, today=None):
    """The light of a ``portfolio`` row, and why.

    Red: closed, or a check-in ``VSFA_CHECKIN_ALERT_DAYS`` or more late (when
    the organisers are alerted). Amber: a check-in late, paused, or numbers
    from the founders waiting for the mentor. Green otherwise.
    """
    today = today or timezone.localdate()
    late_days = (today - item.oldest_overdue_on).days if item.oldest_overdue_on else 0
    if item.last_status == StartupStatus.CLOSED:
        return TrafficLight(Light.RED, _("Closed"))
    late = ngettext(
        "A check-in is %(days)s day late", "A check-in is %(days)s days late", late_days
    ) % {"days": late_days}
    if late_days >= settings.VSFA_CHECKIN_ALERT_DAYS:
        return TrafficLight(Light.RED, late)
    if late_days:
        return TrafficLight(Light.AMBER, late)
    if item.last_status == StartupStatus.PAUSED:
        return TrafficLight(Light.AMBER, _("Paused"))
    if item.to_confirm:
        return TrafficLight(Light.AMBER, _("Numbers from the founders to confirm"))
    return TrafficLight(Light.GREEN, _("Check-ins up to date"))


def with_lights(items, today=None):
    """``items`` (portfolio rows), each given its ``light`` and the label of
    its last status."""
    today = today or timezone.localdate()
    items = list(items)
    for item in items:
        item.light = traffic_light(item, today)
        item.last_status_label = (
            StartupStatus(item.last_status).label if item.last_status else ""
        )
    return items


@dataclass
class PortfolioFigures:
    startups: int
    jobs_created: int
    working: dict
    six_months_old: int
    still_active: int
    not_known: int


def portfolio_figures(startups, today=None):
    """ "Jobs created" and "still active after six months" of ``startups``.

    Computed from the check-ins confirmed by mentors, as ``JOBS_DEFINITION``
    and ``ACTIVE_DEFINITION`` say; ``working`` counts everyone working at the
    latest confirmed check-ins by contract type. Three queries.
    """
    today = today or timezone.localdate()
    months = settings.VSFA_ACTIVE_AFTER_MONTHS
    startups = list(startups.values_list("pk", "registration_date"))
    done = CheckIn.objects.filter(
        startup__in=[pk for pk, _registered in startups], done_on__isnull=False
    ).order_by("startup_id", "-number")
    latest = {}
    for checkin in done.only("pk", "startup_id", "done_on", "status", "number"):
        latest.setdefault(checkin.startup_id, checkin)
    working = Counter(
        Job.objects.filter(checkin__in=[c.pk for c in latest.values()]).values_list(
            "contract_type", flat=True
        )
    )

    old_enough = still_active = not_known = 0
    for pk, registered in startups:
        anniversary = add_months(registered, months)
        if anniversary > today:
            continue
        old_enough += 1
        checkin = latest.get(pk)
        if checkin is None or checkin.done_on < anniversary:
            not_known += 1
        elif checkin.status == StartupStatus.ACTIVE:
            still_active += 1
    return PortfolioFigures(
        startups=len(startups),
        jobs_created=jobs_created_from(working.elements()),
        working={contract: working.get(contract.value, 0) for contract in ContractType},
        six_months_old=old_enough,
        still_active=still_active,
        not_known=not_known,
    )


def startup_checkins(startup):
    return CheckIn.objects.filter(startup=startup).select_related(
        "recorded_by", "submitted_by"
    )


def checkin_jobs(checkin):
    return Job.objects.filter(checkin=checkin).order_by("started_on", "pk")


def checkin_evidence(checkin):
    return Attachment.objects.filter(checkin=checkin).select_related("uploaded_by")


def previous_jobs(checkin):
    """The people working at the check-in before ``checkin``, to start from."""
    previous = (
        CheckIn.objects.filter(startup=checkin.startup_id, number__lt=checkin.number)
        .filter(Exists(Job.objects.filter(checkin=OuterRef("pk"))))
        .order_by("-number")
        .first()
    )
    return [] if previous is None else list(checkin_jobs(previous))


def startup_assistance(startup):
    """The help given to ``startup``, newest first, with its documents."""
    return (
        Assistance.objects.filter(startup=startup)
        .select_related("recorded_by")
        .prefetch_related(
            Prefetch("documents", queryset=Attachment.objects.order_by("pk"))
        )
        .order_by("-provided_on", "-pk")
    )


def startup_founders(startup):
    """The founders of ``startup``, a list in Romanian alphabetical order."""
    return by_name(
        Founder.objects.filter(startup=startup).select_related("person"), "person"
    )


def groups_led_by(mentor, edition):
    """The groups of ``edition`` that ``mentor`` (a Mentor, or None) leads."""
    if mentor is None or not edition:
        return MentorGroup.objects.none()
    return MentorGroup.objects.filter(edition=edition, mentors=mentor)


def startups_followed_by(mentor):
    """The startups ``mentor`` (a Mentor, or None) follows, of every edition."""
    if mentor is None:
        return Startup.objects.none()
    return Startup.objects.filter(mentors=mentor)


def startups_founded_by(user):
    """The startups among whose founders is the person of ``user``."""
    return Startup.objects.filter(founders__user=user)


def search_startups(startups, query):
    """``startups`` whose name or fiscal code contains ``query``."""
    if not query:
        return startups
    return startups.filter(Q(name__icontains=query) | Q(cui__icontains=query))


def mentor_home(mentor, edition):
    """What a mentor's home page shows: their groups, and startups with due dates."""
    return {
        "groups": group_rows(groups_led_by(mentor, edition)),
        "startups": portfolio(startups_followed_by(mentor)),
    }


def reminders_to_send(today):
    """``(checkin_id, kind)`` pairs whose reminder should go out ``today``.

    To the mentors, a reminder a few days before the due date and one once
    the check-in is late, for startups that have a mentor; to the organisers,
    an alert once it is ``VSFA_CHECKIN_ALERT_DAYS`` late. Only check-ins not
    done, and reminders not yet sent: one claimed by a worker that died is
    listed again, and taken over when its claim is old enough.
    """
    soon = today + datetime.timedelta(days=settings.VSFA_CHECKIN_REMINDER_DAYS)
    alert_on = today - datetime.timedelta(days=settings.VSFA_CHECKIN_ALERT_DAYS)
    pending = CheckIn.objects.filter(done_on__isnull=True)
    followed = pending.filter(
        Exists(Startup.mentors.through.objects.filter(startup=OuterRef("startup")))
    )

    def unsent(kind):
        return ~Exists(
            Reminder.objects.filter(
                checkin=OuterRef("pk"), kind=kind, sent_at__isnull=False
            )
        )

    wanted = [
        (ReminderKind.DUE, followed.filter(due_on__gte=today, due_on__lte=soon)),
        (ReminderKind.LATE, followed.filter(due_on__lt=today)),
        (ReminderKind.ALERT, pending.filter(due_on__lte=alert_on)),
    ]
    return [
        (pk, kind)
        for kind, checkins in wanted
        for pk in checkins.filter(unsent(kind))
        .order_by("pk")
        .values_list("pk", flat=True)
    ]
