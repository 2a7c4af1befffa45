"""Background work for mentoring: check-in reminders."""

import logging

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from mentorship import selectors, services

logger = logging.getLogger(__name__)


# Huey schedules in UTC: 06:00 UTC is 08:00 or 09:00 in Bucharest.
@db_periodic_task(crontab(hour="6", minute="0"))
def queue_checkin_reminders():
    """Queue one task per reminder due today; nothing when there is none."""
    due = selectors.reminders_to_send(timezone.localdate())
    for checkin_id, kind in due:
        send_checkin_reminder(checkin_id, kind)
    logger.info("Queued %s check-in reminder(s)", len(due))
    return len(due)


@db_task(retries=3, retry_delay=300)
def send_checkin_reminder(checkin_id, kind):
    # The service claims the check-in before sending, so a second worker or a
    # repeated run of the periodic task sends nothing more.
    if not services.send_checkin_reminder(checkin_id, kind):
        logger.info("Check-in %s: %s reminder not sent", checkin_id, kind)
