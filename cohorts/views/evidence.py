"""Module evidence: a participant claims a module done, a reviewer confirms it."""

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cohorts import permissions, selectors_evidence, services_evidence
from cohorts.choices import EvidenceStatus, MemberStatus
from cohorts.forms_evidence import EvidenceForm, ReturnEvidenceForm
from cohorts.models import Module, ModuleCompletion
from cohorts.views.helpers import paginate, redirect_back, safe_next
from vsfa import uploads
from vsfa.permissions import participant_required

# The participant's side


@participant_required
def evidence_submit(request, module_pk):
    """Claim a module done with a link or a file; replaces a claim not confirmed."""
    member = permissions.own_membership(request.user, request.edition)
    if member.status != MemberStatus.SELECTED:
        raise Http404
    module = get_object_or_404(Module, pk=module_pk, edition_id=member.edition_id)
    claim = ModuleCompletion.objects.filter(member=member, module=module).first()
    if claim is not None and claim.status == EvidenceStatus.CONFIRMED:
        messages.info(
            request, _("Module %(name)s is already confirmed.") % {"name": module}
        )
        return redirect("cohorts:my_progress")

    kept_file = claim.evidence_file.name if claim is not None else ""
    initial = {}
    if claim is not None:
        initial = {"url": claim.evidence_url, "note": claim.evidence_note}
    form = EvidenceForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        kept_file=kept_file,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services_evidence.submit_evidence(
                actor=request.user,
                member=member,
                module=module,
                url=form.cleaned_data["url"],
                file=form.cleaned_data["file"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Module %(name)s sent. A mentor or an organiser will look at "
                    "it; it counts once confirmed."
                )
                % {"name": module},
            )
            return redirect("cohorts:my_progress")
    return render(
        request,
        "cohorts/evidence_form.html",
        {"form": form, "module": module, "claim": claim},
    )


@participant_required
def evidence_withdraw(request, pk):
    """Confirm, then take back a claim nobody has confirmed yet."""
    claim = permissions.own_completion(request.user, pk)
    if claim.status == EvidenceStatus.CONFIRMED:
        messages.info(
            request,
            _("Module %(name)s is already confirmed.") % {"name": claim.module},
        )
        return redirect("cohorts:my_progress")
    if request.method == "POST":
        try:
            services_evidence.withdraw_evidence(actor=request.user, completion=claim)
        except ValidationError as error:
            # Confirmed by a reviewer since this page was loaded.
            messages.info(request, " ".join(error.messages))
            return redirect("cohorts:my_progress")
        messages.success(
            request,
            _("Module %(name)s withdrawn: it is back among the modules to do.")
            % {"name": claim.module},
        )
        return redirect("cohorts:my_progress")
    return render(request, "cohorts/evidence_confirm_withdraw.html", {"claim": claim})


# The reviewer's side: mentors for their groups, organisers for the edition


@permissions.reviewer_required
def evidence_queue(request):
    claims = selectors_evidence.review_queue(request.user, request.edition)
    return render(
        request,
        "cohorts/evidence_queue.html",
        {"page_obj": paginate(request, claims), "form": ReturnEvidenceForm()},
    )


@permissions.reviewer_required
@require_POST
def evidence_confirm(request, pk):
    claim = permissions.completion_to_review(request.user, pk)
    name = {"name": claim.member.person.full_name, "module": claim.module}
    if services_evidence.confirm_evidence(actor=request.user, completion=claim):
        messages.success(request, _("Module %(module)s of %(name)s confirmed.") % name)
    else:
        messages.info(
            request,
            _("Module %(module)s of %(name)s was no longer waiting: nothing changed.")
            % name,
        )
    return redirect_back(request, "cohorts:evidence_queue")


@permissions.reviewer_required
def evidence_return(request, pk):
    """Send a claim back with the reason; the participant can send it again."""
    claim = permissions.completion_to_review(request.user, pk)
    name = {"name": claim.member.person.full_name, "module": claim.module}
    if claim.status != EvidenceStatus.SUBMITTED:
        messages.info(
            request,
            _("Module %(module)s of %(name)s was no longer waiting: nothing changed.")
            % name,
        )
        return redirect("cohorts:evidence_queue")
    form = ReturnEvidenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services_evidence.return_evidence(
            actor=request.user, completion=claim, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("Module %(module)s sent back to %(name)s.") % name)
        return redirect_back(request, "cohorts:evidence_queue")
    return render(
        request,
        "cohorts/evidence_return.html",
        {"form": form, "claim": claim, "next": safe_next(request)},
    )


@login_required
def evidence_file(request, pk):
    """The file sent as evidence: for its participant and their reviewers."""
    claim = permissions.evidence_file_of(request.user, pk)
    name = claim.evidence_file.name
    content_type = uploads.content_type_of(name)
    # A photo opens in the browser; a PDF is downloaded, since the browser's
    # PDF viewer does not run under the sandbox the response asks for.
    return uploads.file_response(
        claim.evidence_file,
        filename=f"modul-{claim.module.number}{Path(name).suffix}",
        content_type=content_type,
        as_attachment=content_type == "application/pdf",
    )
