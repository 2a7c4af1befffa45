"""The juror's pages: their own pitches and one score sheet per pitch."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from competition import selectors, services
from competition.forms import ScoreSheetForm
from competition.permissions import assignment_for
from vsfa.permissions import juror_required


@juror_required
def my_pitches(request):
    pitches = selectors.juror_pitches(request.user, request.edition)
    page = Paginator(pitches, 50).get_page(request.GET.get("page"))
    context = {"page_obj": page, "next_pitch": selectors.next_pitch(pitches)}
    return render(request, "competition/assignment_list.html", context)


@juror_required
def sheet(request, pk):
    """Score one pitch; the same page shows a submitted sheet read-only."""
    assignment = assignment_for(request.user, pk)
    final = assignment.finalist.final
    criteria = list(final.criteria.all())
    score_sheet = getattr(assignment, "sheet", None)
    saved = {}
    if score_sheet is not None:
        saved = {score.criterion_id: score.value for score in score_sheet.scores.all()}
    initial = {
        ScoreSheetForm.field_name(criterion): saved.get(criterion.pk)
        for criterion in criteria
    }
    initial["comment"] = getattr(score_sheet, "comment", "")
    form = ScoreSheetForm(
        request.POST or None, criteria=criteria, final=final, initial=initial
    )

    if request.method == "POST":
        submit = "submit" in request.POST
        if score_sheet is not None and score_sheet.is_locked and not form.is_valid():
            # A stale or tampered form for a locked sheet: the lock is what
            # the juror needs to hear, not which value was malformed.
            messages.error(
                request,
                _(
                    "This score sheet is already submitted and locked; "
                    "nothing was changed."
                ),
            )
            return redirect("competition:sheet", pk=assignment.pk)
        if form.is_valid():
            try:
                outcome = services.save_sheet(
                    actor=request.user,
                    assignment=assignment,
                    values=form.values(),
                    comment=form.cleaned_data["comment"],
                    submit=submit,
                )
            except ValidationError as error:
                if getattr(error, "code", None) == "locked":
                    messages.error(request, " ".join(error.messages))
                    return redirect("competition:sheet", pk=assignment.pk)
                form.add_error(None, error)
                if hasattr(error, "error_dict"):
                    messages.error(
                        request, _("Not submitted: score every criterion first.")
                    )
                else:
                    messages.error(request, " ".join(error.messages))
            else:
                return _after_save(request, assignment, outcome)
        else:
            messages.error(request, _("Not saved: see below."))

    context = {
        "assignment": assignment,
        "finalist": assignment.finalist,
        "final": final,
        "form": form,
        "sheet": score_sheet,
        "locked": score_sheet is not None and score_sheet.is_locked,
        "saved": [(criterion, saved.get(criterion.pk)) for criterion in criteria],
    }
    return render(request, "competition/scoresheet_form.html", context)


def _after_save(request, assignment, outcome):
    name = {"name": assignment.finalist}
    if outcome == services.SheetOutcome.SUBMITTED:
        messages.success(request, _("Your scores for %(name)s are submitted.") % name)
        return redirect("competition:my_pitches")
    if outcome == services.SheetOutcome.ALREADY_SUBMITTED:
        messages.info(
            request,
            _("Your scores for %(name)s had already arrived; they are kept as sent.")
            % name,
        )
        return redirect("competition:my_pitches")
    messages.success(request, _("Draft saved for %(name)s.") % name)
    return redirect("competition:sheet", pk=assignment.pk)
