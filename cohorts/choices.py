from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    # Large files are read and imported by the background worker: QUEUED and
    # READING come before PREVIEW, CONFIRMED and IMPORTING before COMMITTED.
    QUEUED = "queued", _("Waiting to be read")
    READING = "reading", _("Being read")
    PREVIEW = "preview", _("Waiting for confirmation")
    REFUSED = "refused", _("Refused: errors in the file")
    CONFIRMED = "confirmed", _("Confirmed, waiting to be imported")
    IMPORTING = "importing", _("Being imported")
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


class EvidenceStatus(models.TextChoices):
    """A module completion: recorded or confirmed by staff, or claimed by the
    participant with evidence and waiting for a mentor or organiser."""

    SUBMITTED = "submitted", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    RETURNED = "returned", _("Sent back")


class ApplicationDecision(models.TextChoices):
    """What an applicant is told by e-mail about their application."""

    SELECTED = "selected", _("Selected")
    WAITLISTED = "waitlisted", _("On the waiting list")
    NOT_SELECTED = "not_selected", _("Not selected")
