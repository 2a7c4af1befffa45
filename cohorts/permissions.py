"""Which cohort records a user may see.

Each function starts from what the user may see and raises 404 for anything
else, so that an outsider learns nothing about what exists.
"""

from django.db.models import Case, Value, When
from django.http import Http404

from cohorts.choices import MemberStatus
from cohorts.models import CohortMember
from vsfa.permissions import is_mentor, is_organiser, is_participant


def members_visible_to(user):
    """Organisers see every member; a mentor, the members of their groups."""
    if is_organiser(user):
        return CohortMember.objects.all()
    if is_mentor(user):
        # Through the reverse relation: mentorship imports cohorts, not the
        # other way round.
        return CohortMember.objects.filter(
            pk__in=CohortMember.objects.filter(
                mentor_groups__mentors__user=user
            ).values("pk")
        )
    return CohortMember.objects.none()


def member_for_progress(user, pk):
    """The member whose progress ``user`` asked to see, or 404."""
    member = (
        members_visible_to(user)
        .select_related("person", "edition")
        .filter(pk=pk)
        .first()
    )
    if member is None:
        raise Http404
    return member


def membership_of(user, edition):
    """The signed-in participant's place in a cohort, or None.

    Their place in ``edition`` (the one being viewed) when they have one,
    else their latest: a participant of an earlier edition keeps their
    progress once a newer edition becomes current. Someone only on a waiting
    list has no progress to show yet.
    """
    if not is_participant(user):
        return None
    edition_id = edition.pk if edition else None
    return (
        CohortMember.objects.filter(person__user=user)
        .exclude(status=MemberStatus.WAITLISTED)
        .select_related("person", "edition")
        .order_by(
            Case(When(edition_id=edition_id, then=Value(0)), default=Value(1)),
            "-edition__starts_on",
            "-pk",
        )
        .first()
    )


def own_membership(user, edition):
    """Like ``membership_of``, but 404 for anyone without a place."""
    member = membership_of(user, edition)
    if member is None:
        raise Http404
    return member
