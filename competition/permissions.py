"""What each user may see of the final.

Organisers see every final. A juror sees only their own assignments and the
sheets under them: another juror's assignment is a 404, like anything that
does not exist; they see the ranking only once it is published. A
participant sees the finalist they pitch with, and nobody else's.
"""

from django.db.models import Q
from django.shortcuts import get_object_or_404

from competition.models import (
    Appeal,
    Assignment,
    Final,
    Finalist,
    Juror,
    Prize,
    ScoreSheet,
)
from vsfa.permissions import is_juror, is_organiser, is_participant


def finals_for(user):
    if is_organiser(user):
        return Final.objects.all()
    return Final.objects.none()


def assignments_for(user):
    """The pitches ``user`` scores, as a juror, in any final."""
    if not is_juror(user):
        return Assignment.objects.none()
    return Assignment.objects.filter(juror__user=user)


def final_for(user, pk):
    return get_object_or_404(finals_for(user).select_related("edition"), pk=pk)


def assignment_for(user, pk):
    """One of ``user``'s own assignments; anyone else's is a 404."""
    return get_object_or_404(
        assignments_for(user).select_related("finalist__final", "juror", "sheet"),
        pk=pk,
    )


def finalist_for(user, pk):
    return get_object_or_404(
        Finalist.objects.filter(final__in=finals_for(user)).select_related(
            "final__edition"
        ),
        pk=pk,
    )


def juror_for(user, pk):
    return get_object_or_404(
        Juror.objects.filter(final__in=finals_for(user)).select_related(
            "user", "final"
        ),
        pk=pk,
    )


def prize_for(user, pk):
    return get_object_or_404(
        Prize.objects.filter(final__in=finals_for(user)).select_related("final"),
        pk=pk,
    )


def sheet_for(user, pk):
    """A score sheet of a final ``user`` organises."""
    return get_object_or_404(
        ScoreSheet.objects.filter(
            assignment__finalist__final__in=finals_for(user)
        ).select_related(
            "assignment__finalist__final__edition", "assignment__juror__user"
        ),
        pk=pk,
    )


def organised_assignment_for(user, pk):
    return get_object_or_404(
        Assignment.objects.filter(finalist__final__in=finals_for(user)).select_related(
            "finalist__final", "juror__user"
        ),
        pk=pk,
    )


def appeal_for(user, pk):
    return get_object_or_404(
        Appeal.objects.filter(finalist__final__in=finals_for(user)).select_related(
            "finalist__final", "filed_by"
        ),
        pk=pk,
    )


def seats_for(user):
    """The user's seats on juries."""
    if not is_juror(user):
        return Juror.objects.none()
    return Juror.objects.filter(user=user)


def seat_for(user, final_pk):
    """``user``'s seat on the jury of the final ``final_pk``; 404 otherwise."""
    return get_object_or_404(
        seats_for(user).select_related("final__edition", "final__now_pitching"),
        final_id=final_pk,
    )


def entries_for(user):
    """The finalists ``user`` pitches with, as a participant."""
    if not is_participant(user):
        return Finalist.objects.none()
    return Finalist.objects.filter(members__person__user=user).distinct()


def finalist_page_for(user, pk):
    """A finalist's own page: its members and the organisers."""
    if is_organiser(user):
        finalists = Finalist.objects.filter(final__in=finals_for(user))
    else:
        finalists = entries_for(user)
    return get_object_or_404(finalists.select_related("final__edition"), pk=pk)


def deck_for(user, pk):
    """A finalist whose deck ``user`` may open: organisers and the final's jurors."""
    finalists = Finalist.objects.filter(
        Q(final__in=finals_for(user)) | Q(final__jurors__in=seats_for(user))
    ).distinct()
    return get_object_or_404(finalists.exclude(deck=""), pk=pk)


def published_final_for(user, pk):
    """The results page of a final: organisers always; its jurors and its
    finalists' members once the results are published."""
    if is_organiser(user):
        return final_for(user, pk)
    finals = Final.objects.filter(
        Q(jurors__in=seats_for(user)) | Q(finalists__in=entries_for(user)),
        results_published_at__isnull=False,
    ).distinct()
    return get_object_or_404(finals.select_related("edition"), pk=pk)
