"""Test builders for mentoring groups, sessions and startups."""

import datetime
import itertools

from mentorship.models import GroupSession

_seq = itertools.count(1)
BUCHAREST = datetime.timezone(datetime.timedelta(hours=2))


def make_session(group, mentor, attendees=(), **fields):
    """A session of ``group`` led by ``mentor`` (a Mentor), attended by ``attendees``."""
    number = next(_seq)
    session = GroupSession.objects.create(
        group=group,
        mentor=mentor,
        starts_at=fields.pop(
            "starts_at",
            datetime.datetime(2027, 2, 1, 17, 0, tzinfo=BUCHAREST)
            + datetime.timedelta(days=number),
        ),
        duration_minutes=fields.pop("duration_minutes", 90),
        topics=fields.pop("topics", f"Topic {number}"),
        **fields,
    )
    session.attendees.set(attendees)
    return session
