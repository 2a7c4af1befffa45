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
