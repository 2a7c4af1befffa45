"""What each user may see of the final.

Organisers see every final. A juror sees only their own assignments and the
sheets under them: another juror's assignment is a 404, like anything that
does not exist.
"""

from django.shortcuts import get_object_or_404

from competition.models import Assignment, Final, Finalist, Juror, Prize
from vsfa.permissions import is_juror, is_organiser


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
