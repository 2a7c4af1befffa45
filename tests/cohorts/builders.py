"""Test builders for attendance, the cohort and its training records."""

import datetime
import itertools
from html.parser import HTMLParser

from cohorts.choices import MemberStatus, WorkshopStatus
from cohorts.models import Attendance, ModuleCompletion, WorkshopAttendance
from tests import factories

_seq = itertools.count(1)

PAST = datetime.datetime(2020, 3, 10, 16, 0, tzinfo=datetime.UTC)
FUTURE = datetime.datetime(2099, 3, 10, 16, 0, tzinfo=datetime.UTC)


def attend(conference, person=None, class_name="10A", **person_fields):
    """An attendance of ``conference``, by a new person unless one is given."""
    person = person or factories.make_person(**person_fields)
    return Attendance.objects.create(
        conference=conference, person=person, class_name=class_name
    )


def make_attendees(conference, count):
    return [attend(conference, given_name=f"Elev{next(_seq)}") for _ in range(count)]


def make_members(edition, count, status=MemberStatus.SELECTED, conference=None):
    """``count`` members of ``edition`` who attended one of its conferences."""
    conference = conference or factories.make_conference(edition)
    return [
        factories.make_member(edition, person=attendance.person, status=status)
        for attendance in make_attendees(conference, count)
    ]


def make_invitable(edition, email="elev@example.org"):
    """A selected member whose person has ``email`` and no account yet."""
    (member,) = make_members(edition, 1)
    member.person.email = email
    member.person.save()
    return member


def make_modules(edition, count):
    return [factories.make_module(edition, number=n) for n in range(1, count + 1)]


def complete(member, modules, on=datetime.date(2027, 3, 1)):
    ModuleCompletion.objects.bulk_create(
        ModuleCompletion(member=member, module=module, completed_on=on)
        for module in modules
    )


def make_workshops(edition, count, starts_at=PAST):
    return [
        factories.make_workshop(
            edition,
            title=f"Atelier {next(_seq)}",
            starts_at=starts_at + datetime.timedelta(days=index),
        )
        for index in range(count)
    ]


def mark(member, workshops, status=WorkshopStatus.PRESENT):
    WorkshopAttendance.objects.bulk_create(
        WorkshopAttendance(workshop=workshop, member=member, status=status)
        for workshop in workshops
    )


class _HiddenInputs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.values = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") == "hidden":
            self.values.setdefault(attrs["name"], []).append(attrs.get("value", ""))


def hidden_inputs(response):
    """The hidden inputs of a page, ``{name: [values]}``, as a browser sends them.

    The CSRF token is left out: the test client does not check it.
    """
    parser = _HiddenInputs()
    parser.feed(response.content.decode())
    parser.values.pop("csrfmiddlewaretoken", None)
    return parser.values
