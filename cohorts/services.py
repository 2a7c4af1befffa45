"""Writes for stages 1 and 2: attendance, selection, the cohort and its modules."""

import logging

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext

from cohorts.curriculum import DEFAULT_MODULES
from cohorts.models import Module

logger = logging.getLogger(__name__)


@transaction.atomic
def set_up_curriculum(*, edition, copy_from=None):
    """Give a new edition its modules: a copy of ``copy_from``'s, or the defaults.

    Does nothing when the edition already has modules. Default titles are
    stored in Romanian, the language of the programme's users.
    """
    if Module.objects.filter(edition=edition).exists():
        return
    source = []
    if copy_from is not None:
        source = [
            Module(
                edition=edition,
                number=module.number,
                title=module.title,
                description=module.description,
                lesson_url=module.lesson_url,
                due_month=module.due_month,
            )
            for module in Module.objects.filter(edition=copy_from)
        ]
    if not source:
        with translation.override("ro"):
            source = [
                Module(
                    edition=edition,
                    number=number,
                    title=gettext(title),
                    due_month=month,
                )
                for number, title, month in DEFAULT_MODULES
            ]
    Module.objects.bulk_create(source)
