"""People, accounts and editions: the records every stage of the programme uses."""

from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vsfa.choices import (
    BudgetLine,
    ConsentKind,
    Declared,
    EducationLevel,
    Gender,
    LabourStatus,
    RetentionYears,
    Role,
)
from vsfa.text import canonical, fold


class UserManager(BaseUserManager):
    use_in_migrations = True

    def normalize_email(self, email):
        return (email or "").strip().lower()

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("is_organiser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractUser):
    """An account. Signs in by e-mail; one person may hold several roles."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    is_organiser = models.BooleanField(_("organiser"), default=False)
    is_mentor = models.BooleanField(_("mentor"), default=False)
    is_juror = models.BooleanField(_("jury member"), default=False)
    is_participant = models.BooleanField(_("participant"), default=False)
    can_view_sensitive = models.BooleanField(
        _("may read self-declared sensitive data"),
        default=False,
        help_text=_(
            "Ethnicity, disability and similar answers; every reading is logged."
        ),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self):
        return self.full_name or self.email

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return (self.full_name or self.email).split(" ")[0]

    @property
    def roles(self):
        flags = {
            Role.ORGANISER: self.is_organiser,
            Role.MENTOR: self.is_mentor,
            Role.JUROR: self.is_juror,
            Role.PARTICIPANT: self.is_participant,
        }
        return [role for role, held in flags.items() if held]


class EditionQuerySet(models.QuerySet):
    def current(self):
        """The edition flagged current, else the most recent one, else None."""
        return (
            self.filter(is_current=True).first() or self.order_by("-starts_on").first()
        )


class Edition(models.Model):
    """One run of the programme, e.g. "2026/2027". Every record belongs to one."""

    name = models.CharField(_("name"), max_length=40, unique=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    is_current = models.BooleanField(_("current edition"), default=False)

    target_conferences = models.PositiveIntegerField(
        _("conferences (target)"), default=15
    )
    target_attendees = models.PositiveIntegerField(
        _("unique attendees (target)"), default=1500
    )
    cohort_size = models.PositiveIntegerField(_("cohort places"), default=75)
    target_modules = models.PositiveIntegerField(_("modules (target)"), default=13)
    target_finals = models.PositiveIntegerField(_("finals (target)"), default=1)
    finalist_count = models.PositiveIntegerField(_("finalists"), default=10)
    target_startups = models.PositiveIntegerField(_("startups (target)"), default=10)
    checkin_count = models.PositiveIntegerField(_("check-ins per startup"), default=6)
    checkin_interval_months = models.PositiveIntegerField(
        _("months between check-ins"), default=1
    )
    min_modules_completed = models.PositiveIntegerField(
        _("modules needed to complete"), default=11
    )
    min_workshop_percent = models.PositiveIntegerField(
        _("workshop attendance needed to complete (%)"), default=75
    )
    # Printed under the signature line of the certificates of completion.
    certificate_signatory = models.CharField(
        _("certificates signed by"), max_length=120, blank=True
    )
    certificate_signatory_role = models.CharField(
        _("signatory's role"), max_length=120, blank=True
    )

    # The three budget lines of the plan, in euro; each edition may change them.
    budget_curriculum = models.DecimalField(
        _("budget: curriculum (EUR)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("11400"),
    )
    budget_running = models.DecimalField(
        _("budget: running the programme (EUR)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("22600"),
    )
    budget_events = models.DecimalField(
        _("budget: events and mentoring (EUR)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("13900"),
    )
    retention_years = models.PositiveSmallIntegerField(
        _("keep personal data for (years after the edition ends)"),
        choices=RetentionYears.choices,
        default=RetentionYears.FIVE,
        help_text=_("3 or 5 years, as the fund that pays for the edition requires."),
    )

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = EditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["-starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=models.Q(is_current=True),
                name="edition_single_current",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="edition_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.name

    def budget_of(self, line):
        return getattr(self, f"budget_{line}")

    @property
    def retention_ends_on(self):
        """The first day on which the edition's personal data may be anonymised."""
        try:
            return self.ends_on.replace(year=self.ends_on.year + self.retention_years)
        except ValueError:
            # 29 February in a year that has none.
            return self.ends_on.replace(
                year=self.ends_on.year + self.retention_years, day=28
            )


class PersonQuerySet(models.QuerySet):
    def active(self):
        return self.filter(merged_into__isnull=True)

    def photo_allowed(self):
        """People whose photos may be shown: consent given and not withdrawn."""
        return self.filter(photo_consent=True, anonymised_at__isnull=True)

    def search(self, text):
        """Match every word of ``text`` against names without diacritics."""
        queryset = self
        for word in fold(text).split():
            queryset = queryset.filter(search_name__contains=word)
        return queryset


class Person(models.Model):
    """A human being followed through the programme, with or without an account.

    Most conference attendees are minors who never get an account; the same
    record follows a student from the conference to the cohort, the final and a
    startup. A record merged into another keeps pointing at it.
    """

    given_name = models.CharField(_("given name"), max_length=120)
    family_name = models.CharField(_("family name"), max_length=120)
    search_name = models.CharField(max_length=250, editable=False, db_index=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    gender = models.CharField(
        _("gender"), max_length=16, choices=Gender.choices, blank=True, default=""
    )
    photo_consent = models.BooleanField(_("photo consent"), null=True, blank=True)
    education_level = models.CharField(
        _("education level at entry"),
        max_length=16,
        choices=EducationLevel.choices,
        blank=True,
        default="",
    )
    labour_status = models.CharField(
        _("labour-market status at entry"),
        max_length=16,
        choices=LabourStatus.choices,
        blank=True,
        default="",
    )
    # Set when the identity was erased (on request or at the end of the
    # retention period); the record stays so that every count stays right.
    anonymised_at = models.DateTimeField(
        _("anonymised at"), null=True, blank=True, editable=False
    )
    # Erasure drops the date of birth but keeps the age at the entry of each
    # edition ({edition id: age}), which is all the age bands need.
    ages_at_entry = models.JSONField(default=dict, blank=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["family_name", "given_name", "pk"]
        indexes = [models.Index(Lower("email"), name="person_email_ci")]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.given_name = canonical(self.given_name)
        self.family_name = canonical(self.family_name)
        self.email = (self.email or "").strip().lower()
        self.search_name = fold(f"{self.given_name} {self.family_name}")
        super().save(*args, **kwargs)

    @property
    def full_name(self):
        return f"{self.given_name} {self.family_name}".strip()

    def age_on(self, day):
        if self.birth_date is None:
            return None
        before_birthday = (day.month, day.day) < (
            self.birth_date.month,
            self.birth_date.day,
        )
        return day.year - self.birth_date.year - before_birthday


class AuditEvent(models.Model):
    """Who did what to which record, kept for the funders' audits."""

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=80)
    object_type = models.CharField(max_length=80, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.summary}"


class Invitation(models.Model):
    """An e-mail inviting someone to set a password; sent once by a task."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"


class Consent(models.Model):
    """One consent given for a person, with who recorded it, when and on what.

    Withdrawing keeps the row (``withdrawn_at``) so the history stays; the
    consent in force is the latest row of its kind that is not withdrawn.
    """

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="consents"
    )
    kind = models.CharField(_("consent"), max_length=20, choices=ConsentKind.choices)
    scope = models.CharField(
        _("scope"),
        max_length=200,
        blank=True,
        help_text=_("For photos: where they may be used."),
    )
    given_by = models.CharField(
        _("given by"),
        max_length=200,
        blank=True,
        help_text=_("The person themself, or the parent or guardian's name."),
    )
    evidence = models.CharField(
        _("evidence"),
        max_length=300,
        blank=True,
        help_text=_("E.g. signed form no. 12, the application form, an e-mail."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["person", "kind", "-recorded_at"]

    def __str__(self):
        return f"{self.person} · {self.get_kind_display()}"


class SensitiveDeclaration(models.Model):
    """Special-category data a person chose to declare, with explicit consent.

    Readable only by organisers with ``User.can_view_sensitive``; every read
    is logged in ``SensitiveAccess``. Reports show only totals, hiding groups
    smaller than five.
    """

    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, related_name="sensitive"
    )
    roma = models.CharField(
        _("Roma"), max_length=12, choices=Declared.choices, blank=True
    )
    other_minority = models.CharField(
        _("other ethnic minority"), max_length=12, choices=Declared.choices, blank=True
    )
    disability = models.CharField(
        _("disability"), max_length=12, choices=Declared.choices, blank=True
    )
    low_income = models.CharField(
        _("low income"), max_length=12, choices=Declared.choices, blank=True
    )
    rural = models.CharField(
        _("from a rural area"), max_length=12, choices=Declared.choices, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("self-declared status")
        verbose_name_plural = _("self-declared statuses")

    def __str__(self):
        return str(self.person)


class SensitiveAccess(models.Model):
    """A reading of someone's sensitive declaration: who, when, where."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    purpose = models.CharField(max_length=120)

    class Meta:
        verbose_name = _("sensitive data reading")
        verbose_name_plural = _("sensitive data readings")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.user} · {self.person} · {self.at:%Y-%m-%d %H:%M}"


class Cost(models.Model):
    """A cost recorded against one of the edition's three budget lines."""

    edition = models.ForeignKey(
        Edition,
        verbose_name=_("edition"),
        on_delete=models.PROTECT,
        related_name="costs",
    )
    line = models.CharField(_("budget line"), max_length=16, choices=BudgetLine.choices)
    spent_on = models.DateField(_("date"))
    amount = models.DecimalField(_("amount (EUR)"), max_digits=12, decimal_places=2)
    description = models.CharField(_("description"), max_length=300)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    # The form's one-time token: a second submit of the same form finds the
    # cost the first one recorded instead of adding it twice.
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("cost")
        verbose_name_plural = _("costs")
        ordering = ["-spent_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="cost_amount_positive"
            )
        ]

    def __str__(self):
        return f"{self.get_line_display()} · {self.amount} EUR"
