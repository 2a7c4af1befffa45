"""Participants rate the sessions they attended; mentors and organisers read them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mentorship import permissions, services_ratings
from mentorship.forms_ratings import RatingForm
from vsfa.permissions import is_organiser, participant_required


@participant_required
def my_sessions(request):
    """The sessions the participant attended, their notes and the rating given."""
    sessions = services_ratings.sessions_with_own_rating(
        permissions.sessions_attended_by_user(request.user), request.user
    )
    return render(request, "mentorship/session_mine.html", {"sessions": sessions})


@participant_required
def session_rate(request, pk):
    session = permissions.session_to_rate(request.user, pk)
    member = services_ratings.attendee_of(session, request.user)
    rating = services_ratings.rating_of(session, member)
    initial = {"score": rating.score, "comment": rating.comment} if rating else None
    form = RatingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        _rating, created = services_ratings.rate_session(
            user=request.user, session=session, member=member, **form.cleaned_data
        )
        if created:
            messages.success(request, _("Thank you: your rating was saved."))
        else:
            messages.success(request, _("Your rating was changed."))
        return redirect("mentorship:my_sessions")
    return render(
        request,
        "mentorship/session_rate.html",
        {"session": session, "form": form, "rating": rating},
    )


@login_required
def session_ratings(request, pk):
    """A session's average and comments: organisers, and its group's mentors
    from ``services_ratings.SHOWN_TO_MENTORS_FROM`` ratings up."""
    session = permissions.session_with_ratings(request.user, pk)
    summary = services_ratings.rating_summary(session)
    readable = services_ratings.readable_by(request.user, summary["count"])
    return render(
        request,
        "mentorship/session_ratings.html",
        {
            "session": session,
            "summary": summary if readable else None,
            "too_few": not readable and summary["count"] > 0,
            "ratings": services_ratings.ratings_of(session) if readable else [],
            "show_names": is_organiser(request.user),
        },
    )
