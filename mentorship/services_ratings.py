"""Participants rating the group sessions they attended, and what mentors read.

A participant rates a session once (1 to 5, with an optional comment) and
may change it, while a selected member of the cohort; mentors read the
average and the comments without names, and only from
``SHOWN_TO_MENTORS_FROM`` ratings up (with fewer they could tell who wrote
which); organisers read them all, with names.
"""

from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, Exists, OuterRef, Subquery

from cohorts.models import CohortMember
from mentorship.models import SessionRating
from mentorship.permissions import sessions_rateable_by
from vsfa import audit
from vsfa.permissions import is_organiser

# The rating form promises anonymity: with one or two ratings, a mentor who
# knows who came could tell who gave which score or comment.
SHOWN_TO_MENTORS_FROM = 3


def readable_by(user, count):
    """Whether ``user`` may read a session's ``count`` ratings (their average
    and comments): organisers always, mentors from ``SHOWN_TO_MENTORS_FROM``."""
    return is_organiser(user) or count >= SHOWN_TO_MENTORS_FROM


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
    """``sessions`` newest first, each with ``my_score`` (None before rating)
    and ``can_rate`` (``permissions.sessions_rateable_by``)."""
    own = SessionRating.objects.filter(
        session=OuterRef("pk"),
        member__in=CohortMember.objects.filter(person__user=user),
    )
    return (
        sessions.select_related("group", "mentor__user")
        .annotate(
            my_score=Subquery(own.values("score")[:1]),
            can_rate=Exists(sessions_rateable_by(user).filter(pk=OuterRef("pk"))),
        )
        .order_by("-starts_at", "-pk")
    )


def rating_summary(session):
    """``{"average": float or None, "count": int}`` of the session's ratings."""
    return session.ratings.aggregate(average=Avg("score"), count=Count("pk"))


def ratings_of(session):
    return session.ratings.select_related("member__person").order_by("-updated_at")


def averages_of(sessions, user):
    """``{session id: (average, count)}`` of the sessions whose ratings
    ``user`` may read (``readable_by``)."""
    rows = (
        SessionRating.objects.filter(session__in=[session.pk for session in sessions])
        .values("session")
        .annotate(average=Avg("score"), count=Count("pk"))
    )
    return {
        row["session"]: (row["average"], row["count"])
        for row in rows
        if readable_by(user, row["count"])
    }
