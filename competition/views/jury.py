"""Organiser pages for the jury: inviting jurors and who scores whom."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from competition import selectors, services
from competition.forms import JurorForm
from competition.permissions import final_for, juror_for
from vsfa.permissions import organiser_required


@organiser_required
def juror_invite(request, pk):
    final = final_for(request.user, pk)
    form = JurorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        juror, created = services.invite_juror(
            actor=request.user, final=final, **form.cleaned_data
        )
        if created:
            messages.success(
                request,
                _("%(name)s is on the jury of %(final)s.")
                % {"name": juror, "final": final},
            )
        else:
            messages.info(
                request,
                _("%(name)s was already on this jury; nothing was sent.")
                % {"name": juror},
            )
        return redirect("competition:final_detail", pk=final.pk)
    return render(
        request, "competition/juror_form.html", {"form": form, "final": final}
    )


@organiser_required
def juror_delete(request, pk):
    juror = juror_for(request.user, pk)
    final = juror.final
    if request.method == "POST":
        try:
            services.remove_juror(actor=request.user, juror=juror)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("%(name)s is no longer on the jury.") % {"name": juror}
            )
        return redirect("competition:final_detail", pk=final.pk)
    return render(
        request,
        "competition/juror_confirm_delete.html",
        {"juror": juror, "final": final},
    )


def _cell_name(juror_id, finalist_id):
    return f"pair-{juror_id}-{finalist_id}"


@organiser_required
def assignment_matrix(request, pk):
    """Jurors down, finalists across: a checked box means "scores this pitch"."""
    final = final_for(request.user, pk)
    jurors = list(final.jurors.select_related("user"))
    finalists = list(final.finalists.order_by("pitch_order"))

    if request.method == "POST":
        pairs = {
            (juror.pk, finalist.pk)
            for juror in jurors
            for finalist in finalists
            if request.POST.get(_cell_name(juror.pk, finalist.pk))
        }
        try:
            added, removed = services.set_assignments(
                actor=request.user,
                final=final,
                pairs=pairs,
                drop_drafts=request.POST.get("confirm") == "1",
            )
        except ValidationError as error:
            if error.code == "drafts":
                return _confirm_dropping_drafts(request, final, pairs)
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Assignments saved: %(added)s added, %(removed)s removed.")
                % {"added": added, "removed": removed},
            )
        return redirect("competition:assignment_matrix", pk=final.pk)

    current = selectors.assignment_pairs(final)
    conflicts = selectors.conflicts_of(final)
    rows = [
        {
            "juror": juror,
            "cells": [
                {
                    "finalist": finalist,
                    "name": _cell_name(juror.pk, finalist.pk),
                    "checked": (juror.pk, finalist.pk) in current,
                    "locked": current.get((juror.pk, finalist.pk), False),
                    "conflict": "; ".join(conflicts.get((juror.pk, finalist.pk), [])),
                }
                for finalist in finalists
            ],
        }
        for juror in jurors
    ]
    context = {
        "final": final,
        "finalists": finalists,
        "rows": rows,
    }
    return render(request, "competition/assignment_matrix.html", context)


def _confirm_dropping_drafts(request, final, pairs):
    """Name the drafts a save would delete and ask before doing it; the same
    boxes are sent again with the confirmation."""
    context = {
        "final": final,
        "drafts": selectors.drafts_dropped(final, pairs),
        "checked": sorted(
            _cell_name(juror_id, finalist_id) for juror_id, finalist_id in pairs
        ),
    }
    return render(request, "competition/assignment_confirm_delete.html", context)


@organiser_required
@require_POST
def assign_everyone(request, pk):
    final = final_for(request.user, pk)

    added, _removed = services.assign_everyone(actor=request.user, final=final)

    messages.success(
        request,
        ngettext(
            "Every juror now scores every finalist (%(added)s assignment added).",
            "Every juror now scores every finalist (%(added)s assignments added).",
            added,
        )
        % {"added": added},
    )
    return redirect("competition:assignment_matrix", pk=final.pk)
