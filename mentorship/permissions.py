"""Who may see which mentoring group and startup.

Each helper starts from what the user may see, so that a page built on it
cannot show another mentor's records; a record outside that set is a 404.
"""

from django.db.models import Q
from django.shortcuts import get_object_or_404

from cohorts.choices import MemberStatus
from mentorship.models import (
    Assistance,
    Attachment,
    CheckIn,
    Founder,
    GroupSession,
    MentorGroup,
    Startup,
)
from vsfa.permissions import is_mentor, is_organiser, is_participant


def mentor_of(user):
    """The user's Mentor profile, or None when they are not a mentor."""
    if not is_mentor(user):
        return None
    return getattr(user, "mentor", None)


def groups_for(user, edition=None):
    """Mentoring groups the user may see, of ``edition`` when one is given."""
    groups = MentorGroup.objects.all()
    if edition:
        groups = groups.filter(edition=edition)
    if is_organiser(user):
        return groups
    mentor = mentor_of(user)
    if mentor is None:
        return groups.none()
    return groups.filter(mentors=mentor)


def group_for(user, pk):
    return get_object_or_404(groups_for(user).select_related("edition"), pk=pk)


def can_log_session(user, group):
    """Mentors of the group log its sessions; organisers may log one for them."""
    mentor = mentor_of(user)
    if mentor is not None and group.mentors.filter(pk=mentor.pk).exists():
        return True
    return is_organiser(user)


def startups_for(user, edition=None):
    """Startups the user may see: all for organisers, else their own.

    Mentors and founders see their startups of every edition, since the
    follow-up of one edition runs on while the next edition starts.
    """
    if is_organiser(user):
        startups = Startup.objects.all()
        return startups.filter(edition=edition) if edition else startups
    visible = Q(pk__in=[])
    mentor = mentor_of(user)
    if mentor is not None:
        visible |= Q(mentors=mentor)
    if is_participant(user):
        visible |= Q(founders__user=user)
    return Startup.objects.filter(pk__in=Startup.objects.filter(visible).values("pk"))


def startup_for(user, pk):
    return get_object_or_404(startups_for(user), pk=pk)


def can_record_checkin(user, startup):
    if is_organiser(user):
        return True
    mentor = mentor_of(user)
    return mentor is not None and startup.mentors.filter(pk=mentor.pk).exists()


def checkin_to_record(user, pk):
    """A check-in the user may record: their startups' as mentor, any as organiser."""
    checkins = CheckIn.objects.select_related("startup__edition")
    if not is_organiser(user):
        mentor = mentor_of(user)
        if mentor is None:
            checkins = checkins.none()
        else:
            checkins = checkins.filter(startup__mentors=mentor)
    return get_object_or_404(checkins, pk=pk)


def is_founder(user, startup):
    """Whether ``user`` signs in as one of the founders of ``startup``."""
    return (
        is_participant(user)
        and Founder.objects.filter(startup=startup, person__user=user).exists()
    )


def checkin_for(user, pk):
    """A check-in of a startup the user may see."""
    checkins = CheckIn.objects.filter(startup__in=startups_for(user))
    return get_object_or_404(checkins.select_related("startup__edition"), pk=pk)


def checkin_to_fill(user, pk):
    """A check-in of a startup the user founded, for them to fill in."""
    checkins = CheckIn.objects.none()
    if is_participant(user):
        checkins = CheckIn.objects.filter(
            startup__in=Startup.objects.filter(founders__user=user)
        )
    return get_object_or_404(checkins.select_related("startup__edition"), pk=pk)


def attachment_for(user, pk):
    """A file of a startup the user may see: its organisers, mentors, founders."""
    files = Attachment.objects.filter(startup__in=startups_for(user))
    return get_object_or_404(files.select_related("startup__edition", "checkin"), pk=pk)


def can_remove_attachment(user, attachment):
    """Whether ``user`` may remove a file of a startup.

    Organisers and the startup's mentors may remove any; a founder, the
    evidence they added to a check-in their mentor has not confirmed yet.
    """
    if can_record_checkin(user, attachment.startup):
        return True
    return (
        attachment.uploaded_by_id == user.pk
        and attachment.checkin is not None
        and attachment.checkin.done_on is None
        and is_founder(user, attachment.startup)
    )


def founder_with_document(user, pk):
    """A founder's court emancipation document: for organisers only."""
    founders = Founder.objects.none()
    if is_organiser(user):
        founders = Founder.objects.exclude(emancipation_document="")
    return get_object_or_404(founders.select_related("person", "startup"), pk=pk)


def assistance_to_change(user, pk):
    """Help given to a startup, which organisers record and change."""
    help_given = Assistance.objects.none()
    if is_organiser(user):
        help_given = Assistance.objects.all()
    return get_object_or_404(
        help_given.select_related("startup__edition", "cost"), pk=pk
    )


def sessions_attended_by_user(user):
    """Group sessions the signed-in participant attended, of every edition."""
    if not is_participant(user):
        return GroupSession.objects.none()
    return GroupSession.objects.filter(
        pk__in=GroupSession.objects.filter(attendees__person__user=user).values("pk")
    )


def sessions_rateable_by(user):
    """The sessions the participant attended and may rate: only while a
    selected member of that cohort (one who withdrew no longer rates)."""
    if not is_participant(user):
        return GroupSession.objects.none()
    return GroupSession.objects.filter(
        pk__in=GroupSession.objects.filter(
            attendees__person__user=user, attendees__status=MemberStatus.SELECTED
        ).values("pk")
    )


def session_to_rate(user, pk):
    """A session the participant may rate (``sessions_rateable_by``); else 404."""
    return get_object_or_404(
        sessions_rateable_by(user).select_related("group", "mentor__user"), pk=pk
    )


def session_with_ratings(user, pk):
    """A session whose ratings ``user`` may read: any for organisers, else
    those of the groups they mentor; else 404."""
    sessions = GroupSession.objects.filter(group__in=groups_for(user))
    return get_object_or_404(sessions.select_related("group", "mentor__user"), pk=pk)
