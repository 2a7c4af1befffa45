"""Background work for accounts: thin wrappers that take ids."""

import logging

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from vsfa import emails, retention
from vsfa.models import Invitation

logger = logging.getLogger(__name__)


@db_task(retries=3, retry_delay=60)
def send_invitation(invitation_id):
    # Claim the row first so that a second worker, or a retry after a crash
    # past this point, never sends the same invitation twice.
    claimed = Invitation.objects.filter(pk=invitation_id, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    if not claimed:
        logger.info("Invitation %s is gone or already sent", invitation_id)
        return
    invitation = Invitation.objects.select_related("user").get(pk=invitation_id)
    try:
        emails.send_templated(
            "emails/invitation",
            invitation.user.email,
            {
                "invitation": invitation,
                "user": invitation.user,
                "link": emails.password_link(invitation.user),
            },
        )
    except Exception:
        # Give the claim back so the retry can send it.
        Invitation.objects.filter(pk=invitation_id).update(sent_at=None)
        raise


# Huey schedules in UTC: 02:30 UTC is at night in Bucharest, away from work.
@db_periodic_task(crontab(hour="2", minute="30"))
def apply_retention():
    """Anonymise whoever passed their edition's retention period.

    Idempotent: anonymised people are not picked again, and each erasure
    claims its person with a conditional update first.
    """
    report = retention.apply_retention(confirm=True)
    logger.info(
        "Retention: %s people past the period, %s anonymised",
        len(report.people),
        report.erased,
    )
    return report.erased
