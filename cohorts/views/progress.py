"""A cohort member's progress: their own page, and their mentor's or organiser's.

Also the certificate of completion, for a member who met the rule: the
participant downloads their own, an organiser anyone's.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from cohorts import certificates, permissions, selectors
from vsfa import freshness
from vsfa.pdf import pdf_response
from vsfa.permissions import is_organiser, participant_required


@participant_required
def my_progress(request):
    member = permissions.own_membership(request.user, request.edition)
    return _render(request, member, own=True)


@login_required
def member_progress(request, pk):
    member = permissions.member_for_progress(request.user, pk)
    return _render(request, member, own=False)


@participant_required
def my_certificate(request):
    member = permissions.own_membership(request.user, request.edition)
    return _certificate(member)


@login_required
def member_certificate(request, pk):
    # Mentors follow their groups' progress but do not hand out certificates.
    if not is_organiser(request.user):
        raise Http404
    member = permissions.member_for_progress(request.user, pk)
    return _certificate(member)


def _certificate(member):
    progress = selectors.member_progress(member)
    if not progress.completed:
        raise Http404
    document = certificates.certificate(member, progress)
    return pdf_response(document, certificates.certificate_filename(member))


def _render(request, member, own):
    part = freshness.kept_part(
        request,
        "progress",
        "cohorts/_member_progress_part.html",
        lambda: {
            "member": member,
            "progress": selectors.member_progress(member),
            "own": own,
        },
        until=lambda context: context["progress"].changes_at,
    )
    return render(
        request,
        "cohorts/member_progress.html",
        {"member": member, "own": own, "part": part},
    )
