"""Organiser pages that set up a final: its details, criteria and finalists."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from competition import selectors, services, services_jury
from competition.forms import (
    CriterionFormSet,
    FinalForm,
    FinalistForm,
    LevelsForm,
    TieBreakForm,
)
from competition.permissions import final_for, finalist_for, finals_for
from vsfa.middleware import viewed_edition
from vsfa.permissions import organiser_required


def _error_text(error):
    return " ".join(error.messages)


@organiser_required
def final_list(request):
    finals = finals_for(request.user).filter(edition=viewed_edition(request))
    page = Paginator(finals.order_by("-date", "-pk"), 20).get_page(
        request.GET.get("page")
    )
    return render(request, "competition/final_list.html", {"page_obj": page})


@organiser_required
def final_create(request):
    if not request.edition:
        messages.error(request, _("Create an edition before its final."))
        return redirect("edition_create")
    form = FinalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            final = services.create_final(
                actor=request.user, edition=request.edition, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Final %(title)s created with the six starting criteria.")
                % {"title": final.title},
            )
            return redirect("competition:final_detail", pk=final.pk)
    return render(request, "competition/final_form.html", {"form": form})


@organiser_required
def final_update(request, pk):
    final = final_for(request.user, pk)
    form = FinalForm(request.POST or None, instance=final)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_final(actor=request.user, final=final, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("Final %(title)s saved.") % {"title": final})
            return redirect("competition:final_detail", pk=final.pk)
    return render(
        request, "competition/final_form.html", {"form": form, "final": final}
    )


@organiser_required
def final_detail(request, pk):
    final = final_for(request.user, pk)
    finalists = list(selectors.finalists_of(final))
    members = [member for finalist in finalists for member in finalist.members.all()]
    completion = selectors.completion_of(final.edition, members)
    for member in members:
        member.completed = completion[member.pk]
    context = {
        "final": final,
        "criteria": list(final.criteria.all()),
        "finalists": finalists,
        "jurors": list(
            selectors.jurors_of(final).prefetch_related(
                "conflict_schools",
                "conflict_members__person",
                "conflict_mentors__user",
                "conflict_finalists",
            )
        ),
        "criteria_frozen": selectors.has_submitted_sheets(final),
        "is_full": selectors.is_full(final),
        "levels": LevelsForm(final=final).initial_levels(),
        "tie_break": list(final.tie_break_steps.select_related("criterion")),
        "tie_break_fixed": services_jury.tie_break_fixed(final),
        "certification": selectors.certification_of(final),
    }
    return render(request, "competition/final_detail.html", context)


@organiser_required
def criteria_update(request, pk):
    final = final_for(request.user, pk)
    frozen = selectors.has_submitted_sheets(final)
    formset = CriterionFormSet(request.POST or None, instance=final)
    if request.method == "POST":
        if formset.is_valid():
            try:
                services.replace_criteria(
                    actor=request.user, final=final, rows=formset.rows()
                )
            except ValidationError as error:
                messages.error(request, _error_text(error))
            else:
                messages.success(request, _("Criteria saved."))
                return redirect("competition:final_detail", pk=final.pk)
        else:
            messages.error(request, _("The criteria were not saved: see below."))
    context = {"final": final, "formset": formset, "frozen": frozen}
    return render(request, "competition/criterion_formset.html", context)


def _finalist_form_page(request, form, final, finalist=None):
    context = {"form": form, "final": final, "finalist": finalist}
    return render(request, "competition/finalist_form.html", context)


@organiser_required
def finalist_create(request, pk):
    final = final_for(request.user, pk)
    try:
        services.check_room(final)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("competition:final_detail", pk=final.pk)
    form = FinalistForm(
        request.POST or None,
        request.FILES or None,
        final=final,
        initial={"pitch_order": selectors.next_pitch_order(final)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            finalist = services.add_finalist(
                actor=request.user, final=final, **form.cleaned_data
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                form.add_error(None, error)
            else:
                messages.error(request, _error_text(error))
                return redirect("competition:final_detail", pk=final.pk)
        else:
            messages.success(
                request, _("%(name)s added to the final.") % {"name": finalist}
            )
            return redirect("competition:final_detail", pk=final.pk)
    return _finalist_form_page(request, form, final)


@organiser_required
def finalist_update(request, pk):
    finalist = finalist_for(request.user, pk)
    final = finalist.final
    initial = {
        "name": finalist.name,
        "summary": finalist.summary,
        "pitch_order": finalist.pitch_order,
        "members": list(finalist.members.all()),
        "override_reason": finalist.override_reason,
    }
    form = FinalistForm(
        request.POST or None,
        request.FILES or None,
        final=final,
        finalist=finalist,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_finalist(
                actor=request.user, finalist=finalist, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s saved.") % {"name": finalist})
            return redirect("competition:final_detail", pk=final.pk)
    return _finalist_form_page(request, form, final, finalist)


@organiser_required
def finalist_delete(request, pk):
    finalist = finalist_for(request.user, pk)
    final = finalist.final
    if request.method == "POST":
        try:
            services.remove_finalist(actor=request.user, finalist=finalist)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(
                request, _("%(name)s removed from the final.") % {"name": finalist}
            )
        return redirect("competition:final_detail", pk=final.pk)
    return render(
        request,
        "competition/finalist_confirm_delete.html",
        {"finalist": finalist, "final": final},
    )


@organiser_required
def levels_update(request, pk):
    """What each score of the scale means, shown on the jurors' sheets."""
    final = final_for(request.user, pk)
    form = LevelsForm(request.POST or None, final=final)
    if request.method == "POST" and form.is_valid():
        try:
            services_jury.set_level_descriptions(
                actor=request.user, final=final, descriptions=form.descriptions()
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("What each score means is saved."))
            return redirect("competition:final_detail", pk=final.pk)
    return render(
        request, "competition/levels_form.html", {"form": form, "final": final}
    )


@organiser_required
def tie_break_update(request, pk):
    """The chain that separates equal results, fixed before the final starts."""
    final = final_for(request.user, pk)
    form = TieBreakForm(request.POST or None, final=final)
    if request.method == "POST" and form.is_valid():
        try:
            services_jury.set_tie_break(
                actor=request.user, final=final, steps=form.steps()
            )
        except ValidationError as error:
            form.add_error(None, error)
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("The tie-break chain is saved."))
            return redirect("competition:final_detail", pk=final.pk)
    context = {
        "form": form,
        "final": final,
        "fixed": services_jury.tie_break_fixed(final),
    }
    return render(request, "competition/tiebreak_form.html", context)
