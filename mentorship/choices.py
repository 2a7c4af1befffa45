from django.db import models
from django.utils.translation import gettext_lazy as _


class LegalForm(models.TextChoices):
    SRL = "SRL", _("SRL (limited company)")
    SRL_D = "SRL-D", _("SRL-D (first-time founder)")
    PFA = "PFA", _("PFA (self-employed)")
    OTHER = "other", _("Other")


class StartupStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    CLOSED = "closed", _("Closed")


class RevenueBand(models.TextChoices):
    NONE = "none", _("No revenue yet")
    UNDER_10K = "lt10k", _("Under 10,000 lei a month")
    UNDER_50K = "lt50k", _("10,000 – 50,000 lei a month")
    OVER_50K = "gte50k", _("Over 50,000 lei a month")


class ContractType(models.TextChoices):
    """How someone works at a startup, as a check-in records it."""

    FULL_TIME = "full_time", _("Employment contract, full-time")
    PART_TIME = "part_time", _("Employment contract, part-time")
    COLLABORATION = "collaboration", _("Collaboration (services, copyright)")
    FOUNDER = "founder", _("Founder without an employment contract")


# The contracts that count as jobs created (see selectors.JOBS_DEFINITION).
EMPLOYMENT_CONTRACTS = (ContractType.FULL_TIME, ContractType.PART_TIME)


class AssistanceKind(models.TextChoices):
    """The legal and financial help a startup is given."""

    REGISTRATION = "registration", _("Setting up the company")
    LEGAL = "legal", _("Legal advice")
    ACCOUNTING = "accounting", _("Accounting")
    FINANCIAL = "financial", _("Financial advice and funding")
    FEES = "fees", _("Fees paid (registration, notary)")
    OTHER = "other", _("Other help")


class ReminderKind(models.TextChoices):
    """E-mails about a check-in; each names its ``emails/checkin_<kind>_*.txt``."""

    DUE = "due", _("Due soon, to the mentors")
    LATE = "late", _("Late, to the mentors")
    ALERT = "alert", _("Two weeks late, to the organisers")


# Kept for callers that name the kinds directly.
REMINDER_DUE = ReminderKind.DUE
REMINDER_LATE = ReminderKind.LATE
REMINDER_ALERT = ReminderKind.ALERT


class Light(models.TextChoices):
    """The portfolio's traffic light; each comes with an icon and a word."""

    GREEN = "green", _("On track")
    AMBER = "amber", _("Needs a look")
    RED = "red", _("Act now")
