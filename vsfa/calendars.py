"""Calendar files (ICS) of a participant's or a mentor's workshops and sessions.

Every time is written in UTC (``DTSTART:...Z``): a calendar application shows
it in the reader's own zone, and no rule of Europe/Bucharest has to travel in
the file, so the nights the clocks change cannot shift an event.
"""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from cohorts.choices import MemberStatus
from cohorts.models import CohortMember, Workshop
from mentorship.models import GroupSession, MentorGroup
from vsfa.permissions import is_mentor, is_participant


def events_for(user):
    """``(workshops, sessions)`` that belong in ``user``'s calendar.

    A participant: the workshops of the editions where they are selected,
    and the sessions of their mentoring groups. A mentor: the workshops of
    their groups' editions and the sessions of those groups. One account with
    both roles gets both.
    """
    editions, groups = set(), MentorGroup.objects.none()
    if is_participant(user):
        members = CohortMember.objects.filter(
            person__user=user, status=MemberStatus.SELECTED
        )
        editions.update(members.values_list("edition_id", flat=True))
        groups = groups | MentorGroup.objects.filter(members__in=members)
    if is_mentor(user):
        led = MentorGroup.objects.filter(mentors__user=user)
        editions.update(led.values_list("edition_id", flat=True))
        groups = groups | led
    workshops = Workshop.objects.filter(edition_id__in=editions).order_by(
        "starts_at", "pk"
    )
    sessions = (
        GroupSession.objects.filter(group__in=groups.values("pk"))
        .select_related("group", "mentor__user")
        .order_by("starts_at", "pk")
    )
    return workshops, sessions


def _uid(kind, pk):
    host = urlsplit(settings.VSFA_SITE_URL).hostname or "vsfa"
    return f"vsfa-{kind}-{pk}@{host}"


def _event(uid, summary, starts_at, minutes, stamp, location="", description=""):
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", starts_at.astimezone(datetime.UTC))
    event.add(
        "dtend",
        (starts_at + datetime.timedelta(minutes=minutes)).astimezone(datetime.UTC),
    )
    event.add("summary", summary)
    if location:
        event.add("location", location)
    if description:
        event.add("description", description)
    return event


def calendar_bytes(workshops, sessions, now=None):
    """The ICS file of ``workshops`` and ``sessions``, its text in Romanian."""
    stamp = (now or timezone.now()).astimezone(datetime.UTC)
    calendar = Calendar()
    calendar.add("prodid", "-//Primaria Sectorului 6//VSFA//RO")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    with translation.override(settings.LANGUAGE_CODE):
        calendar.add("x-wr-calname", _("I want to be an entrepreneur"))
        for workshop in workshops:
            calendar.add_component(
                _event(
                    _uid("workshop", workshop.pk),
                    _("Workshop: %(title)s") % {"title": workshop.title},
                    workshop.starts_at,
                    workshop.duration_minutes,
                    stamp,
                    location=workshop.place,
                )
            )
        for session in sessions:
            calendar.add_component(
                _event(
                    _uid("session", session.pk),
                    _("Mentoring session: %(group)s") % {"group": session.group.name},
                    session.starts_at,
                    session.duration_minutes,
                    stamp,
                    description=_("Topics: %(topics)s. Mentor: %(mentor)s.")
                    % {"topics": session.topics, "mentor": session.mentor},
                )
            )
    return calendar.to_ical()
