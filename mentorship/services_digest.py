"""The daily at-risk digest: one e-mail a day to each mentor, or none.

A mentor whose groups have somebody at risk gets one e-mail a day listing
them, with the reasons and a link to each one's progress. The day's
``MentorDigest`` row is inserted first, in the same transaction as the
sending, under its unique (mentor, day) constraint:

- two workers running the same mentor's digest: the second insert waits for
  the first transaction and then finds the row, so it sends nothing;
- sending fails: the transaction rolls back, row included, and the task's
  retry sends it;
- nobody at risk: no row and no e-mail, so a mentor is never told "nothing
  to report";
- the training is over (``cohorts.training_time``): nobody is at risk, and
  no digest is even queued.
"""

import logging

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cohorts.selectors_risk import at_risk_in_groups_of
from cohorts.training_time import training_over
from mentorship.models import Mentor, MentorDigest
from vsfa import emails
from vsfa.models import Edition

logger = logging.getLogger(__name__)


def mentors_to_digest(edition, today=None):
    """Ids of the active mentors who lead a group of ``edition``; none once
    its training is over, when nobody can be at risk."""
    if not edition or training_over(edition, today):
        return []
    return list(
        Mentor.objects.filter(groups__edition=edition, user__is_active=True)
        .distinct()
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def send_digest(mentor_id, day):
    """Send ``day``'s digest to the mentor, at most once; True when this call did.

    Covers the mentor's groups in the current edition. Call it outside a
    transaction (huey tasks are): the row and the e-mail commit together.
    """
    mentor = (
        Mentor.objects.select_related("user")
        .filter(pk=mentor_id, user__is_active=True)
        .first()
    )
    edition = Edition.objects.current()
    if mentor is None or not edition:
        logger.info("Mentor %s: no digest (mentor or edition gone)", mentor_id)
        return False
    risks = at_risk_in_groups_of(mentor, edition, day)
    if not risks:
        logger.info("Mentor %s: nobody at risk on %s", mentor_id, day)
        return False

    with transaction.atomic():
        digest, created = MentorDigest.objects.get_or_create(
            mentor=mentor, day=day, defaults={"participant_count": len(risks)}
        )
        if not created:
            logger.info("Mentor %s: the digest of %s is already sent", mentor_id, day)
            return False
        _send(mentor, edition, risks, day)
        digest.sent_at = timezone.now()
        digest.save(update_fields=["sent_at"])
    logger.info("Mentor %s: digest of %s sent, %s at risk", mentor_id, day, len(risks))
    return True


def _send(mentor, edition, risks, day):
    rows = [
        {
            "name": risk.member.person.full_name,
            "reasons": risk.summary,
            "link": emails.absolute(
                reverse("cohorts:member_progress", kwargs={"pk": risk.member.pk})
            ),
        }
        for risk in risks
    ]
    # The user model records no language: Romanian, the programme's own.
    emails.send_templated(
        "emails/mentor_digest",
        mentor.user.email,
        {
            "mentor": mentor,
            "edition": edition,
            "rows": rows,
            "count": len(rows),
            "day": day,
            "home": emails.absolute(reverse("home")),
        },
    )
