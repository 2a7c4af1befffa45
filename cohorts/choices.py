from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    PREVIEW = "preview", _("Waiting for confirmation")
    REFUSED = "refused", _("Refused: errors in the file")
    COMMITTED = "committed", _("Imported")
    UNDONE = "undone", _("Undone")
    CANCELLED = "cancelled", _("Cancelled")


class MatchStatus(models.TextChoices):
    PENDING = "pending", _("To confirm")
    CONFIRMED = "confirmed", _("Same person")
    REJECTED = "rejected", _("Different people")


class MemberStatus(models.TextChoices):
    SELECTED = "selected", _("Selected")
    WAITLISTED = "waitlisted", _("Waiting list")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class WorkshopStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    LATE = "late", _("Late")
    EXCUSED = "excused", _("Excused")
    ABSENT = "absent", _("Absent")
