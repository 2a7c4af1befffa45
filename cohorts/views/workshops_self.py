"""The room code of a workshop: its screen for organisers, its form for participants."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from cohorts import permissions, services_workshops
from cohorts.forms_workshops import RoomCodeForm
from cohorts.models import Workshop
from vsfa.permissions import organiser_required, participant_required


@organiser_required
def workshop_room(request, pk):
    """The code in large type, for the screen of the workshop's room."""
    workshop = get_object_or_404(Workshop, pk=pk)
    opens, closes = services_workshops.window(workshop)
    return render(
        request,
        "cohorts/workshop_room.html",
        {
            "workshop": workshop,
            "code": services_workshops.room_code(workshop),
            "opens": opens,
            "closes": closes,
        },
    )


@participant_required
def workshop_check_in(request):
    """A participant types the code shown in the room; they are marked present."""
    member = permissions.own_membership(request.user, request.edition)
    form = RoomCodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            attendance, changed = services_workshops.check_in_with_code(
                user=request.user, member=member, code=form.cleaned_data["code"]
            )
        except services_workshops.TooManyAttempts:
            form.add_error(
                "code",
                _(
                    "Too many codes were typed in the last few minutes. Wait "
                    "a quarter of an hour and try again, or ask the organisers "
                    "in the room."
                ),
            )
            status = 429
        except ValidationError as error:
            form.add_error("code", error)
        else:
            _tell(request, attendance, changed)
            return redirect("cohorts:my_progress")
    return render(
        request, "cohorts/workshop_check_in.html", {"form": form}, status=status
    )


def _tell(request, attendance, changed):
    values = {
        "workshop": attendance.workshop.title,
        "status": attendance.get_status_display().lower(),
    }
    if changed:
        messages.success(
            request,
            _("You are checked in to %(workshop)s: %(status)s. Enjoy the workshop!")
            % values,
        )
    else:
        messages.info(
            request,
            _(
                "You had already checked in to %(workshop)s (%(status)s); "
                "nothing changed."
            )
            % values,
        )
