"""The chair's page during the final: the "now pitching" queue and the peer vote."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from competition import selectors, services_jury
from competition.permissions import final_for
from vsfa.permissions import organiser_required


@organiser_required
def live_control(request, pk):
    """GET shows the queue; POST moves it (next, previous, a pitch, end) or
    opens and closes the peer vote."""
    final = final_for(request.user, pk)
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            _act(request, final, action)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("competition:live_control", pk=final.pk)
    context = {
        "final": final,
        "queue": selectors.live_queue(final),
        "tie_break_fixed": services_jury.tie_break_fixed(final),
    }
    return render(request, "competition/final_live_control.html", context)


def _act(request, final, action):
    actor = request.user
    if action in ("next", "previous"):
        final = services_jury.step_queue(
            actor=actor, final=final, forward=action == "next"
        )
    elif action == "pitch":
        finalist = final.finalists.filter(pk=request.POST.get("finalist")).first()
        if finalist is None:
            raise ValidationError(_("Choose a finalist of this final."))
        final = services_jury.set_now_pitching(
            actor=actor, final=final, finalist=finalist
        )
    elif action == "end":
        final = services_jury.set_now_pitching(actor=actor, final=final, finalist=None)
    elif action in ("open_vote", "close_vote"):
        services_jury.set_peer_vote_open(
            actor=actor, final=final, open_=action == "open_vote"
        )
        messages.success(
            request,
            _("The peer vote is open.")
            if action == "open_vote"
            else _("The peer vote is closed."),
        )
        return
    else:
        raise ValidationError(_("Unknown action."))
    if final.now_pitching is not None:
        messages.success(
            request,
            _("Now pitching: %(order)s. %(name)s.")
            % {"order": final.now_pitching.pitch_order, "name": final.now_pitching},
        )
    else:
        messages.success(request, _("Nobody is pitching now."))
