"""Participants rating the group sessions they attended, and what mentors read.

A participant rates a session once (1 to 5, with an optional comment) and
may change it; mentors read the average and the comments without names,
organisers with them.
"""

from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, OuterRef, Subquery

from cohorts.models import CohortMember
from mentorship.models import SessionRating
from vsfa import audit


def attendee_of(session, user):
    """The user's place among the session's attendees (their cohort member)."""
    return session.attendees.filter(person__user=user).select_related("person").get()


def rating_of(session, member):
    return SessionRating.objects.filter(session=session, member=member).first()


@transaction.atomic
def rate_session(*, user, session, member, score, comment=""):
    """Save ``member``'s rating of ``session``, or change the one they gave.

    The caller checks that ``member`` attended (``permissions.session_to_rate``).
    Sent twice, the second writes the same values onto the same row. Returns
    ``(rating, created)``.
    """
    values = {"score": score, "comment": comment.strip()}
    try:
        with transaction.atomic():
            rating, created = SessionRating.objects.update_or_create(
                session=session, member=member, defaults=values
            )
    except IntegrityError:
        # Two submits at once: the other one created the row; this one updates it.
        rating, created = (
            SessionRating.objects.update_or_create(
                session=session, member=member, defaults=values
            )[0],
            False,
        )
    audit.record(
        user,
        "session.rated",
        session,
        edition=session.group.edition,
        summary=str(session),
        score=score,
    )
    return rating, created


def sessions_with_own_rating(sessions, user):
    """``sessions`` newest first, each with ``my_score`` (None before rating)."""
    own = SessionRating.objects.filter(
        session=OuterRef("pk"),
        member__in=CohortMember.objects.filter(person__user=user),
    )
    return (
        sessions.select_related("group", "mentor__user")
        .annotate(my_score=Subquery(own.values("score")[:1]))
        .order_by("-starts_at", "-pk")
    )


def rating_summary(session):
    """``{"average": float or None, "count": int}`` of the session's ratings."""
    return session.ratings.aggregate(average=Avg("score"), count=Count("pk"))


def ratings_of(session):
    return session.ratings.select_related("member__person").order_by("-updated_at")


def averages_of(sessions):
    """``{session id: (average, count)}`` of the sessions that have ratings."""
    rows = (
        SessionRating.objects.filter(session__in=[session.pk for session in sessions])
        .values("session")
        .annotate(average=Avg("score"), count=Count("pk"))
    )
    return {row["session"]: (row["average"], row["count"]) for row in rows}
