"""Reads for mentoring groups, sessions, startups and check-ins."""

import datetime

from django.conf import settings
from django.db.models import Count, Max, Min, Prefetch, Q
from django.utils import timezone

from cohorts.choices import MemberStatus
from cohorts.models import CohortMember
from mentorship.choices import REMINDER_DUE, REMINDER_LATE
from mentorship.models import (
    CheckIn,
    Founder,
    GroupSession,
    Mentor,
    MentorGroup,
    Startup,
)
from vsfa.models import Person


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
    return mentors.order_by("user__full_name", "user__email", "pk")


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


def portfolio(startups):
    """``startups`` with their check-ins done, next due and overdue, and mentors."""
    today = timezone.localdate()
    pending = Q(checkins__done_on__isnull=True)
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
        )
        .prefetch_related(
            Prefetch("mentors", queryset=Mentor.objects.select_related("user"))
        )
        .order_by("name", "pk")
    )


def startup_checkins(startup):
    return CheckIn.objects.filter(startup=startup).select_related("recorded_by")


def startup_founders(startup):
    return Founder.objects.filter(startup=startup).select_related("person")


def groups_led_by(mentor, edition):
    """The groups of ``edition`` that ``mentor`` (a Mentor, or None) leads."""
    if mentor is None or edition is None:
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

    A reminder a few days before the due date, and one once the check-in is
    late; only for check-ins not done, of startups that have a mentor.
    """
    soon = today + datetime.timedelta(days=settings.VSFA_CHECKIN_REMINDER_DAYS)
    pending = CheckIn.objects.filter(
        done_on__isnull=True, startup__mentors__isnull=False
    )
    due = pending.filter(
        reminder_sent_at__isnull=True, due_on__gte=today, due_on__lte=soon
    )
    late = pending.filter(late_reminder_sent_at__isnull=True, due_on__lt=today)
    return [
        (pk, REMINDER_DUE)
        for pk in due.values_list("pk", flat=True).distinct().order_by("pk")
    ] + [
        (pk, REMINDER_LATE)
        for pk in late.values_list("pk", flat=True).distinct().order_by("pk")
    ]
