"""Participants checking themselves in to a workshop with the room's code.

The organiser shows the code on the room's screen; a selected member of the
workshop's edition types it on their phone while the workshop runs:

- the code works from ``EARLY`` before the start until the workshop ends
  (``starts_at`` plus ``duration_minutes``); the end itself is outside;
- up to ``LATE_AFTER`` after the start (included) they are present, later
  they are late;
- a status an organiser recorded is never lowered: present stays present
  when the member checks in late, and a check-in only raises absent or
  excused (the member is in the room) to what the clock says;
- typing the code again changes nothing and says so.
"""

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts.choices import MemberStatus, WorkshopStatus
from cohorts.models import Workshop, WorkshopAttendance
from vsfa import audit
from vsfa.limits import count_in_window

# Neither 0 and O nor 1 and I: read from the back of a room, they are confused.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
EARLY = datetime.timedelta(minutes=15)
LATE_AFTER = datetime.timedelta(minutes=15)
# Attempts a user may make in the window below; a code has 32**6 values.
ATTEMPTS = 10
ATTEMPTS_WINDOW_SECONDS = 15 * 60

# A check-in never lowers a status: the higher rank wins.
RANK = {
    WorkshopStatus.ABSENT: 0,
    WorkshopStatus.EXCUSED: 1,
    WorkshopStatus.LATE: 2,
    WorkshopStatus.PRESENT: 3,
}


class TooManyAttempts(Exception):
    """The user typed too many codes in a short time."""


def new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(typed):
    """What the participant typed, as the code is stored: capitals, no spaces."""
    return "".join(str(typed).split()).upper()


def room_code(workshop):
    """The workshop's check-in code, made on first use and then kept.

    Two organisers opening the room screen at once get the same code: only
    the first write to an empty code is kept.
    """
    if not workshop.check_in_code:
        Workshop.objects.filter(pk=workshop.pk, check_in_code="").update(
            check_in_code=new_code()
        )
        workshop.check_in_code = (
            Workshop.objects.filter(pk=workshop.pk)
            .values_list("check_in_code", flat=True)
            .get()
        )
    return workshop.check_in_code


def window(workshop):
    """``(opens, closes)``: the code works from ``opens`` until before ``closes``."""
    ends = workshop.starts_at + datetime.timedelta(minutes=workshop.duration_minutes)
    return workshop.starts_at - EARLY, ends


def is_open(workshop, now):
    opens, closes = window(workshop)
    return opens <= now < closes


def check_in_ahead(workshops, now):
    """Whether one of ``workshops`` takes a room code now or will later: its
    window is open, or has not opened yet."""
    return any(now < window(workshop)[1] for workshop in workshops)


def next_change(workshops, now):
    """The first moment after ``now`` at which one of ``workshops`` starts or
    its room-code window opens or closes (None when none is ahead): what a
    page shows of them as held, next or taking the code holds until then."""
    moments = [
        moment
        for workshop in workshops
        for moment in (workshop.starts_at, *window(workshop))
        if moment > now
    ]
    return min(moments, default=None)


def status_at(workshop, now):
    """Present up to ``LATE_AFTER`` after the start, late afterwards."""
    if now - workshop.starts_at > LATE_AFTER:
        return WorkshopStatus.LATE
    return WorkshopStatus.PRESENT


def count_attempt(user):
    """Count one code typed by ``user``; raise ``TooManyAttempts`` past the limit."""
    key = f"cohorts:room-code:{user.pk}"
    if count_in_window(key, ATTEMPTS_WINDOW_SECONDS) > ATTEMPTS:
        raise TooManyAttempts


def check_in_with_code(*, user, member, code, now=None):
    """Check ``member`` (the user's own place in a cohort) in with a room code.

    Returns ``(attendance, changed)``; ``changed`` is False when the member
    had already checked in with the code. Raises ``TooManyAttempts`` past the
    user's limit, and ``ValidationError`` with the message to show for a
    member who is not selected, a wrong code, or a code used outside its
    workshop's window.
    """
    now = now or timezone.now()
    count_attempt(user)
    if member is None or member.status != MemberStatus.SELECTED:
        raise ValidationError(_("Only selected participants can check in."))

    code = normalise_code(code)
    workshops = (
        list(Workshop.objects.filter(edition_id=member.edition_id, check_in_code=code))
        if len(code) == CODE_LENGTH
        else []
    )
    if not workshops:
        raise ValidationError(
            _(
                "This code is not right. Check the code shown in the room and type it again."
            )
        )
    running = [workshop for workshop in workshops if is_open(workshop, now)]
    if not running:
        raise ValidationError(
            _(
                "This code works only during its workshop, from 15 minutes "
                "before the start until the end. Ask the organisers in the "
                "room to mark you present."
            )
        )
    return _record(user, member, running[0], now)


@transaction.atomic
def _record(user, member, workshop, now):
    status = status_at(workshop, now)
    try:
        with transaction.atomic():
            attendance, created = (
                WorkshopAttendance.objects.select_for_update().get_or_create(
                    workshop=workshop,
                    member=member,
                    defaults={
                        "status": status,
                        "self_checked_in_at": now,
                        "recorded_by": user,
                    },
                )
            )
    except IntegrityError:
        # Sent twice at once: the other request created the row.
        attendance = WorkshopAttendance.objects.select_for_update().get(
            workshop=workshop, member=member
        )
        created = False
    if created:
        _audit(user, attendance)
        return attendance, True
    if attendance.self_checked_in_at is not None:
        return attendance, False

    attendance.self_checked_in_at = now
    fields = ["self_checked_in_at"]
    if RANK[status] > RANK[attendance.status]:
        attendance.status = status
        attendance.recorded_by = user
        fields += ["status", "recorded_by"]
    attendance.save(update_fields=fields)
    _audit(user, attendance)
    return attendance, True


def _audit(user, attendance):
    audit.record(
        user,
        "workshop.self_checked_in",
        attendance.workshop,
        edition=attendance.workshop.edition,
        summary=str(attendance.workshop),
        status=attendance.status,
    )
