"""The retention period: what passed it, and its anonymisation.

EU-funded projects keep their records for 3 or 5 years after the programme
closes (``Edition.retention_years``); after that, the people whose every
record belongs to such editions are anonymised with ``privacy.erase_person``,
so that the counts stay right.
"""

import logging
import operator
from dataclasses import dataclass
from functools import reduce

from django.db.models import Exists
from django.utils import timezone

from vsfa.models import Edition, Person
from vsfa.privacy import edition_links, erase_person

logger = logging.getLogger(__name__)


def editions_past_retention(today=None):
    """Editions whose retention period is over, oldest first."""
    today = today or timezone.localdate()
    return [
        edition
        for edition in Edition.objects.order_by("ends_on", "pk")
        if edition.retention_ends_on <= today
    ]


def people_past_retention(today=None):
    """People not yet anonymised whose every record is in such an edition.

    Someone who also took part in a later edition, still kept, stays as is.
    """
    expired = [edition.pk for edition in editions_past_retention(today)]
    if not expired:
        return Person.objects.none()
    links = edition_links()
    in_expired = [
        Exists(rows.filter(**{f"{path}__in": expired})) for rows, path in links
    ]
    elsewhere = [
        Exists(rows.exclude(**{f"{path}__in": expired})) for rows, path in links
    ]
    return (
        Person.objects.active()
        .filter(anonymised_at__isnull=True)
        .filter(reduce(operator.or_, in_expired))
        .exclude(reduce(operator.or_, elsewhere))
        .order_by("pk")
    )


@dataclass
class RetentionReport:
    editions: list
    people: list
    erased: int


def apply_retention(*, actor=None, today=None, confirm=False):
    """List (and with ``confirm`` anonymise) what passed its retention period.

    Idempotent: the people already anonymised are not listed again, and each
    erasure claims its person first. Each person is erased in a transaction
    of their own, so that one failure does not undo the others.
    """
    editions = editions_past_retention(today)
    people = list(people_past_retention(today)) if editions else []
    erased = 0
    if confirm:
        for person in people:
            try:
                if erase_person(actor=actor, person=person, reason="retention"):
                    erased += 1
            except Exception:
                logger.exception("Retention: person %s not anonymised", person.pk)
    return RetentionReport(editions=editions, people=people, erased=erased)
