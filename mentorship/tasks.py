"""Background work for mentoring: check-in reminders and alerts, digests."""

import datetime
import logging

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from mentorship import selectors, services_digest, services_reminders
from vsfa.models import Edition

logger = logging.getLogger(__name__)


# Every hour of the working day (huey schedules in UTC: 06:00-18:00 is 08:00 or
# 09:00 to 20:00 or 21:00 in Bucharest). Running often costs nothing, since a
# reminder already sent is not listed; and a consumer that was down, or a
# worker that died holding a claim, is caught up within the hour.
@db_periodic_task(crontab(hour="6-18", minute="0"))
def queue_checkin_reminders():
    """Queue one task per reminder due; nothing when there is none."""
    due = selectors.reminders_to_send(timezone.localdate())
    for checkin_id, kind in due:
        send_checkin_reminder(checkin_id, kind)
    logger.info("Queued %s check-in reminder(s)", len(due))
    return len(due)


@db_task(retries=3, retry_delay=300)
def send_checkin_reminder(checkin_id, kind):
    # The service claims the reminder before sending, so a second worker or a
    # repeated run of the periodic task sends nothing more.
    sent = services_reminders.send_checkin_reminder(checkin_id, kind)
    if not sent:
        logger.info("Check-in %s: %s reminder not sent", checkin_id, kind)
    return sent


# 06:30 UTC is 08:30 or 09:30 in Bucharest, before a mentor's working day.
@db_periodic_task(crontab(hour="6", minute="30"))
def queue_mentor_digests():
    """Queue one digest task per mentor of the current edition."""
    day = timezone.localdate()
    mentor_ids = services_digest.mentors_to_digest(Edition.objects.current(), day)
    for mentor_id in mentor_ids:
        send_mentor_digest(mentor_id, day.isoformat())
    logger.info("Queued %s mentor digest(s) for %s", len(mentor_ids), day)
    return len(mentor_ids)


@db_task(retries=3, retry_delay=300)
def send_mentor_digest(mentor_id, day):
    # The day travels with the task: a retry after midnight still sends the
    # digest of the day it was queued for, once.
    return services_digest.send_digest(mentor_id, datetime.date.fromisoformat(day))
