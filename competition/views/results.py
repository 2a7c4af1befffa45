"""Organiser pages for the outcome: the ranking, the casting vote, certifying
and publishing, the sheets and their unlocking, the prizes and the feedback."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from competition import scoring, selectors, services, services_jury, services_results
from competition.forms import AnswerForm, CastingVoteForm, PrizeForm, ReasonForm
from competition.permissions import (
    appeal_for,
    final_for,
    finalist_for,
    organised_assignment_for,
    prize_for,
    published_final_for,
    sheet_for,
)
from vsfa import freshness
from vsfa.permissions import organiser_required


def _error_text(error):
    return " ".join(error.messages)


@organiser_required
def results(request, pk):
    final = final_for(request.user, pk)

    def read():
        ranking = selectors.ranking(final)
        certifications = selectors.certifications_of(final)
        return {
            "final": final,
            "ranking": ranking,
            "prizes": selectors.prize_winners(final, ranking),
            # What the ranking read and found, not looked for a second time.
            "left_out": selectors.left_out_of(final, ranking),
            "certification": selectors.certification_in_force(certifications),
            "certifications": certifications,
            "waiting": [
                (group, scoring.tied_key(f.pk for f in group))
                for group in ranking.waiting_for_casting_vote
            ],
        }

    part = freshness.kept_part(
        request, "results", "competition/_final_results_part.html", read
    )
    return render(
        request, "competition/final_results.html", {"final": final, "part": part}
    )


@organiser_required
def casting_vote(request, pk, tied):
    """The chair's order for one group the chain left equal."""
    final = final_for(request.user, pk)
    ranking = selectors.ranking(final)
    group = next(
        (
            g
            for g in ranking.waiting_for_casting_vote
            if scoring.tied_key(f.pk for f in g) == tied
        ),
        None,
    )
    if group is None:
        raise Http404
    form = CastingVoteForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        try:
            services_results.cast_casting_vote(
                actor=request.user,
                final=final,
                order=form.order(),
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("The chair's casting vote is recorded."))
        return redirect("competition:results", pk=final.pk)
    return render(
        request,
        "competition/castingvote_form.html",
        {"final": final, "form": form, "group": group},
    )


@organiser_required
def certify(request, pk):
    final = final_for(request.user, pk)
    if request.method == "POST":
        try:
            services_results.certify(actor=request.user, final=final)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(
                request, _("The results are certified: nothing can change now.")
            )
        return redirect("competition:results", pk=final.pk)
    ranking = selectors.ranking(final)
    context = {
        "final": final,
        "missing": sum(row.sheets_expected - row.sheets_in for row in ranking.rows),
        "waiting": ranking.waiting_for_casting_vote,
    }
    return render(request, "competition/final_confirm_certify.html", context)


@organiser_required
def reopen(request, pk):
    final = final_for(request.user, pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services_results.reopen(
                actor=request.user, final=final, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(
                request, _("The results are reopened; the reason is recorded.")
            )
        return redirect("competition:results", pk=final.pk)
    return render(
        request, "competition/final_confirm_reopen.html", {"final": final, "form": form}
    )


@organiser_required
def publish(request, pk):
    final = final_for(request.user, pk)
    if request.method == "POST":
        try:
            services_results.publish(actor=request.user, final=final)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(
                request,
                _("The results are published to the jurors and the finalists."),
            )
        return redirect("competition:results", pk=final.pk)
    return render(request, "competition/final_confirm_publish.html", {"final": final})


@login_required
def published_results(request, pk):
    """The published ranking for the final's jurors and finalists: places,
    results and prizes; never a juror's own scores."""
    final = published_final_for(request.user, pk)
    if final.results_published_at is None:
        raise Http404
    ranking = selectors.ranking(final)
    context = {
        "final": final,
        "ranking": ranking,
        "prizes": selectors.prize_winners(final, ranking),
    }
    return render(request, "competition/final_published.html", context)


# Sheets: the organisers' view, unlocking and recusing


@organiser_required
def sheet_list(request, pk):
    final = final_for(request.user, pk)
    page = Paginator(selectors.sheets_of(final), 50).get_page(request.GET.get("page"))
    context = {"final": final, "page_obj": page}
    return render(request, "competition/scoresheet_list.html", context)


@organiser_required
def sheet_unlock(request, pk):
    sheet = sheet_for(request.user, pk)
    final = sheet.assignment.finalist.final
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services_jury.unlock_sheet(
                actor=request.user, sheet=sheet, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(
                request,
                _("The sheet of %(juror)s for %(finalist)s is unlocked.")
                % {
                    "juror": sheet.assignment.juror,
                    "finalist": sheet.assignment.finalist,
                },
            )
        return redirect("competition:sheet_list", pk=final.pk)
    context = {"sheet": sheet, "final": final, "form": form}
    return render(request, "competition/scoresheet_confirm_unlock.html", context)


@organiser_required
def recuse(request, pk):
    assignment = organised_assignment_for(request.user, pk)
    final = assignment.finalist.final
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services_jury.recuse(
                actor=request.user,
                assignment=assignment,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(
                request,
                _("%(juror)s is recused from %(finalist)s.")
                % {"juror": assignment.juror, "finalist": assignment.finalist},
            )
        return redirect("competition:sheet_list", pk=final.pk)
    context = {"assignment": assignment, "final": final, "form": form}
    return render(request, "competition/assignment_confirm_recuse.html", context)


# Prizes


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
        try:
            services.delete_prize(actor=request.user, prize=prize)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("Prize %(name)s deleted.") % {"name": prize})
        return redirect("competition:results", pk=final.pk)
    return render(
        request,
        "competition/prize_confirm_delete.html",
        {"prize": prize, "final": final},
    )


# Feedback and appeals


@organiser_required
def feedback_review(request, pk):
    """The feedback one finalist would see; comments can be held back, then
    the whole is released."""
    finalist = finalist_for(request.user, pk)
    if request.method == "POST":
        try:
            if "release" in request.POST:
                services_results.release_feedback(actor=request.user, finalist=finalist)
                messages.success(
                    request,
                    _("Feedback released to %(name)s.") % {"name": finalist},
                )
            else:
                sheet = sheet_for(request.user, request.POST.get("sheet"))
                if sheet.assignment.finalist_id != finalist.pk:
                    raise Http404
                hidden = request.POST.get("hidden") == "1"
                services_results.set_comment_hidden(
                    actor=request.user, sheet=sheet, hidden=hidden
                )
                messages.success(
                    request,
                    _("The comment is held back.")
                    if hidden
                    else _("The comment is shown again."),
                )
        except ValidationError as error:
            messages.error(request, _error_text(error))
        return redirect("competition:feedback_review", pk=finalist.pk)
    averages, comments = selectors.feedback_of(finalist)
    context = {
        "finalist": finalist,
        "final": finalist.final,
        "averages": averages,
        "comments": comments,
        "certified": selectors.certification_of(finalist.final) is not None,
    }
    return render(request, "competition/feedback_review.html", context)


@organiser_required
def appeal_list(request, pk):
    final = final_for(request.user, pk)
    page = Paginator(selectors.appeals_of(final), 20).get_page(request.GET.get("page"))
    context = {
        "final": final,
        "page_obj": page,
        "closes_at": services_results.appeal_closes_at(final),
    }
    return render(request, "competition/appeal_list.html", context)


@organiser_required
def appeal_answer(request, pk):
    appeal = appeal_for(request.user, pk)
    final = appeal.finalist.final
    form = AnswerForm(request.POST or None, initial={"answer": appeal.answer})
    if request.method == "POST" and form.is_valid():
        services_results.answer_appeal(
            actor=request.user, appeal=appeal, answer=form.cleaned_data["answer"]
        )
        messages.success(
            request,
            _("The answer to %(name)s is recorded.") % {"name": appeal.finalist},
        )
        return redirect("competition:appeal_list", pk=final.pk)
    context = {"appeal": appeal, "final": final, "form": form}
    return render(request, "competition/appeal_form.html", context)
