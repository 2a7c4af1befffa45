"""Check-in reminders: each e-mail sent once, whatever the workers do.

The mentors get one before a check-in is due and one once it is late; the
organisers get an alert once it is ``VSFA_CHECKIN_ALERT_DAYS`` late. Each is
a ``Reminder`` row, unique per check-in and kind, claimed with a conditional
UPDATE before sending:

- two workers running the same reminder at once: one claims it, the other
  finds it claimed and sends nothing;
- sending fails: the claim is given back, and the task's retry sends it;
- the worker dies or is restarted between claiming and sending: the claim
  grows older than ``VSFA_REMINDER_CLAIM_SECONDS`` and the next run of the
  periodic task takes it over and sends it.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from mentorship.choices import ReminderKind
from mentorship.models import CheckIn, Reminder
from vsfa import emails
from vsfa.models import User

logger = logging.getLogger(__name__)


def alert_after():
    return datetime.timedelta(days=settings.VSFA_CHECKIN_ALERT_DAYS)


def still_due(checkin, kind, today):
    """Whether the reminder of ``kind`` still makes sense for ``checkin`` today."""
    if checkin.done_on is not None:
        return False
    if kind == ReminderKind.DUE:
        return checkin.due_on >= today
    if kind == ReminderKind.LATE:
        return checkin.due_on < today
    return checkin.due_on <= today - alert_after()


def recipients(checkin, kind):
    """The mentors of the startup, or every active organiser for an alert."""
    if kind == ReminderKind.ALERT:
        people = User.objects.filter(is_organiser=True, is_active=True)
        return sorted(people.values_list("email", flat=True))
    return sorted(
        checkin.startup.mentors.filter(user__is_active=True).values_list(
            "user__email", flat=True
        )
    )


def send_checkin_reminder(checkin_id, kind):
    """Send the reminder of ``kind`` about a check-in, at most once.

    Returns True when this call sent it. The claim is committed before the
    e-mail goes, so call this outside a transaction (huey tasks are).
    """
    kind = ReminderKind(kind)
    checkin = CheckIn.objects.select_related("startup").filter(pk=checkin_id).first()
    if checkin is None:
        logger.info("Check-in %s is gone: no %s reminder", checkin_id, kind)
        return False
    if not still_due(checkin, kind, timezone.localdate()):
        logger.info("Check-in %s: the %s reminder is no longer due", checkin_id, kind)
        return False
    to = recipients(checkin, kind)
    if not to:
        logger.warning(
            "Check-in %s: nobody to send the %s reminder to", checkin_id, kind
        )
        return False

    Reminder.objects.bulk_create(
        [Reminder(checkin=checkin, kind=kind)], ignore_conflicts=True
    )
    now = timezone.now()
    abandoned = now - datetime.timedelta(seconds=settings.VSFA_REMINDER_CLAIM_SECONDS)
    # Only the reminder's own columns in the condition: PostgreSQL checks them
    # again after waiting for a competing UPDATE, so one worker wins.
    claimed = (
        Reminder.objects.filter(checkin=checkin, kind=kind, sent_at__isnull=True)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=abandoned))
        .update(claimed_at=now, attempts=F("attempts") + 1)
    )
    if not claimed:
        logger.info("Check-in %s: %s reminder sent or being sent", checkin_id, kind)
        return False
    mine = Reminder.objects.filter(checkin=checkin, kind=kind, claimed_at=now)

    try:
        _send(checkin, kind, to)
    except Exception:
        mine.filter(sent_at__isnull=True).update(claimed_at=None)
        raise
    mine.update(sent_at=timezone.now())
    logger.info("Check-in %s: %s reminder sent to %s", checkin_id, kind, len(to))
    return True


def _send(checkin, kind, to):
    # One message to all the recipients together, so that "sent once" holds
    # for the check-in even when it has two mentors.
    page = "checkin_update" if kind != ReminderKind.ALERT else "startup_detail"
    pk = checkin.pk if kind != ReminderKind.ALERT else checkin.startup_id
    context = {
        "checkin": checkin,
        "startup": checkin.startup,
        "alert_days": settings.VSFA_CHECKIN_ALERT_DAYS,
        "mentors": list(checkin.startup.mentors.select_related("user")),
        "link": emails.absolute(reverse(f"mentorship:{page}", kwargs={"pk": pk})),
    }
    template = f"emails/checkin_{kind}"
    with translation.override("ro"):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
