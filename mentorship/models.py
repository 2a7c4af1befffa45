"""Stages 2 and 4: mentors, their groups and sessions, startups and check-ins."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cohorts.models import CohortMember
from mentorship.choices import (
    AssistanceKind,
    ContractType,
    LegalForm,
    ReminderKind,
    RevenueBand,
    StartupStatus,
)
from vsfa.choices import BudgetLine
from vsfa.models import Cost, Edition, Person
from vsfa.uploads import private_storage, stored_name

# Uploaded files get unguessable names in private storage (see vsfa.uploads).


def logo_path(instance, filename):
    return stored_name("logos", filename)


def emancipation_path(instance, filename):
    return stored_name("emancipation", filename)


def attachment_path(instance, filename):
    return stored_name("startups", filename)


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
    # ``notes`` stay between mentors and organisers; these the group reads.
    notes_for_participants = models.TextField(
        _("notes for the participants"), blank=True
    )
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


class SessionRating(models.Model):
    """A participant's rating of a group session they attended."""

    session = models.ForeignKey(
        GroupSession, on_delete=models.CASCADE, related_name="ratings"
    )
    member = models.ForeignKey(
        CohortMember, on_delete=models.CASCADE, related_name="session_ratings"
    )
    score = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("session rating")
        verbose_name_plural = _("session ratings")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "member"], name="session_rated_once"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5),
                name="session_rating_one_to_five",
            ),
        ]

    def __str__(self):
        return f"{self.session} · {self.member.person}: {self.score}"


class MentorDigest(models.Model):
    """The one at-risk digest a mentor gets on a given day.

    The row is written before the e-mail is sent, under the unique constraint,
    so a second worker running the same day's job finds it and sends nothing.
    """

    mentor = models.ForeignKey(Mentor, on_delete=models.CASCADE, related_name="digests")
    day = models.DateField(_("day"))
    participant_count = models.PositiveIntegerField(_("participants at risk"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("mentor digest")
        verbose_name_plural = _("mentor digests")
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentor", "day"], name="mentor_digest_once_a_day"
            )
        ]

    def __str__(self):
        return f"{self.mentor} · {self.day:%d.%m.%Y}"


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
    # Checked and re-encoded by vsfa.uploads, like every file below.
    logo = models.FileField(
        _("logo"), storage=private_storage, upload_to=logo_path, blank=True
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
        _("court emancipation document"),
        storage=private_storage,
        upload_to=emancipation_path,
        blank=True,
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
    """A scheduled follow-up of a startup by its mentor.

    ``done_on`` is set when a mentor (or an organiser) records the check-in
    or confirms what the founders filled in; until then the numbers are a
    draft (``submitted_at``) and count nowhere.
    """

    startup = models.ForeignKey(
        Startup, on_delete=models.CASCADE, related_name="checkins"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    status = models.CharField(
        _("company status"), max_length=8, choices=StartupStatus.choices, blank=True
    )
    # Counted from the jobs below when they are recorded (services.jobs_created);
    # kept here so that every report reads one number.
    jobs_created = models.PositiveIntegerField(_("jobs created"), null=True, blank=True)
    revenue_band = models.CharField(
        _("revenue"), max_length=8, choices=RevenueBand.choices, blank=True
    )
    customers = models.PositiveIntegerField(
        _("paying customers so far"), null=True, blank=True
    )
    money_raised = models.DecimalField(
        _("money raised so far (lei)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Grants, investment and loans since the registration."),
    )
    risks = models.TextField(_("risks"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # A founder's draft, waiting for the mentor to confirm it.
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)

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

    @property
    def awaits_confirmation(self):
        """The founders filled it in; the mentor has not confirmed it yet."""
        return self.done_on is None and self.submitted_at is not None


class Job(models.Model):
    """Someone working at the startup at a check-in: how, and since when.

    No name is kept: the count and the contracts are what is reported.
    """

    checkin = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="jobs")
    contract_type = models.CharField(
        _("contract"), max_length=16, choices=ContractType.choices
    )
    started_on = models.DateField(_("started on"))
    role = models.CharField(_("role"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("person working")
        verbose_name_plural = _("people working")
        ordering = ["checkin", "started_on", "pk"]

    def __str__(self):
        return f"{self.get_contract_type_display()} · {self.started_on:%d.%m.%Y}"


class Reminder(models.Model):
    """One e-mail about one check-in, sent once.

    A worker claims the row (``claimed_at``) with a conditional UPDATE before
    sending and marks it ``sent_at`` after. A claim older than
    ``VSFA_REMINDER_CLAIM_SECONDS`` without ``sent_at`` belongs to a worker
    that died or was restarted, and the next run takes it over.
    """

    checkin = models.ForeignKey(
        CheckIn, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=8, choices=ReminderKind.choices)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("check-in reminder")
        verbose_name_plural = _("check-in reminders")
        ordering = ["checkin", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["checkin", "kind"], name="reminder_once_per_kind"
            )
        ]

    def __str__(self):
        return f"{self.checkin} · {self.get_kind_display()}"


class Assistance(models.Model):
    """Legal or financial help given to a startup: what, by whom, when, cost.

    A cost above zero is also recorded against the edition's budget line as a
    ``vsfa.Cost`` (``cost``), so that the edition's budget counts it.
    """

    startup = models.ForeignKey(
        Startup, on_delete=models.PROTECT, related_name="assistance"
    )
    kind = models.CharField(
        _("kind of help"), max_length=16, choices=AssistanceKind.choices
    )
    description = models.CharField(_("what was done"), max_length=300)
    provider = models.CharField(
        _("provided by"),
        max_length=200,
        help_text=_("The lawyer, accountant, firm or partner who gave it."),
    )
    provided_on = models.DateField(_("date"))
    amount = models.DecimalField(
        _("cost (EUR)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text=_("0 when it was given for free."),
    )
    budget_line = models.CharField(
        _("budget line"),
        max_length=16,
        choices=BudgetLine.choices,
        default=BudgetLine.RUNNING,
    )
    cost = models.OneToOneField(
        Cost,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assistance",
        editable=False,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    # The form's one-time token: a second submit finds the first record.
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("legal or financial help")
        verbose_name_plural = _("legal and financial help")
        ordering = ["startup", "-provided_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="assistance_amount_not_negative"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.startup}"


class Attachment(models.Model):
    """A checked file of a startup: evidence of a check-in, or a help document."""

    startup = models.ForeignKey(
        Startup, on_delete=models.PROTECT, related_name="attachments"
    )
    checkin = models.ForeignKey(
        CheckIn,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence",
    )
    assistance = models.ForeignKey(
        Assistance,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
    )
    file = models.FileField(storage=private_storage, upload_to=attachment_path)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("file")
        verbose_name_plural = _("files")
        ordering = ["uploaded_at", "pk"]
        constraints = [
            # Evidence of one check-in, or a document of one piece of help.
            models.CheckConstraint(
                condition=(
                    models.Q(checkin__isnull=False, assistance__isnull=True)
                    | models.Q(checkin__isnull=True, assistance__isnull=False)
                ),
                name="attachment_belongs_to_one_record",
            )
        ]

    def __str__(self):
        return self.original_name
