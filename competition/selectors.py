"""Reads for the final: what organisers and jurors see, and the ranking."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db.models import Count, Max, Prefetch, Q
from django.utils import timezone

from cohorts.choices import MemberStatus
from cohorts.models import (
    CohortMember,
    Module,
    ModuleCompletion,
    Workshop,
    WorkshopAttendance,
)
from cohorts.selectors import ATTENDED, Progress
from competition.choices import SheetStatus
from competition.models import Assignment, Finalist, Juror, Score, ScoreSheet
from competition.permissions import assignments_for


def has_submitted_sheets(final):
    return ScoreSheet.objects.filter(
        assignment__finalist__final=final, submitted_at__isnull=False
    ).exists()


def has_scores(final):
    return Score.objects.filter(sheet__assignment__finalist__final=final).exists()


def is_full(final):
    """Whether ``final`` has as many finalists as its edition allows."""
    return final.finalists.count() >= final.edition.finalist_count


def next_pitch_order(final):
    """The number after the last pitch, offered to a new finalist."""
    last = final.finalists.aggregate(last=Max("pitch_order"))["last"]
    return (last or 0) + 1


def assignment_pairs(final):
    """``{(juror pk, finalist pk): its sheet is submitted}`` for who scores whom."""
    return {
        (juror_id, finalist_id): submitted is not None
        for juror_id, finalist_id, submitted in Assignment.objects.filter(
            finalist__final=final
        ).values_list("juror_id", "finalist_id", "sheet__submitted_at")
    }


def drafts_dropped(final, pairs):
    """The assignments of ``final`` left out of ``pairs`` of (juror pk,
    finalist pk) whose sheet a juror has started: scores or a comment, not
    submitted. Taking them away would delete that work."""
    keep = set(pairs)
    started = (
        Assignment.objects.filter(
            finalist__final=final, sheet__submitted_at__isnull=True
        )
        .annotate(score_count=Count("sheet__scores"))
        .filter(Q(score_count__gt=0) | ~Q(sheet__comment=""))
        .select_related("juror__user", "finalist")
        .order_by("juror__user__full_name", "juror_id", "finalist__pitch_order")
    )
    return [a for a in started if (a.juror_id, a.finalist_id) not in keep]


def eligible_members(final, finalist=None):
    """Cohort members who may pitch: selected in the final's edition, not yet
    in another finalist of this final (``finalist``'s own members stay)."""
    taken = Finalist.members.through.objects.filter(finalist__final=final)
    if finalist is not None:
        taken = taken.exclude(finalist=finalist)
    return (
        CohortMember.objects.filter(
            edition_id=final.edition_id, status=MemberStatus.SELECTED
        )
        .exclude(pk__in=taken.values("cohortmember_id"))
        .select_related("person")
        .order_by("person__family_name", "person__given_name", "pk")
    )


def completion_of(edition, members):
    """``{member pk: met the completion rule}`` for many members of ``edition``.

    The rule is cohorts' ``Progress.completed``; this builds for every member
    the same ``Progress`` that ``cohorts.selectors.member_progress`` builds for
    one, from four queries whatever the number of members, so that a page
    listing the whole cohort does not ask five questions per member.
    """
    members = list(members)
    if not members:
        return {}
    member_ids = [member.pk for member in members]
    completions = defaultdict(list)
    for completion in (
        ModuleCompletion.objects.filter(member_id__in=member_ids)
        .select_related("module")
        .order_by("module__number")
    ):
        completions[completion.member_id].append(completion)
    modules = list(Module.objects.filter(edition=edition).order_by("number"))
    workshops = list(Workshop.objects.filter(edition=edition).order_by("starts_at"))
    statuses = defaultdict(dict)
    for member_id, workshop_id, status in WorkshopAttendance.objects.filter(
        member_id__in=member_ids
    ).values_list("member_id", "workshop_id", "status"):
        statuses[member_id][workshop_id] = status

    now = timezone.now()
    held = sum(1 for workshop in workshops if workshop.starts_at <= now)
    upcoming = next((w for w in workshops if w.starts_at > now), None)
    result = {}
    for member in members:
        done = {completion.module_id for completion in completions[member.pk]}
        progress = Progress(
            member=member,
            completions=completions[member.pk],
            remaining=[module for module in modules if module.pk not in done],
            module_count=len(modules),
            min_modules=edition.min_modules_completed,
            workshops=[(w, statuses[member.pk].get(w.pk, "")) for w in workshops],
            workshop_count=len(workshops),
            workshops_held=held,
            workshops_attended=sum(
                1
                for workshop in workshops
                if statuses[member.pk].get(workshop.pk) in ATTENDED
            ),
            min_workshop_percent=edition.min_workshop_percent,
            next_workshop=upcoming,
        )
        result[member.pk] = progress.completed
    return result


def finalists_of(final):
    members = CohortMember.objects.select_related("person")
    return final.finalists.prefetch_related(
        Prefetch("members", queryset=members)
    ).order_by("pitch_order")


def jurors_of(final):
    return (
        Juror.objects.filter(final=final)
        .select_related("user")
        .annotate(
            assigned=Count("assignments", distinct=True),
            submitted=Count(
                "assignments__sheet",
                filter=Q(assignments__sheet__submitted_at__isnull=False),
                distinct=True,
            ),
        )
    )


def status_of(assignment):
    """Where the juror is with this pitch; needs ``score_count`` annotated."""
    sheet = getattr(assignment, "sheet", None)
    if sheet is not None and sheet.submitted_at is not None:
        return SheetStatus.SUBMITTED
    if sheet is not None and (assignment.score_count or sheet.comment):
        return SheetStatus.DRAFT
    return SheetStatus.NOT_STARTED


def juror_pitches(user, edition):
    """The user's own assignments in ``edition``, in pitch order, with a status.

    The first one not submitted is marked ``is_next``: on the day of the final
    it is the pitch on stage or the one just heard, and a juror on a phone
    should not hunt for it. One query, whatever the number of pitches.
    """
    assignments = list(
        assignments_for(user)
        .filter(finalist__final__edition=edition)
        .select_related("finalist__final", "sheet")
        .annotate(score_count=Count("sheet__scores"))
        .order_by(
            "finalist__final__date", "finalist__final_id", "finalist__pitch_order"
        )
    )
    waiting = None
    for assignment in assignments:
        assignment.status = status_of(assignment)
        assignment.is_next = False
        if waiting is None and assignment.status != SheetStatus.SUBMITTED:
            waiting = assignment
    if waiting is not None:
        waiting.is_next = True
    return assignments


def next_pitch(pitches):
    """The pitch of ``juror_pitches`` marked as next, or None when all are in."""
    return next((pitch for pitch in pitches if pitch.is_next), None)


def _rounded(value):
    if value is None:
        return None
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass
class RankedFinalist:
    finalist: Finalist
    result: Fraction | None
    criterion_averages: list
    sheets_in: int
    sheets_expected: int
    rank: int | None = None

    @property
    def result_display(self):
        return _rounded(self.result)

    @property
    def averages_display(self):
        return [_rounded(average) for average in self.criterion_averages]


@dataclass
class Ranking:
    criteria: list
    rows: list


def ranking(final):
    """The finalists ranked by the jury's weighted average, best first.

    A juror's result for a pitch is sum(weight x score) / sum(weights) over
    the criteria they scored; a finalist's result is the mean of those over
    the jurors whose sheet is submitted. A missing or draft sheet is left out,
    never counted as zero. Arithmetic is exact (fractions), so equal results
    really are equal and share a rank. Finalists without a submitted sheet
    come last, unranked. Three queries, whatever the size of the final.
    """
    criteria = list(final.criteria.all())
    weights = {criterion.pk: Fraction(criterion.weight) for criterion in criteria}
    finalists = list(
        final.finalists.annotate(
            sheets_expected=Count("assignments", distinct=True),
            sheets_in=Count(
                "assignments__sheet",
                filter=Q(assignments__sheet__submitted_at__isnull=False),
                distinct=True,
            ),
        ).order_by("pitch_order")
    )
    scores = Score.objects.filter(
        sheet__assignment__finalist__final=final, sheet__submitted_at__isnull=False
    ).values_list("sheet_id", "sheet__assignment__finalist_id", "criterion_id", "value")

    sheets = {}
    for sheet_id, finalist_id, criterion_id, value in scores:
        sheets.setdefault(sheet_id, (finalist_id, {}))[1][criterion_id] = value

    juror_results = {finalist.pk: [] for finalist in finalists}
    by_criterion = {finalist.pk: {} for finalist in finalists}
    for finalist_id, values in sheets.values():
        counted = {pk: value for pk, value in values.items() if pk in weights}
        total_weight = sum(weights[pk] for pk in counted)
        if total_weight:
            weighted = sum(weights[pk] * value for pk, value in counted.items())
            juror_results[finalist_id].append(weighted / total_weight)
        for pk, value in counted.items():
            by_criterion[finalist_id].setdefault(pk, []).append(value)

    rows = []
    for finalist in finalists:
        results = juror_results[finalist.pk]
        averages = []
        for criterion in criteria:
            values = by_criterion[finalist.pk].get(criterion.pk)
            averages.append(Fraction(sum(values), len(values)) if values else None)
        rows.append(
            RankedFinalist(
                finalist=finalist,
                result=sum(results, Fraction(0)) / len(results) if results else None,
                criterion_averages=averages,
                sheets_in=finalist.sheets_in,
                sheets_expected=finalist.sheets_expected,
            )
        )

    rows.sort(
        key=lambda row: (
            row.result is None,
            -(row.result or 0),
            row.finalist.pitch_order,
        )
    )
    results = [row.result for row in rows if row.result is not None]
    for row in rows:
        if row.result is not None:
            row.rank = 1 + sum(1 for other in results if other > row.result)
    return Ranking(criteria=criteria, rows=rows)
