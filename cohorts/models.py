"""Stage 1 and 2: schools, conferences, attendance, the cohort and its modules."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cohorts.choices import (
    ApplicationDecision,
    EvidenceStatus,
    ImportStatus,
    MatchStatus,
    MemberStatus,
    WorkshopStatus,
)
from vsfa.choices import Gender
from vsfa.models import Edition, Person
from vsfa.uploads import private_storage, stored_name


def evidence_path(instance, filename):
    return stored_name("evidence", filename)


class School(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    address = models.CharField(_("address"), max_length=250, blank=True)
    # Remembered column mapping for this school's next attendance file.
    import_mapping = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        ordering = ["name"]

    def __str__(self):
        return self.short_name or self.name


class Conference(models.Model):
    edition = models.ForeignKey(
        Edition,
        verbose_name=_("edition"),
        on_delete=models.PROTECT,
        related_name="conferences",
    )
    school = models.ForeignKey(
        School,
        verbose_name=_("school"),
        on_delete=models.PROTECT,
        related_name="conferences",
    )
    date = models.DateField(_("date"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    expected_audience = models.PositiveIntegerField(
        _("expected audience"), null=True, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.school} · {self.date:%d.%m.%Y}"


class Guest(models.Model):
    """A guest entrepreneur of a conference; needs no account."""

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="guests"
    )
    name = models.CharField(_("name"), max_length=200)
    company = models.CharField(_("company"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=1)

    class Meta:
        verbose_name = _("guest entrepreneur")
        verbose_name_plural = _("guest entrepreneurs")
        ordering = ["conference", "order", "pk"]

    def __str__(self):
        return self.name


class AttendanceImport(models.Model):
    """One uploaded attendance file: its preview, outcome and undo."""

    conference = models.ForeignKey(
        Conference, on_delete=models.PROTECT, related_name="imports"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    sheet_name = models.CharField(_("sheet"), max_length=120, blank=True)
    mapping = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ImportStatus.choices,
        default=ImportStatus.PREVIEW,
    )
    summary = models.JSONField(default=dict, blank=True)
    errors = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    committed_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    # Progress of a large file in the background worker, for the import page.
    progress_step = models.CharField(max_length=12, blank=True)
    rows_done = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("attendance import")
        verbose_name_plural = _("attendance imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.original_name


class Attendance(models.Model):
    conference = models.ForeignKey(
        Conference, on_delete=models.PROTECT, related_name="attendances"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="attendances"
    )
    school = models.ForeignKey(
        School,
        verbose_name=_("pupil's school"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    class_name = models.CharField(_("class"), max_length=20, blank=True)
    # The age a form asked for instead of the date of birth, as declared then.
    declared_age = models.PositiveSmallIntegerField(
        _("declared age"), null=True, blank=True
    )
    present = models.BooleanField(_("present"), default=True)
    # Added at the door or from the paper sheet, not on the list beforehand:
    # undoing their check-in takes them off the list again.
    walk_in = models.BooleanField(_("walk-in"), default=False)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    source_import = models.ForeignKey(
        AttendanceImport,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attendances",
    )
    source_row = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["conference", "person__family_name", "person__given_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "person"], name="attendance_once_per_conference"
            )
        ]

    def __str__(self):
        return f"{self.person} @ {self.conference}"


class MatchProposal(models.Model):
    """Two person records that may be one human being, for an organiser to decide.

    A name alone never merges: imports propose, organisers confirm.
    """

    # A proposal names the two records as they were when it was made; merging
    # people leaves it pointing at them (see vsfa.services.merge_people).
    keep_rows_on_person_merge = True

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    candidate = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=200)
    source_import = models.ForeignKey(
        AttendanceImport,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="match_proposals",
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=MatchStatus.choices,
        default=MatchStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("possible duplicate")
        verbose_name_plural = _("possible duplicates")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "candidate"], name="match_proposal_once"
            )
        ]

    def __str__(self):
        return f"{self.person} ~ {self.candidate}"


class CohortMember(models.Model):
    """A place in an edition's training cohort, or on its waiting list."""

    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="members"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="memberships"
    )
    status = models.CharField(_("status"), max_length=12, choices=MemberStatus.choices)
    waitlist_rank = models.PositiveIntegerField(
        _("place on the waiting list"), null=True, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)
    withdrawn_reason = models.CharField(
        _("reason for withdrawing"), max_length=250, blank=True
    )
    withdrawn_at = models.DateTimeField(_("withdrew on"), null=True, blank=True)

    class Meta:
        verbose_name = _("cohort member")
        verbose_name_plural = _("cohort members")
        ordering = ["person__family_name", "person__given_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "person"], name="cohort_member_once"
            )
        ]

    def __str__(self):
        return f"{self.person} ({self.get_status_display()})"


class Module(models.Model):
    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="modules"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    lesson_url = models.URLField(_("lesson link"), blank=True)
    due_month = models.PositiveSmallIntegerField(
        _("month due (of the training)"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        ordering = ["edition", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "number"], name="module_number_per_edition"
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class ModuleCompletion(models.Model):
    member = models.ForeignKey(
        CohortMember, on_delete=models.CASCADE, related_name="completions"
    )
    module = models.ForeignKey(
        Module, on_delete=models.PROTECT, related_name="completions"
    )
    completed_on = models.DateField(_("completed on"))
    # Only a confirmed completion counts toward the completion rule; one a
    # participant claims waits for a mentor of their group or an organiser.
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=EvidenceStatus.choices,
        default=EvidenceStatus.CONFIRMED,
    )
    evidence_url = models.URLField(_("evidence link"), blank=True)
    evidence_file = models.FileField(
        _("evidence file"),
        storage=private_storage,
        upload_to=evidence_path,
        blank=True,
    )
    evidence_note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.CharField(
        _("reason for sending back"), max_length=500, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("module completion")
        verbose_name_plural = _("module completions")
        ordering = ["module__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "module"], name="module_completed_once"
            )
        ]

    def __str__(self):
        return f"{self.member.person} · {self.module}"


class Workshop(models.Model):
    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="workshops"
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=180
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    # Shown in the room; participants check themselves in with it, and only
    # while the workshop runs.
    check_in_code = models.CharField(_("check-in code"), max_length=8, blank=True)

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        ordering = ["starts_at"]

    def __str__(self):
        return self.title


class WorkshopAttendance(models.Model):
    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="attendances"
    )
    member = models.ForeignKey(
        CohortMember, on_delete=models.CASCADE, related_name="workshop_attendances"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=WorkshopStatus.choices
    )
    self_checked_in_at = models.DateTimeField(
        _("checked in with the room code at"), null=True, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("workshop attendance")
        verbose_name_plural = _("workshop attendances")
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "member"], name="workshop_attendance_once"
            )
        ]

    def __str__(self):
        return f"{self.member.person} · {self.workshop}: {self.get_status_display()}"


class ApplicationCall(models.Model):
    """When an edition's public application form takes applications."""

    edition = models.OneToOneField(
        Edition,
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        related_name="application_call",
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(
        _("closes on"), help_text=_("The last day applications are taken.")
    )
    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("Shown above the form.")
    )

    class Meta:
        verbose_name = _("call for applications")
        verbose_name_plural = _("calls for applications")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="application_call_closes_after_opening",
            )
        ]

    def __str__(self):
        return f"{self.edition}: {self.opens_on:%d.%m.%Y}–{self.closes_on:%d.%m.%Y}"

    def is_open_on(self, day):
        return self.opens_on <= day <= self.closes_on


class Application(models.Model):
    """An application to an edition's training cohort, sent on the public form.

    Keeps what the applicant typed; ``person`` is who they are in the
    programme's records: the one with their e-mail address, or a new record,
    perhaps proposed as a match of someone known for an organiser to confirm.
    Consents and self-declared answers are kept on the person.
    """

    edition = models.ForeignKey(
        Edition,
        verbose_name=_("edition"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="applications"
    )
    given_name = models.CharField(_("given name"), max_length=120)
    family_name = models.CharField(_("family name"), max_length=120)
    # Nullable only so that erasing the person can drop it; the form asks it.
    birth_date = models.DateField(_("date of birth"), null=True)
    email = models.EmailField(_("e-mail address"))
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    school = models.ForeignKey(
        School,
        verbose_name=_("school"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    other_school = models.CharField(_("other school"), max_length=200, blank=True)
    class_name = models.CharField(_("class"), max_length=20)
    gender = models.CharField(
        _("gender"), max_length=16, choices=Gender.choices, blank=True, default=""
    )
    motivation = models.TextField(_("motivation"))
    idea = models.TextField(_("idea"))
    team = models.TextField(_("team"), blank=True)
    # Under 16: the parent or guardian named here signs a consent form; it is
    # recorded as a consent when an organiser confirms the signed form.
    guardian_name = models.CharField(
        _("parent's or guardian's name"), max_length=200, blank=True
    )
    guardian_contact = models.CharField(
        _("parent's or guardian's phone or e-mail"), max_length=200, blank=True
    )
    submitted_at = models.DateTimeField(_("sent at"), default=timezone.now)
    # The form's one-time token: the same form sent twice is one application.
    form_token = models.UUIDField(unique=True, editable=False)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-submitted_at", "-pk"]
        indexes = [
            models.Index(
                fields=["edition", "submitted_at"], name="application_by_edition"
            )
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def school_name(self):
        return str(self.school) if self.school_id else self.other_school

    def age_on(self, day):
        if self.birth_date is None:
            return None
        before_birthday = (day.month, day.day) < (
            self.birth_date.month,
            self.birth_date.day,
        )
        return day.year - self.birth_date.year - before_birthday


class ApplicationReview(models.Model):
    """One panel member's score and notes on an application."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    score = models.PositiveSmallIntegerField(
        _("score"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("From 1 (weak) to 5 (excellent)."),
    )
    notes = models.TextField(_("notes"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("application review")
        verbose_name_plural = _("application reviews")
        ordering = ["application", "reviewer__full_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="application_review_once"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5)
                | models.Q(score__isnull=True),
                name="application_review_score_1_to_5",
            ),
        ]

    def __str__(self):
        return f"{self.application} · {self.reviewer}"


class ApplicationNotice(models.Model):
    """A decision told to an applicant by e-mail: queued once, sent once.

    One per application and decision: pressing "notify" twice queues
    nothing new, and the sending task claims the row before sending.
    """

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="notices"
    )
    decision = models.CharField(
        _("decision"), max_length=16, choices=ApplicationDecision.choices
    )
    email = models.EmailField(_("sent to"))
    queued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    queued_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("decision e-mail")
        verbose_name_plural = _("decision e-mails")
        ordering = ["application", "queued_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "decision"], name="application_notice_once"
            )
        ]

    def __str__(self):
        return f"{self.application} · {self.get_decision_display()}"
