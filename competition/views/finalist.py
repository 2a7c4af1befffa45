"""A finalist's own page: the pitch, the published result, the released
feedback, the peer vote and the appeal. Its members see it; nobody else but
the organisers does."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from competition import selectors, services_jury, services_results
from competition.forms import AppealForm, PeerVoteForm
from competition.models import Appeal, PeerVote
from competition.permissions import deck_for, entries_for, finalist_page_for
from vsfa import uploads
from vsfa.middleware import viewed_edition
from vsfa.permissions import participant_required


@participant_required
def my_final(request):
    """The finalists the participant pitches with, in this edition."""
    entries = list(
        entries_for(request.user)
        .filter(final__edition=viewed_edition(request))
        .select_related("final")
        .order_by("final__date", "pitch_order")
    )
    if len(entries) == 1:
        return redirect("competition:finalist_page", pk=entries[0].pk)
    return render(request, "competition/finalist_list.html", {"entries": entries})


@login_required
def finalist_page(request, pk):
    finalist = finalist_page_for(request.user, pk)
    final = finalist.final
    context = {"finalist": finalist, "final": final}
    if final.results_published_at is not None:
        ranking = selectors.ranking(final)
        context["row"] = next(
            (row for row in ranking.rows if row.finalist.pk == finalist.pk), None
        )
        context["prizes"] = [
            prize
            for prize, winners in selectors.prize_winners(final, ranking)
            if finalist in winners
        ]
    if finalist.feedback_released_at is not None:
        averages, comments = selectors.feedback_of(finalist)
        context["averages"] = averages
        context["comments"] = [sheet for sheet in comments if not sheet.comment_hidden]
    # Organisers see the page as its members do, without their forms.
    member = entries_for(request.user).filter(pk=finalist.pk).exists()
    context["appeal"] = Appeal.objects.filter(finalist=finalist).first()
    context["appeal_open"] = services_results.appeal_open(final)
    context["appeal_closes_at"] = services_results.appeal_closes_at(final)
    if member and context["appeal_open"] and context["appeal"] is None:
        context["appeal_form"] = AppealForm()
    context["vote"] = PeerVote.objects.filter(final=final, voter=finalist).first()
    voting = final.peer_vote_percent and final.peer_vote_open
    if member and voting and context["vote"] is None:
        context["vote_form"] = PeerVoteForm(voter=finalist)
    return render(request, "competition/finalist_detail.html", context)


def _own_entry(request, pk):
    """The finalist ``pk`` when the user pitches with it; 404 otherwise."""
    return get_object_or_404(
        entries_for(request.user).select_related("final__edition"), pk=pk
    )


@participant_required
@require_POST
def peer_vote(request, pk):
    voter = _own_entry(request, pk)
    form = PeerVoteForm(request.POST, voter=voter)
    if not form.is_valid():
        messages.error(request, _("Choose the finalist your team votes for."))
        return redirect("competition:finalist_page", pk=voter.pk)
    try:
        vote, created = services_jury.cast_peer_vote(
            actor=request.user, voter=voter, choice=form.cleaned_data["choice"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if created:
            messages.success(
                request,
                _("Your team's vote for %(name)s is recorded.") % {"name": vote.choice},
            )
        else:
            messages.info(request, _("Your team had already voted; that vote stays."))
    return redirect("competition:finalist_page", pk=voter.pk)


@participant_required
@require_POST
def appeal_file(request, pk):
    finalist = _own_entry(request, pk)
    form = AppealForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write what you contest, and why."))
        return redirect("competition:finalist_page", pk=finalist.pk)
    try:
        _appeal, created = services_results.file_appeal(
            actor=request.user, finalist=finalist, text=form.cleaned_data["text"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if created:
            messages.success(
                request, _("Your appeal is filed; the organisers will answer it.")
            )
        else:
            messages.info(request, _("Your team's appeal was already filed."))
    return redirect("competition:finalist_page", pk=finalist.pk)


@login_required
def finalist_deck(request, pk):
    """The pitch deck, to the organisers and the final's jurors only."""
    finalist = deck_for(request.user, pk)
    return uploads.file_response(
        finalist.deck,
        filename=finalist.deck_name or "deck.pdf",
        content_type="application/pdf",
    )
