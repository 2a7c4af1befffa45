"""Reads for mentoring groups, sessions, startups and check-ins."""

from mentorship.models import GroupSession


def sessions_attended_by(member):
    """The group sessions a cohort member attended, newest first."""
    return (
        GroupSession.objects.filter(attendees=member)
        .select_related("mentor__user", "group")
        .order_by("-starts_at", "-pk")
    )
