"""The juror's pages: conflicts, their pitches, the live page and one sheet per pitch.

The sheet posts as a plain form; ``sheet.js`` sends the same form with
``Accept: application/json`` to keep the juror on the page and retry when
the venue's Wi-Fi drops, and gets the outcome as JSON.
"""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from competition import selectors, services, services_jury
from competition.forms import ConflictForm, ReasonForm, ScoreSheetForm
from competition.permissions import assignment_for, seat_for, seats_for
from vsfa.middleware import viewed_edition
from vsfa.permissions import juror_required


def _wants_json(request):
    return request.headers.get("Accept", "").startswith("application/json")


@juror_required
def my_pitches(request):
    edition = viewed_edition(request)
    pitches = selectors.juror_pitches(request.user, edition)
    page = Paginator(pitches, 50).get_page(request.GET.get("page"))
    seats = list(
        seats_for(request.user).filter(final__edition=edition).select_related("final")
    )
    context = {
        "page_obj": page,
        "next_pitch": selectors.next_pitch(pitches),
        "seats": seats,
    }
    return render(request, "competition/assignment_list.html", context)


@juror_required
def conflicts_declare(request, pk):
    """The juror's ties, declared once, before scoring."""
    seat = seat_for(request.user, pk)
    final = seat.final
    if seat.conflicts_declared_at is not None:
        context = {
            "seat": seat,
            "final": final,
            "schools": list(seat.conflict_schools.all()),
            "members": list(seat.conflict_members.select_related("person")),
            "mentors": list(seat.conflict_mentors.select_related("user")),
            "finalists": list(seat.conflict_finalists.all()),
        }
        return render(request, "competition/juror_conflicts.html", context)
    form = ConflictForm(request.POST or None, final=final)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            removed = services_jury.declare_conflicts(
                actor=request.user,
                juror=seat,
                schools=data["schools"],
                members=data["members"],
                mentors=data["mentors"],
                finalists=data["finalists"],
                note=data["note"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("competition:conflicts_declare", pk=final.pk)
        text = _("Your declaration is recorded.")
        if removed:
            text += " " + ngettext(
                "You will not score %(count)s pitch because of it.",
                "You will not score %(count)s pitches because of it.",
                removed,
            ) % {"count": removed}
        messages.success(request, text)
        return redirect("competition:my_pitches")
    return render(
        request, "competition/juror_conflicts.html", {"form": form, "final": final}
    )


def _sheet_context(request, assignment, form=None):
    final = assignment.finalist.final
    criteria = list(final.criteria.all())
    score_sheet = getattr(assignment, "sheet", None)
    saved = {}
    if score_sheet is not None:
        saved = {score.criterion_id: score.value for score in score_sheet.scores.all()}
    if form is None:
        initial = {
            ScoreSheetForm.field_name(criterion): saved.get(criterion.pk)
            for criterion in criteria
        }
        initial["comment"] = getattr(score_sheet, "comment", "")
        initial["submission_key"] = uuid.uuid4().hex
        form = ScoreSheetForm(criteria=criteria, final=final, initial=initial)
    return {
        "assignment": assignment,
        "finalist": assignment.finalist,
        "final": final,
        "form": form,
        "sheet": score_sheet,
        "locked": score_sheet is not None and score_sheet.is_locked,
        "saved": [(criterion, saved.get(criterion.pk)) for criterion in criteria],
    }


@juror_required
def sheet(request, pk):
    """Score one pitch; the same page shows a submitted sheet read-only."""
    assignment = assignment_for(request.user, pk)
    final = assignment.finalist.final
    if assignment.juror.conflicts_declared_at is None:
        messages.info(request, _("Declare your conflicts of interest before scoring."))
        return redirect("competition:conflicts_declare", pk=final.pk)
    if request.method != "POST":
        context = _sheet_context(request, assignment)
        return render(request, "competition/scoresheet_form.html", context)

    criteria = list(final.criteria.all())
    form = ScoreSheetForm(request.POST, criteria=criteria, final=final)
    submit = "submit" in request.POST
    back = _back_url(request, assignment)
    if not form.is_valid():
        return _refused(request, assignment, form, _("Not saved: see below."))
    try:
        outcome = services.save_sheet(
            actor=request.user,
            assignment=assignment,
            values=form.values(),
            comment=form.cleaned_data["comment"],
            submit=submit,
            submission_key=form.cleaned_data["submission_key"],
        )
    except ValidationError as error:
        if getattr(error, "code", None) in ("locked", "left_out", "conflict"):
            if _wants_json(request):
                return JsonResponse(
                    {"outcome": "refused", "message": " ".join(error.messages)},
                    status=409,
                )
            messages.error(request, " ".join(error.messages))
            return redirect(back)
        form.add_error(None, error)
        text = (
            _("Not submitted: score every criterion first.")
            if hasattr(error, "error_dict")
            else " ".join(error.messages)
        )
        return _refused(request, assignment, form, text)
    return _after_save(request, assignment, outcome, back)


def _back_url(request, assignment):
    if request.POST.get("next") == "live":
        return reverse("competition:live", kwargs={"pk": assignment.finalist.final_id})
    return reverse("competition:sheet", kwargs={"pk": assignment.pk})


def _refused(request, assignment, form, text):
    if _wants_json(request):
        return JsonResponse(
            {"outcome": "invalid", "message": text, "errors": form.errors},
            status=400,
        )
    messages.error(request, text)
    context = _sheet_context(request, assignment, form)
    return render(request, "competition/scoresheet_form.html", context)


def _after_save(request, assignment, outcome, back):
    name = {"name": assignment.finalist}
    if outcome == services.SheetOutcome.SUBMITTED:
        text = _("Your scores for %(name)s are submitted.") % name
        level = messages.SUCCESS
    elif outcome == services.SheetOutcome.ALREADY_SUBMITTED:
        text = (
            _("Your scores for %(name)s had already arrived; they are kept as sent.")
            % name
        )
        level = messages.INFO
    else:
        text = _("Draft saved for %(name)s.") % name
        level = messages.SUCCESS
    if outcome != services.SheetOutcome.SAVED and "live" not in back:
        back = reverse("competition:my_pitches")
    if _wants_json(request):
        if outcome != services.SheetOutcome.SAVED:
            messages.add_message(request, level, text)
        return JsonResponse({"outcome": outcome, "message": text, "redirect": back})
    messages.add_message(request, level, text)
    return redirect(back)


@juror_required
def abstain(request, pk):
    """The juror stays out of one pitch, with a reason (confirm, then POST)."""
    assignment = assignment_for(request.user, pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services_jury.abstain(
                actor=request.user,
                assignment=assignment,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("You abstain on %(name)s; your sheet does not count.")
                % {"name": assignment.finalist},
            )
        return redirect("competition:my_pitches")
    return render(
        request,
        "competition/assignment_abstain.html",
        {"assignment": assignment, "form": form},
    )


@juror_required
def live(request, pk):
    """The pitch on stage and, when the juror scores it, its sheet.

    Without JavaScript the juror reloads the page; ``sheet.js`` polls
    ``live_state`` and follows the queue.
    """
    seat = seat_for(request.user, pk)
    final = seat.final
    if seat.conflicts_declared_at is None:
        messages.info(request, _("Declare your conflicts of interest before scoring."))
        return redirect("competition:conflicts_declare", pk=final.pk)
    state = selectors.live_state(final, seat)
    context = {"final": final, "seat": seat, "state": state}
    if state["assignment"] is not None:
        assignment = assignment_for(request.user, state["assignment"]["pk"])
        context.update(_sheet_context(request, assignment))
    return render(request, "competition/final_live.html", context)


@juror_required
def live_state(request, pk):
    seat = seat_for(request.user, pk)
    state = selectors.live_state(seat.final, seat)
    response = JsonResponse(state)
    response["Cache-Control"] = "no-store"
    return response
