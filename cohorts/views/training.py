"""Modules, workshops and their attendance, module completion: for organisers."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cohorts import selectors, services, services_evidence, training_time
from cohorts.choices import EvidenceStatus
from cohorts.forms import (
    CompletionGridForm,
    ModuleForm,
    WorkshopAttendanceForm,
    WorkshopForm,
)
from cohorts.models import Module, Workshop
from cohorts.views.helpers import edition_of, paginate
from vsfa import freshness
from vsfa.permissions import organiser_required


@organiser_required
def module_list(request):
    edition = edition_of(request)
    modules = Module.objects.filter(edition=edition).order_by("number")
    return render(
        request, "cohorts/module_list.html", {"page_obj": paginate(request, modules)}
    )


@organiser_required
def module_create(request):
    return _module_form(request, Module(edition=edition_of(request)))


@organiser_required
def module_update(request, pk):
    return _module_form(request, get_object_or_404(Module, pk=pk))


def _module_form(request, module):
    form = ModuleForm(request.POST or None, instance=module)
    if request.method == "POST" and form.is_valid():
        module = services.save_module(
            actor=request.user, module=form.save(commit=False)
        )
        messages.success(request, _("Module %(name)s saved.") % {"name": module})
        return redirect("cohorts:module_list")
    return render(request, "cohorts/module_form.html", {"form": form, "object": module})


@organiser_required
def workshop_list(request):
    edition = edition_of(request)
    return render(
        request,
        "cohorts/workshop_list.html",
        {"page_obj": paginate(request, selectors.workshop_list(edition))},
    )


@organiser_required
def workshop_create(request):
    return _workshop_form(request, Workshop(edition=edition_of(request)))


@organiser_required
def workshop_update(request, pk):
    return _workshop_form(request, get_object_or_404(Workshop, pk=pk))


def _workshop_form(request, workshop):
    """Plan or move a workshop; a second step first when graduates would be lost.

    The second step shows the form again, as typed, with how many members
    would stop meeting the completion rule; it sends that number back, and
    the workshop is saved only while the number is still the same.
    """
    form = WorkshopForm(request.POST or None, instance=workshop)
    if request.method == "POST" and form.is_valid():
        lost = training_time.completions_lost_by(form.instance)
        if lost and request.POST.get("confirm_lost") != str(lost):
            return render(
                request,
                "cohorts/workshop_form.html",
                {"form": form, "object": workshop, "lost": lost},
            )
        try:
            workshop = services.save_workshop(
                actor=request.user, workshop=form.save(commit=False)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Workshop %(name)s saved.") % {"name": workshop}
            )
            return redirect("cohorts:workshop_list")
    return render(
        request, "cohorts/workshop_form.html", {"form": form, "object": workshop}
    )


@organiser_required
def workshop_attendance(request, pk):
    """The whole cohort's attendance of one workshop, on one form."""
    workshop = get_object_or_404(Workshop.objects.select_related("edition"), pk=pk)
    members, statuses, check_ins = selectors.workshop_sheet(workshop)
    form = WorkshopAttendanceForm(
        request.POST or None, members=members, statuses=statuses
    )
    if request.method == "POST" and form.is_valid():
        changed = services.record_workshop_attendance(
            actor=request.user, workshop=workshop, statuses=form.statuses()
        )
        messages.success(
            request,
            ngettext(
                "Attendance saved: %(count)s change.",
                "Attendance saved: %(count)s changes.",
                changed,
            )
            % {"count": changed},
        )
        return redirect("cohorts:workshop_attendance", pk=workshop.pk)
    return render(
        request,
        "cohorts/workshop_attendance.html",
        {"workshop": workshop, "form": form, "check_ins": check_ins},
    )


# Far more than a cohort; the grid is one page whenever Django allows it.
MAX_GRID_ROWS = 1000


def grid_members_per_page(module_count):
    """How many members' rows the completion grid shows on one page.

    Each ticked box is one field of the form, and Django refuses a request
    with more than ``DATA_UPLOAD_MAX_NUMBER_FIELDS`` of them; a few are kept
    for the token and the boxes the page showed. 75 members by 13 modules fit
    on one page.
    """
    limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    if limit is None:
        return MAX_GRID_ROWS
    return max(1, min(MAX_GRID_ROWS, (limit - 10) // max(module_count, 1)))


@organiser_required
def completion_grid(request):
    """Selected members by modules: tick what each has completed, save once.

    A module a participant claimed shows as waiting, with its evidence;
    ticking it confirms it.
    """
    edition = edition_of(request)

    def read():
        members, modules, done, claims = selectors.completion_grid(edition)
        page = Paginator(members, grid_members_per_page(len(modules))).get_page(
            request.GET.get("page")
        )
        form = CompletionGridForm(
            request.POST or None,
            members=list(page),
            modules=modules,
            done=done,
            claims=claims,
        )
        return {
            "form": form,
            "modules": modules,
            "rows": form.rows(),
            "page_obj": page,
            "waiting": sum(
                1
                for claim in claims.values()
                if claim.status == EvidenceStatus.SUBMITTED
            ),
        }

    context = None
    if request.method == "POST":
        context = read()
        form = context["form"]
        if form.is_valid():
            added, removed = services_evidence.save_module_completions(
                actor=request.user,
                edition=edition,
                ticked=form.ticked(),
                cleared=form.cleared(),
            )
            messages.success(
                request,
                _("Completion saved: %(added)s ticked, %(removed)s cleared.")
                % {"added": added, "removed": removed},
            )
            return redirect(request.get_full_path())
    part = freshness.kept_part(
        request,
        "completion",
        "cohorts/_completion_grid_part.html",
        lambda: context or read(),
        params=["page"],
    )
    return render(request, "cohorts/completion_grid.html", {"part": part})
