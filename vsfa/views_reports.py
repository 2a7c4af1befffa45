"""Indicators for the funders, the funder's workbook and the budget."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from vsfa import costs, freshness, indicators, suppression
from vsfa.exports import XLSX_TYPE
from vsfa.forms_reports import BudgetForm, CostForm
from vsfa.funder_export import export_edition
from vsfa.models import Cost, Edition
from vsfa.permissions import organiser_required


@organiser_required
def indicators_home(request):
    """The indicators of the edition being viewed (all editions before any)."""
    if not request.edition:
        return redirect("reports:all_indicators")
    return redirect("reports:edition_indicators", pk=request.edition.pk)


@organiser_required
def edition_indicators(request, pk):
    edition = get_object_or_404(Edition, pk=pk)

    def read():
        facts = indicators.load_facts([edition])
        lines, total = indicators.budget(edition)
        return {
            "object": edition,
            "figures": indicators.edition_indicators(edition, facts),
            "stages": indicators.STAGES,
            "budget_lines": lines,
            "budget_total": total,
            "small_label": suppression.SMALL_LABEL,
            "secondary_label": suppression.SECONDARY_LABEL,
        }

    part = freshness.kept_part(
        request, "indicators", "vsfa/_indicators_edition_part.html", read
    )
    return render(
        request, "vsfa/indicators_edition.html", {"object": edition, "part": part}
    )


@organiser_required
def all_indicators(request):
    table = indicators.all_indicators()
    return render(
        request,
        "vsfa/indicators_all.html",
        {
            "table": table,
            "figures": table.overall,
            "stages": indicators.STAGES,
            "small_label": suppression.SMALL_LABEL,
            "secondary_label": suppression.SECONDARY_LABEL,
        },
    )


@organiser_required
def funder_export(request, pk):
    edition = get_object_or_404(Edition, pk=pk)

    content = export_edition(actor=request.user, edition=edition)

    filename = f"vsfa-{edition.name.replace('/', '-')}-funder.xlsx"
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@organiser_required
def edition_budget(request, pk):
    edition = get_object_or_404(Edition, pk=pk)
    # Read before the form is bound: binding writes the typed values on it.
    lines, total = indicators.budget(edition)
    form = BudgetForm(request.POST or None, instance=edition)

    if request.method == "POST" and form.is_valid():
        costs.save_budget(actor=request.user, edition=edition, **form.cleaned_data)
        messages.success(request, _("Budget saved."))
        return redirect("reports:edition_budget", pk=edition.pk)

    page = Paginator(indicators.costs(edition), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "vsfa/indicators_budget.html",
        {
            "object": edition,
            "form": form,
            "budget_lines": lines,
            "budget_total": total,
            "page_obj": page,
        },
    )


@organiser_required
def cost_add(request, pk):
    edition = get_object_or_404(Edition, pk=pk)
    form = CostForm(request.POST or None)

    if request.method == "POST" and form.is_valid():
        _cost, created = costs.record_cost(
            actor=request.user, edition=edition, **form.cleaned_data
        )
        if created:
            messages.success(request, _("Cost recorded."))
        else:
            messages.success(request, _("This cost was already recorded."))
        return redirect("reports:edition_budget", pk=edition.pk)

    return render(
        request, "vsfa/indicators_cost_form.html", {"object": edition, "form": form}
    )


@organiser_required
def cost_delete(request, pk):
    cost = get_object_or_404(Cost.objects.select_related("edition"), pk=pk)
    linked = costs.linked_records(cost)

    if request.method == "POST":
        if linked:
            messages.error(
                request,
                _("This cost belongs to %(records)s: change it there.")
                % {"records": ", ".join(linked)},
            )
        else:
            costs.delete_cost(actor=request.user, cost=cost)
            messages.success(request, _("Cost deleted."))
        return redirect("reports:edition_budget", pk=cost.edition_id)

    return render(
        request,
        "vsfa/indicators_cost_confirm_delete.html",
        {"cost": cost, "linked": linked},
    )
