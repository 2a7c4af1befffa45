"""Test builders for mentoring groups, sessions and startups."""

import datetime
import itertools

from django.core.mail.backends.base import BaseEmailBackend

from mentorship.models import CheckIn, Founder, GroupSession, Mentor
from mentorship.services import checkin_schedule
from tests import factories

_seq = itertools.count(1)
BUCHAREST = datetime.timezone(datetime.timedelta(hours=2))
CUI_WEIGHTS = (7, 5, 3, 2, 1, 7, 5, 3, 2)


def with_check_digit(digits):
    """``digits`` followed by its CUI check digit, by the published rule."""
    padded = digits.zfill(9)
    total = sum(
        weight * int(digit) for weight, digit in zip(CUI_WEIGHTS, padded, strict=True)
    )
    return digits + str(total * 10 % 11 % 10)


def new_cui():
    return with_check_digit(str(1000000 + next(_seq)))


def make_mentor_user(full_name="Alt Mentor"):
    user = factories.make_user("mentor", full_name=full_name)
    Mentor.objects.create(user=user, company="Beta SRL")
    return user


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


def make_followed_startup(edition, mentors=(), founders=(), **fields):
    """A startup with its mentors and the edition's check-ins scheduled."""
    fields.setdefault("cui", new_cui())
    fields.setdefault("trade_register_number", f"J40/{next(_seq)}/2020")
    fields.setdefault("euid", f"ROONRC.{fields['trade_register_number']}")
    startup = factories.make_startup(edition, **fields)
    for person in founders:
        Founder.objects.get_or_create(startup=startup, person=person)
    startup.mentors.set(mentors)
    CheckIn.objects.bulk_create(
        CheckIn(startup=startup, number=number, due_on=due_on)
        for number, due_on in enumerate(
            checkin_schedule(edition, startup.registration_date), start=1
        )
    )
    return startup


class FailingEmailBackend(BaseEmailBackend):
    """An e-mail server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("The e-mail server is down.")
