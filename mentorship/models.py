"""Stages 2 and 4: mentors, their groups and sessions, startups and check-ins."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cohorts.models import CohortMember
from mentorship.choices import LegalForm, RevenueBand, StartupStatus
from vsfa.models import Edition, Person


class Mentor(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mentor"
    )
    company = models.CharField(_("company"), max_length=200, blank=True)
    expertise = models.CharField(_("expertise"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("mentor")
        verbose_name_plural = _("mentors")
        ordering = ["user__full_name", "user__email"]

    def __str__(self):
        return str(self.user)


class MentorGroup(models.Model):
    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="mentor_groups"
    )
    name = models.CharField(_("name"), max_length=120)
    mentors = models.ManyToManyField(
        Mentor, verbose_name=_("mentors"), related_name="groups"
    )
    members = models.ManyToManyField(
        CohortMember, verbose_name=_("participants"), related_name="mentor_groups"
    )

    class Meta:
        verbose_name = _("mentoring group")
        verbose_name_plural = _("mentoring groups")
        ordering = ["edition", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "name"], name="mentor_group_name_per_edition"
            )
        ]

    def __str__(self):
        return self.name


class GroupSession(models.Model):
    group = models.ForeignKey(
        MentorGroup, on_delete=models.PROTECT, related_name="sessions"
    )
    mentor = models.ForeignKey(
        Mentor, on_delete=models.PROTECT, related_name="sessions"
    )
    starts_at = models.DateTimeField(_("date and time"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))
    topics = models.CharField(_("topics"), max_length=300)
    notes = models.TextField(_("notes"), blank=True)
    follow_ups = models.TextField(_("follow-ups"), blank=True)
    attendees = models.ManyToManyField(
        CohortMember, verbose_name=_("who attended"), related_name="group_sessions"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("group session")
        verbose_name_plural = _("group sessions")
        ordering = ["-starts_at"]
        # A group meets once at a given time: a second submit of the same
        # session form, or a co-mentor logging it too, finds the first one.
        constraints = [
            models.UniqueConstraint(
                fields=["group", "starts_at"], name="group_session_once_per_start"
            )
        ]

    def __str__(self):
        return f"{self.group} · {self.starts_at:%d.%m.%Y}"


class Startup(models.Model):
    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="startups"
    )
    name = models.CharField(_("company name"), max_length=200)
    legal_form = models.CharField(
        _("legal form"), max_length=8, choices=LegalForm.choices, default=LegalForm.SRL
    )
    cui = models.CharField(_("fiscal code (CUI)"), max_length=12, unique=True)
    trade_register_number = models.CharField(
        _("Trade Register number"), max_length=20, blank=True
    )
    euid = models.CharField(_("EUID"), max_length=40, blank=True)
    caen_code = models.CharField(_("main activity (CAEN)"), max_length=4)
    caen_revision = models.PositiveSmallIntegerField(_("CAEN revision"), default=3)
    registration_date = models.DateField(_("registration date"))
    share_capital = models.DecimalField(
        _("share capital (lei)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    founders = models.ManyToManyField(
        Person, through="Founder", verbose_name=_("founders"), related_name="startups"
    )
    mentors = models.ManyToManyField(
        Mentor, verbose_name=_("mentors"), related_name="startups", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("startup")
        verbose_name_plural = _("startups")
        ordering = ["name"]
        constraints = [
            # A company has one Trade Register number; it may still be blank.
            models.UniqueConstraint(
                fields=["trade_register_number"],
                condition=~models.Q(trade_register_number=""),
                name="startup_trade_register_once",
                violation_error_code="unique",
                violation_error_message=_(
                    "A startup with this Trade Register number is already registered."
                ),
            )
        ]

    def __str__(self):
        return self.name


class Founder(models.Model):
    startup = models.ForeignKey(Startup, on_delete=models.CASCADE)
    person = models.ForeignKey(Person, on_delete=models.PROTECT)
    # A court can emancipate a 16 or 17 year old; the document is kept.
    emancipation_document = models.FileField(
        _("court emancipation document"), upload_to="emancipation/", blank=True
    )

    class Meta:
        verbose_name = _("founder")
        verbose_name_plural = _("founders")
        constraints = [
            models.UniqueConstraint(fields=["startup", "person"], name="founder_once")
        ]

    def __str__(self):
        return f"{self.person} · {self.startup}"


class CheckIn(models.Model):
    """A scheduled follow-up of a startup by its mentor."""

    startup = models.ForeignKey(
        Startup, on_delete=models.CASCADE, related_name="checkins"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    status = models.CharField(
        _("company status"), max_length=8, choices=StartupStatus.choices, blank=True
    )
    jobs_created = models.PositiveIntegerField(_("jobs created"), null=True, blank=True)
    revenue_band = models.CharField(
        _("revenue"), max_length=8, choices=RevenueBand.choices, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    late_reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["startup", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["startup", "number"], name="checkin_number_per_startup"
            )
        ]

    def __str__(self):
        return f"{self.startup} #{self.number}"

    @property
    def is_overdue(self):
        """Due before today (in Bucharest) and not done yet."""
        return self.done_on is None and self.due_on < timezone.localdate()
