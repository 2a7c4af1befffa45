"""Organiser pages for the outcome: the ranking and the prizes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from competition import selectors, services
from competition.forms import PrizeForm
from competition.permissions import final_for, prize_for
from vsfa.permissions import organiser_required


@organiser_required
def results(request, pk):
    final = final_for(request.user, pk)
    context = {
        "final": final,
        "ranking": selectors.ranking(final),
        "prizes": list(final.prizes.select_related("finalist")),
    }
    return render(request, "competition/final_results.html", context)


def _prize_form_page(request, form, final, prize=None):
    context = {"form": form, "final": final, "prize": prize}
    return render(request, "competition/prize_form.html", context)


@organiser_required
def prize_create(request, pk):
    final = final_for(request.user, pk)
    form = PrizeForm(request.POST or None, final=final)
    if request.method == "POST" and form.is_valid():
        try:
            prize = services.create_prize(
                actor=request.user, final=final, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Prize %(name)s recorded.") % {"name": prize})
            return redirect("competition:results", pk=final.pk)
    return _prize_form_page(request, form, final)


@organiser_required
def prize_update(request, pk):
    prize = prize_for(request.user, pk)
    final = prize.final
    form = PrizeForm(request.POST or None, instance=prize, final=final)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_prize(actor=request.user, prize=prize, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Prize %(name)s saved.") % {"name": prize})
            return redirect("competition:results", pk=final.pk)
    return _prize_form_page(request, form, final, prize)


@organiser_required
def prize_delete(request, pk):
    prize = prize_for(request.user, pk)
    final = prize.final
    if request.method == "POST":
        services.delete_prize(actor=request.user, prize=prize)
        messages.success(request, _("Prize %(name)s deleted.") % {"name": prize})
        return redirect("competition:results", pk=final.pk)
    return render(
        request,
        "competition/prize_confirm_delete.html",
        {"prize": prize, "final": final},
    )
