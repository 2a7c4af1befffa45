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


class EducationLevel(models.TextChoices):
    """Highest level completed at entry, in the ISCED bands EU reports use."""

    ISCED_0_2 = "isced_0_2", _("Lower secondary or less (ISCED 0-2)")
    ISCED_3_4 = "isced_3_4", _("Upper secondary or post-secondary (ISCED 3-4)")
    ISCED_5_8 = "isced_5_8", _("Tertiary (ISCED 5-8)")


class LabourStatus(models.TextChoices):
    """Labour-market status at entry, as EU social-fund reports ask it."""

    IN_EDUCATION = "in_education", _("In education or training")
    EMPLOYED = "employed", _("Employed, including self-employed")
    UNEMPLOYED = "unemployed", _("Unemployed")
    INACTIVE = "inactive", _("Inactive, not in education or training")


class BudgetLine(models.TextChoices):
    CURRICULUM = "curriculum", _("Curriculum")
    RUNNING = "running", _("Running the programme")
    EVENTS = "events", _("Networking, mentoring and promotional events")


class RetentionYears(models.IntegerChoices):
    THREE = 3, _("3 years")
    FIVE = 5, _("5 years")
