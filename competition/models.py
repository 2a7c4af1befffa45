"""Stage 3: the final, its criteria, finalists, jurors, score sheets and prizes."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cohorts.models import CohortMember
from vsfa.models import Edition


class Final(models.Model):
    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="finals"
    )
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    scale_min = models.PositiveSmallIntegerField(_("lowest score"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=5)
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

    class Meta:
        verbose_name = _("prize")
        verbose_name_plural = _("prizes")
        ordering = ["final", "place", "pk"]

    def __str__(self):
        return self.name
