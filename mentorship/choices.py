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


# Kinds of check-in reminder e-mail; each names its template
# ``emails/checkin_<kind>_*.txt``.
REMINDER_DUE = "due"
REMINDER_LATE = "late"
