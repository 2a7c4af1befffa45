from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    NON_BINARY = "non_binary", _("Non-binary")
    UNKNOWN = "", _("Not stated")


class Role(models.TextChoices):
    ORGANISER = "organiser", _("Organiser")
    MENTOR = "mentor", _("Mentor")
    JUROR = "juror", _("Jury member")
    PARTICIPANT = "participant", _("Participant")


class Declared(models.TextChoices):
    """A self-declared answer to a sensitive question; never inferred."""

    YES = "yes", _("Yes")
    NO = "no", _("No")
    PREFER_NOT = "prefer_not", _("Prefer not to say")


class ConsentKind(models.TextChoices):
    DATA_PROCESSING = "data_processing", _("Processing of personal data")
    GUARDIAN = "guardian", _("Parent's or guardian's consent")
    PHOTO = "photo", _("Photos and video")
    SENSITIVE = "sensitive", _("Self-declared sensitive data")
