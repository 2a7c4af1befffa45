"""Check-in pages, and the startup files only the right people may open."""

import copy
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mentorship import permissions, selectors, services_checkins, services_files
from mentorship.forms_checkins import CheckInForm, FounderCheckInForm, job_formset
from vsfa import uploads


def _jobs_to_start_from(checkin):
    """This check-in's people working, else those of the one before."""
    jobs = list(selectors.checkin_jobs(checkin))
    return jobs or selectors.previous_jobs(checkin)


@login_required
def checkin_detail(request, pk):
    """A check-in as recorded: numbers, people working, evidence."""
    checkin = permissions.checkin_for(request.user, pk)
    startup = checkin.startup
    can_record = permissions.can_record_checkin(request.user, startup)
    is_founder = permissions.is_founder(request.user, startup)
    evidence = list(selectors.checkin_evidence(checkin))
    for attachment in evidence:
        attachment.can_remove = permissions.can_remove_attachment(
            request.user, attachment
        )
    return render(
        request,
        "mentorship/checkin_detail.html",
        {
            "checkin": checkin,
            "startup": startup,
            "jobs": selectors.checkin_jobs(checkin),
            "evidence": evidence,
            "can_record": can_record,
            "can_fill": is_founder
            and checkin.done_on is None
            and services_checkins.opens_on(checkin) <= timezone.localdate(),
            "opens_on": services_checkins.opens_on(checkin),
            "show_notes": can_record,
        },
    )


@login_required
def checkin_update(request, pk):
    """The mentor records the check-in, or confirms what the founders filled in."""
    checkin = permissions.checkin_to_record(request.user, pk)
    # As for groups: the page keeps showing the check-in as saved.
    form = CheckInForm(
        request.POST or None, request.FILES or None, instance=copy.copy(checkin)
    )
    jobs = job_formset(request.POST or None, jobs=_jobs_to_start_from(checkin))
    if request.method == "POST" and form.is_valid() and jobs.is_valid():
        awaited = checkin.awaits_confirmation
        try:
            services_checkins.record_checkin(
                actor=request.user,
                checkin=checkin,
                jobs=jobs.jobs(),
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            message = (
                _("Check-in %(number)s of %(name)s confirmed.")
                if awaited
                else _("Check-in %(number)s of %(name)s saved.")
            )
            messages.success(
                request, message % {"number": checkin.number, "name": checkin.startup}
            )
            return redirect("mentorship:checkin_detail", pk=checkin.pk)
    return render(
        request,
        "mentorship/checkin_form.html",
        {
            "form": form,
            "jobs": jobs,
            "checkin": checkin,
            "evidence": selectors.checkin_evidence(checkin),
        },
    )


@login_required
def checkin_submit(request, pk):
    """A founder fills in the check-in's numbers for the mentor to confirm."""
    checkin = permissions.checkin_to_fill(request.user, pk)
    if checkin.done_on is not None:
        messages.info(
            request,
            _(
                "Your mentor has already recorded this check-in: ask them to "
                "correct it if something changed."
            ),
        )
        return redirect("mentorship:checkin_detail", pk=checkin.pk)
    opens_on = services_checkins.opens_on(checkin)
    if opens_on > timezone.localdate():
        messages.info(
            request,
            _("This check-in can be filled in from %(date)s.")
            % {"date": opens_on.strftime("%d.%m.%Y")},
        )
        return redirect("mentorship:checkin_detail", pk=checkin.pk)

    form = FounderCheckInForm(
        request.POST or None, request.FILES or None, instance=copy.copy(checkin)
    )
    jobs = job_formset(request.POST or None, jobs=_jobs_to_start_from(checkin))
    if request.method == "POST" and form.is_valid() and jobs.is_valid():
        try:
            services_checkins.submit_checkin(
                actor=request.user,
                checkin=checkin,
                jobs=jobs.jobs(),
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request,
                _(
                    "Thank you! Your mentor will check these numbers with you "
                    "and confirm them."
                ),
            )
            return redirect("mentorship:checkin_detail", pk=checkin.pk)
    return render(
        request,
        "mentorship/checkin_submit.html",
        {
            "form": form,
            "jobs": jobs,
            "checkin": checkin,
            "evidence": selectors.checkin_evidence(checkin),
        },
    )


# Files: streamed by these views only, after the permission check


@login_required
def attachment_download(request, pk):
    attachment = permissions.attachment_for(request.user, pk)
    content_type = uploads.content_type_of(attachment.file.name)
    # Photos open in the browser; a PDF is downloaded, since the browser's
    # PDF viewer does not run under the sandbox the response asks for.
    return uploads.file_response(
        attachment.file,
        filename=attachment.original_name,
        content_type=content_type,
        as_attachment=content_type == "application/pdf",
    )


@login_required
def attachment_delete(request, pk):
    """Confirm, then remove a file added by mistake."""
    attachment = permissions.attachment_for(request.user, pk)
    if not permissions.can_remove_attachment(request.user, attachment):
        raise Http404
    if attachment.checkin_id:
        back = reverse(
            "mentorship:checkin_detail", kwargs={"pk": attachment.checkin_id}
        )
    else:
        back = reverse(
            "mentorship:startup_detail", kwargs={"pk": attachment.startup_id}
        )
    if request.method == "POST":
        services_files.remove_attachment(actor=request.user, attachment=attachment)
        messages.success(
            request, _("%(name)s removed.") % {"name": attachment.original_name}
        )
        return redirect(back)
    return render(
        request,
        "mentorship/attachment_confirm_delete.html",
        {"attachment": attachment, "back_url": back},
    )


@login_required
def startup_logo(request, pk):
    startup = permissions.startup_for(request.user, pk)
    if not startup.logo:
        raise Http404
    return uploads.file_response(
        startup.logo,
        filename=f"logo{Path(startup.logo.name).suffix}",
        content_type=uploads.content_type_of(startup.logo.name),
    )


@login_required
def founder_document(request, pk):
    """A founder's court emancipation document, for organisers only."""
    founder = permissions.founder_with_document(request.user, pk)
    name = founder.emancipation_document.name
    return uploads.file_response(
        founder.emancipation_document,
        filename=f"emancipation-{founder.person_id}{Path(name).suffix}",
        content_type=uploads.content_type_of(name),
        as_attachment=True,
    )
