"""Stage 3: the final, its criteria, finalists, jurors, score sheets and prizes."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cohorts.models import CohortMember, School
from competition.choices import ChangeKind, LeftOut, TieBreak
from mentorship.models import Mentor
from vsfa.models import Edition
from vsfa.uploads import private_storage, stored_name


def deck_path(instance, filename):
    return stored_name("decks", filename)


class Final(models.Model):
    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="finals"
    )
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    scale_min = models.PositiveSmallIntegerField(_("lowest score"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=5)
    # {"1": "what a 1 means", ...}: shown on the score sheet under each choice.
    level_descriptions = models.JSONField(
        _("what each score means"), default=dict, blank=True
    )
    peer_vote_percent = models.PositiveSmallIntegerField(
        _("share of the peer vote (%)"),
        default=0,
        validators=[MaxValueValidator(50)],
        help_text=_(
            "0 turns the peer vote off. Otherwise each finalist votes for one "
            "other finalist, and the votes make this share of the result."
        ),
    )
    peer_vote_open = models.BooleanField(_("peer vote open"), default=False)
    appeal_days = models.PositiveSmallIntegerField(
        _("days to appeal after the results"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    now_pitching = models.ForeignKey(
        "Finalist",
        verbose_name=_("now pitching"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Changes whenever the queue moves: the jurors' phones poll it.
    live_changed_at = models.DateTimeField(null=True, blank=True)
    results_published_at = models.DateTimeField(
        _("results published at"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("final")
        verbose_name_plural = _("finals")
        ordering = ["-date"]

    def __str__(self):
        return self.title


class Criterion(models.Model):
    final = models.ForeignKey(Final, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("what a high score means"), blank=True)
    weight = models.DecimalField(
        _("weight (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    counted = models.BooleanField(
        _("counted in the result"),
        default=True,
        help_text=_("An optional criterion is scored and shown, but not counted."),
    )

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["final", "order", "pk"]

    def __str__(self):
        return f"{self.name} ({self.weight:g}%)"


class Finalist(models.Model):
    """A person or a team of cohort members who pitch in the final."""

    final = models.ForeignKey(Final, on_delete=models.CASCADE, related_name="finalists")
    name = models.CharField(_("project or team name"), max_length=200)
    summary = models.CharField(_("one-line summary"), max_length=300, blank=True)
    pitch_order = models.PositiveSmallIntegerField(_("pitch order"))
    members = models.ManyToManyField(
        CohortMember, verbose_name=_("members"), related_name="finalist_entries"
    )
    deck = models.FileField(
        _("pitch deck"),
        storage=private_storage,
        upload_to=deck_path,
        blank=True,
    )
    deck_name = models.CharField(max_length=200, blank=True)
    # A member who has not met the completion rule pitches only on an
    # organiser's recorded reason.
    override_reason = models.TextField(
        _("why members who have not completed may pitch"), blank=True
    )
    override_members = models.JSONField(default=list, blank=True)
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    override_at = models.DateTimeField(null=True, blank=True)
    feedback_released_at = models.DateTimeField(
        _("feedback released at"), null=True, blank=True
    )
    feedback_released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("finalist")
        verbose_name_plural = _("finalists")
        ordering = ["final", "pitch_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["final", "pitch_order"], name="finalist_pitch_order_unique"
            )
        ]

    def __str__(self):
        return self.name


class Juror(models.Model):
    final = models.ForeignKey(Final, on_delete=models.CASCADE, related_name="jurors")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="juror_seats"
    )
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    # Declared once, before scoring: ties that keep the juror off a pitch.
    conflicts_declared_at = models.DateTimeField(
        _("conflicts declared at"), null=True, blank=True
    )
    conflict_schools = models.ManyToManyField(
        School, verbose_name=_("schools"), blank=True, related_name="+"
    )
    conflict_members = models.ManyToManyField(
        CohortMember, verbose_name=_("participants"), blank=True, related_name="+"
    )
    conflict_mentors = models.ManyToManyField(
        Mentor, verbose_name=_("mentors"), blank=True, related_name="+"
    )
    conflict_finalists = models.ManyToManyField(
        "Finalist", verbose_name=_("teams"), blank=True, related_name="+"
    )
    conflict_note = models.TextField(_("other ties"), blank=True)

    class Meta:
        verbose_name = _("jury member")
        verbose_name_plural = _("jury members")
        ordering = ["final", "user__full_name", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["final", "user"], name="juror_once_per_final"
            )
        ]

    def __str__(self):
        return str(self.user)


class Assignment(models.Model):
    """A juror scores a finalist: the unit a score sheet belongs to."""

    juror = models.ForeignKey(
        Juror, on_delete=models.CASCADE, related_name="assignments"
    )
    finalist = models.ForeignKey(
        Finalist, on_delete=models.CASCADE, related_name="assignments"
    )
    left_out = models.CharField(
        _("left out"), max_length=12, choices=LeftOut.choices, blank=True
    )
    left_out_reason = models.TextField(_("reason"), blank=True)
    left_out_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    left_out_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["finalist__pitch_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["juror", "finalist"], name="assignment_once"
            )
        ]

    def __str__(self):
        return f"{self.juror} → {self.finalist}"


class ScoreSheet(models.Model):
    """A juror's scores for one pitch; locked once submitted."""

    assignment = models.OneToOneField(
        Assignment, on_delete=models.CASCADE, related_name="sheet"
    )
    comment = models.TextField(_("comment for the finalist"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    # The key of the submission that locked the sheet: the same submission
    # sent again (a retry on venue Wi-Fi) is recognised and counted once.
    submission_key = models.CharField(max_length=64, blank=True)
    # Set while an organiser has unlocked the sheet: every change made then
    # carries it as its reason.
    unlock_reason = models.TextField(_("reason for unlocking"), blank=True)
    # An organiser keeps a comment out of the feedback the finalist sees.
    comment_hidden = models.BooleanField(
        _("comment kept from the finalist"), default=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")

    def __str__(self):
        return str(self.assignment)

    @property
    def is_locked(self):
        return self.submitted_at is not None


class Score(models.Model):
    sheet = models.ForeignKey(
        ScoreSheet, on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="scores"
    )
    value = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["sheet", "criterion"], name="score_once_per_criterion"
            )
        ]

    def __str__(self):
        return f"{self.criterion}: {self.value}"


class ScoreChange(models.Model):
    """One score changed: who, when, from, to and why. Never edited."""

    sheet = models.ForeignKey(
        ScoreSheet, on_delete=models.CASCADE, related_name="changes"
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    from_value = models.PositiveSmallIntegerField(_("from"), null=True, blank=True)
    to_value = models.PositiveSmallIntegerField(_("to"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=ChangeKind.choices)
    reason = models.TextField(_("why"), blank=True)

    class Meta:
        verbose_name = _("score change")
        verbose_name_plural = _("score changes")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.criterion}: {self.from_value} → {self.to_value}"


class TieBreakStep(models.Model):
    """One step of the chain that separates equal results, fixed before scoring."""

    final = models.ForeignKey(
        Final, on_delete=models.CASCADE, related_name="tie_break_steps"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    kind = models.CharField(_("step"), max_length=16, choices=TieBreak.choices)
    criterion = models.ForeignKey(
        Criterion,
        verbose_name=_("criterion"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("tie-break step")
        verbose_name_plural = _("tie-break steps")
        ordering = ["final", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["final", "order"], name="final_tie_break_order_unique"
            )
        ]

    def __str__(self):
        if self.kind == TieBreak.CRITERION and self.criterion_id:
            return _("Higher average on %(name)s") % {"name": self.criterion.name}
        return str(self.get_kind_display())


class CastingVote(models.Model):
    """The chair's order for finalists the rest of the chain left equal."""

    final = models.ForeignKey(
        Final, on_delete=models.CASCADE, related_name="casting_votes"
    )
    # The tied finalists' pks, sorted and joined by commas.
    tied = models.CharField(max_length=200)
    order = models.JSONField(default=list)
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    cast_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("casting vote")
        verbose_name_plural = _("casting votes")
        constraints = [
            models.UniqueConstraint(
                fields=["final", "tied"], name="final_casting_vote_once"
            )
        ]

    def __str__(self):
        return self.tied


class Certification(models.Model):
    """The chair froze the results; a reopening is recorded on the same row."""

    final = models.ForeignKey(
        Final, on_delete=models.CASCADE, related_name="certifications"
    )
    certified_at = models.DateTimeField(_("certified at"), default=timezone.now)
    certified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The ranking as certified, for the record.
    snapshot = models.JSONField(default=list)
    reopened_at = models.DateTimeField(_("reopened at"), null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reopen_reason = models.TextField(_("reason for reopening"), blank=True)

    class Meta:
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        ordering = ["-certified_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["final"],
                condition=models.Q(reopened_at__isnull=True),
                name="final_certified_once_at_a_time",
            )
        ]

    def __str__(self):
        return f"{self.final} · {self.certified_at:%Y-%m-%d %H:%M}"


class PeerVote(models.Model):
    """One finalist's vote for another, cast by one of its members."""

    final = models.ForeignKey(
        Final, on_delete=models.CASCADE, related_name="peer_votes"
    )
    voter = models.ForeignKey(Finalist, on_delete=models.CASCADE, related_name="+")
    choice = models.ForeignKey(
        Finalist,
        verbose_name=_("vote for"),
        on_delete=models.CASCADE,
        related_name="peer_votes",
    )
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    cast_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("peer vote")
        verbose_name_plural = _("peer votes")
        constraints = [
            models.UniqueConstraint(fields=["final", "voter"], name="peer_vote_once")
        ]

    def __str__(self):
        return f"{self.voter} → {self.choice}"


class Appeal(models.Model):
    """A finalist's appeal against the results, and the organisers' answer."""

    finalist = models.OneToOneField(
        Finalist, on_delete=models.CASCADE, related_name="appeal"
    )
    text = models.TextField(_("appeal"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    filed_at = models.DateTimeField(_("filed at"), default=timezone.now)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["filed_at"]

    def __str__(self):
        return str(self.finalist)


class Prize(models.Model):
    final = models.ForeignKey(Final, on_delete=models.CASCADE, related_name="prizes")
    name = models.CharField(_("prize"), max_length=200)
    place = models.PositiveSmallIntegerField(_("place"), null=True, blank=True)
    amount_lei = models.DecimalField(
        _("amount (lei)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    finalist = models.ForeignKey(
        Finalist,
        verbose_name=_("awarded to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="prizes",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    # A prize with a place goes to whoever holds it in the certified results;
    # a special award without a place names the decision that gave it.
    decision = models.CharField(
        _("decided by"),
        max_length=300,
        blank=True,
        help_text=_("For a special award: who decided it, and why."),
    )

    class Meta:
        verbose_name = _("prize")
        verbose_name_plural = _("prizes")
        ordering = ["final", "place", "pk"]

    def __str__(self):
        return self.name
