"""Reads of module evidence: what waits for a reviewer."""

from cohorts import permissions
from cohorts.models import CohortMember


def review_queue(user, edition):
    """The claims waiting for ``user``, oldest first, with what a row shows."""
    return (
        permissions.evidence_to_review(user, edition)
        .select_related("member__person", "module")
        .order_by("completed_on", "created_at", "pk")
    )


def waiting_count(user, edition):
    """How many claims wait for ``user`` (0 for anyone who reviews none)."""
    if not permissions.is_reviewer(user):
        return 0
    return permissions.evidence_to_review(user, edition).count()


def waiting_claims_in_edition(edition):
    """The claims of ``edition``'s cohort that wait for a review."""
    members = CohortMember.objects.filter(edition=edition)
    return permissions.waiting_claims(members)
