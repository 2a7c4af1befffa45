"""Which cohort records a user may see.

Each function starts from what the user may see and raises 404 for anything
else, so that an outsider learns nothing about what exists.
"""

from django.db.models import Q
from django.http import Http404

from cohorts.choices import EvidenceStatus, MemberStatus
from cohorts.models import CohortMember, ModuleCompletion
from vsfa.permissions import is_mentor, is_organiser, is_participant, role_required


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
    # A person has a place in few editions: they are ordered here, which
    # costs less than having the database order them by a CASE expression.
    members = (
        CohortMember.objects.filter(person__user=user)
        .exclude(status=MemberStatus.WAITLISTED)
        .select_related("person", "edition")
    )
    return min(
        members,
        key=lambda member: (
            member.edition_id != edition_id,
            -member.edition.starts_on.toordinal(),
            -member.pk,
        ),
        default=None,
    )


def own_membership(user, edition):
    """Like ``membership_of``, but 404 for anyone without a place."""
    member = membership_of(user, edition)
    if member is None:
        raise Http404
    return member


# Module evidence: claimed by a participant, confirmed by a mentor of their
# group or an organiser.


def is_reviewer(user):
    """Who confirms module evidence: organisers, and mentors for their groups."""
    return is_organiser(user) or is_mentor(user)


reviewer_required = role_required(is_reviewer)


def evidence_to_review(user, edition):
    """The claims waiting for ``user``: an organiser's edition, a mentor's groups."""
    members = members_visible_to(user)
    if is_organiser(user):
        # ``edition`` may be a lazy None before the first edition exists.
        members = members.filter(edition=edition) if edition else members.none()
    return waiting_claims(members)


def waiting_claims(members):
    """Claims of ``members`` waiting for a review.

    Only of members still selected: one who withdrew has nothing to confirm.
    """
    return ModuleCompletion.objects.filter(
        member__in=members.filter(status=MemberStatus.SELECTED),
        status=EvidenceStatus.SUBMITTED,
    )


def completion_to_review(user, pk):
    """A completion of a member ``user`` may review, whatever its status, or 404."""
    completion = (
        ModuleCompletion.objects.filter(pk=pk, member__in=members_visible_to(user))
        .select_related("member__person", "module")
        .first()
    )
    if completion is None:
        raise Http404
    return completion


def own_completion(user, pk):
    """A completion of the signed-in participant's own, or 404."""
    completion = (
        ModuleCompletion.objects.filter(pk=pk, member__person__user=user)
        .select_related("member", "module")
        .first()
    )
    if completion is None or not is_participant(user):
        raise Http404
    return completion


def evidence_file_of(user, pk):
    """A completion with a file, for its participant or a reviewer, or 404."""
    own = Q(member__person__user=user) if is_participant(user) else Q(pk__in=[])
    completion = (
        ModuleCompletion.objects.filter(own | Q(member__in=members_visible_to(user)))
        .filter(pk=pk)
        .exclude(evidence_file="")
        .first()
    )
    if completion is None:
        raise Http404
    return completion
