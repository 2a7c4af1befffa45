"""Writes of check-ins: what the mentor records, what the founders fill in."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mentorship import selectors
from mentorship.choices import ContractType
from mentorship.models import CheckIn, Job
from mentorship.services_files import attach_files
from vsfa import audit


def opens_on(checkin):
    """The first day founders may fill in ``checkin``: when its reminder goes."""
    return checkin.due_on - datetime.timedelta(days=settings.VSFA_CHECKIN_REMINDER_DAYS)


def _check_jobs(jobs, latest_start):
    """Jobs as ``Job`` rows to save; raises by field for a bad one."""
    rows = []
    for job in jobs:
        if job["contract_type"] not in ContractType.values:
            raise ValidationError({"jobs": _("Choose a kind of contract.")})
        if job["started_on"] > latest_start:
            raise ValidationError(
                {
                    "jobs": _(
                        "A start date cannot be after %(date)s, the day of the "
                        "check-in."
                    )
                    % {"date": latest_start.strftime("%d.%m.%Y")}
                }
            )
        rows.append(
            Job(
                contract_type=job["contract_type"],
                started_on=job["started_on"],
                role=(job.get("role") or "").strip(),
            )
        )
    return rows


def _save_numbers(checkin, *, jobs, numbers):
    """Write the numbers on ``checkin`` and replace its people working."""
    for field, value in numbers.items():
        setattr(checkin, field, value)
    if jobs is not None:
        checkin.jobs_created = selectors.jobs_created_from(jobs)
    checkin.save()
    if jobs is not None:
        checkin.jobs.all().delete()
        for job in jobs:
            job.checkin = checkin
        Job.objects.bulk_create(jobs)


@transaction.atomic
def record_checkin(
    *,
    actor,
    checkin,
    done_on,
    status,
    revenue_band,
    jobs=None,
    jobs_created=None,
    customers=None,
    money_raised=None,
    risks="",
    next_steps="",
    notes="",
    files=(),
):
    """Record a check-in, confirm what the founders filled in, or correct it.

    ``jobs`` lists the people working at the startup (dicts of
    ``contract_type``, ``started_on`` and ``role``) and replaces those
    recorded before; ``jobs_created`` is then counted from them by
    ``selectors.jobs_created_from``. Without ``jobs`` (callers that know only
    the count) ``jobs_created`` is kept as given. ``files`` are evidence,
    checked by ``vsfa.uploads``. Raises ``ValidationError`` by field; audited
    as confirmed when the founders had filled it in.
    """
    checkin = (
        CheckIn.objects.select_for_update().select_related("startup").get(pk=checkin.pk)
    )
    errors = {}
    if done_on > timezone.localdate():
        errors["done_on"] = [_("A check-in cannot be done in the future.")]
    elif done_on < checkin.startup.registration_date:
        errors["done_on"] = [
            _("A check-in cannot be done before the company was registered.")
        ]
    if errors:
        raise ValidationError(errors)
    rows = None if jobs is None else _check_jobs(jobs, done_on)

    confirmed = checkin.awaits_confirmation
    numbers = {
        "done_on": done_on,
        "status": status,
        "revenue_band": revenue_band,
        "customers": customers,
        "money_raised": money_raised,
        "risks": risks.strip(),
        "next_steps": next_steps.strip(),
        "notes": notes,
        "recorded_by": actor,
    }
    if rows is None:
        numbers["jobs_created"] = jobs_created
    _save_numbers(checkin, jobs=rows, numbers=numbers)
    attached = attach_files(
        actor=actor, startup=checkin.startup, files=files, checkin=checkin
    )
    audit.record(
        actor,
        "checkin.confirmed" if confirmed else "checkin.recorded",
        checkin,
        edition=checkin.startup.edition,
        summary=str(checkin),
        status=status,
        jobs_created=checkin.jobs_created,
        files=[attachment.original_name for attachment in attached],
    )
    return checkin


@transaction.atomic
def submit_checkin(
    *,
    actor,
    checkin,
    status,
    revenue_band,
    jobs,
    customers=None,
    money_raised=None,
    risks="",
    next_steps="",
    files=(),
):
    """A founder fills in a check-in's numbers for the mentor to confirm.

    Allowed from ``opens_on`` (when the mentor's reminder goes) until the
    mentor has recorded it; sending it again replaces the draft. The numbers
    count nowhere until confirmed with ``record_checkin``. Raises
    ``ValidationError``.
    """
    checkin = (
        CheckIn.objects.select_for_update().select_related("startup").get(pk=checkin.pk)
    )
    today = timezone.localdate()
    if checkin.done_on is not None:
        raise ValidationError(
            _(
                "Your mentor has already recorded this check-in: ask them to "
                "correct it if something changed."
            ),
            code="confirmed",
        )
    if opens_on(checkin) > today:
        raise ValidationError(
            _("This check-in can be filled in from %(date)s.")
            % {"date": opens_on(checkin).strftime("%d.%m.%Y")},
            code="not_open",
        )
    rows = _check_jobs(jobs, today)

    resubmitted = checkin.submitted_at is not None
    _save_numbers(
        checkin,
        jobs=rows,
        numbers={
            "status": status,
            "revenue_band": revenue_band,
            "customers": customers,
            "money_raised": money_raised,
            "risks": risks.strip(),
            "next_steps": next_steps.strip(),
            "submitted_by": actor,
            "submitted_at": timezone.now(),
        },
    )
    attached = attach_files(
        actor=actor, startup=checkin.startup, files=files, checkin=checkin
    )
    audit.record(
        actor,
        "checkin.submitted",
        checkin,
        edition=checkin.startup.edition,
        summary=str(checkin),
        resubmitted=resubmitted,
        jobs_created=checkin.jobs_created,
        files=[attachment.original_name for attachment in attached],
    )
    return checkin
