from django.db import models
from django.utils.translation import gettext_lazy as _


class SheetStatus(models.TextChoices):
    """Where a juror is with one pitch; derived from the sheet, never stored."""

    NOT_STARTED = "not_started", _("Not started")
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    LEFT_OUT = "left_out", _("Left out")


class LeftOut(models.TextChoices):
    """Why a juror's sheet for one pitch does not count."""

    ABSTAINED = "abstained", _("Abstained")
    RECUSED = "recused", _("Recused by an organiser")


class ChangeKind(models.TextChoices):
    DRAFT = "draft", _("Scored before submitting")
    AFTER_UNLOCK = "after_unlock", _("Changed after an unlock")


class TieBreak(models.TextChoices):
    CRITERION = "criterion", _("Higher average on a criterion")
    FIRST_PLACES = "first_places", _("More first places")
    CASTING_VOTE = "casting_vote", _("The chair's casting vote")
