"""A cohort member's progress: their own page, and their mentor's or organiser's."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from cohorts import permissions, selectors
from vsfa.permissions import participant_required


@participant_required
def my_progress(request):
    member = permissions.own_membership(request.user, request.edition)
    return _render(request, member, own=True)


@login_required
def member_progress(request, pk):
    member = permissions.member_for_progress(request.user, pk)
    return _render(request, member, own=False)


def _render(request, member, own):
    return render(
        request,
        "cohorts/member_progress.html",
        {
            "member": member,
            "progress": selectors.member_progress(member),
            "own": own,
        },
    )
