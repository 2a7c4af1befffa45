"""Choices an organiser makes about an attendance file."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ListKind(models.TextChoices):
    ATTENDED = "attended", _("Who attended: everyone on it is marked present")
    REGISTERED = (
        "registered",
        _("Who registered: expected, marked present at the door on the day"),
    )
