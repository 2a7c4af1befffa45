from django.db import models
from django.utils.translation import gettext_lazy as _


class SheetStatus(models.TextChoices):
    """Where a juror is with one pitch; derived from the sheet, never stored."""

    NOT_STARTED = "not_started", _("Not started")
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
