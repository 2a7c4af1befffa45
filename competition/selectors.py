"""Reads for the final: what organisers and jurors see, and the ranking."""

from fractions import Fraction

from django.db.models import Count, Max, Prefetch, Q

from cohorts.choices import MemberStatus
from cohorts.models import CohortMember
from cohorts.selectors import completion_by_member
from competition import results
from competition.choices import SheetStatus
from competition.models import (
    Appeal,
    Assignment,
    Certification,
    Finalist,
    Juror,
    Score,
    ScoreChange,
    ScoreSheet,
)
from competition.permissions import assignments_for
from vsfa.models import AuditEvent
from vsfa.text import collated


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
    """``{member pk: met the completion rule}``: the cohorts' rule, asked once
    for many members (``cohorts.selectors.completion_by_member``)."""
    members = list(members)
    if not members:
        return {}
    return completion_by_member(members)


def finalists_of(final):
    members = CohortMember.objects.select_related("person")
    return final.finalists.prefetch_related(
        Prefetch("members", queryset=members)
    ).order_by("pitch_order")


def jurors_of(final):
    jurors = (
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
    return jurors.order_by(*collated(jurors, "user__full_name"), "user__email", "pk")


def status_of(assignment):
    """Where the juror is with this pitch; needs ``score_count`` annotated."""
    sheet = getattr(assignment, "sheet", None)
    if assignment.left_out:
        return SheetStatus.LEFT_OUT
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
        if waiting is None and assignment.status in (
            SheetStatus.NOT_STARTED,
            SheetStatus.DRAFT,
        ):
            waiting = assignment
    if waiting is not None:
        waiting.is_next = True
    return assignments


def next_pitch(pitches):
    """The pitch of ``juror_pitches`` marked as next, or None when all are in."""
    return next((pitch for pitch in pitches if pitch.is_next), None)


# The ranking and its notes live in ``competition.results``; they are read
# from here as every other read of the final.
ranking = results.ranking
conflicts_of = results.conflicts_of
left_out_of = results.left_out_of


def finalist_members(final):
    """The cohort members who pitch in ``final``, for declaring ties to them."""
    return (
        CohortMember.objects.filter(finalist_entries__final=final)
        .select_related("person")
        .order_by("person__family_name", "person__given_name", "pk")
        .distinct()
    )


def certification_of(final):
    """The certification in force, or None."""
    return Certification.objects.filter(final=final, reopened_at__isnull=True).first()


def certifications_of(final):
    return list(
        Certification.objects.filter(final=final).select_related(
            "certified_by", "reopened_by"
        )
    )


def certification_in_force(certifications):
    """The one not reopened among ``certifications_of(final)``, or None."""
    return next((item for item in certifications if item.reopened_at is None), None)


def live_state(final, seat):
    """What a juror's phone shows of the queue: the pitch on stage and,
    when the juror scores it, their sheet. Plain values, for JSON."""
    finalist = final.now_pitching
    state = {
        "version": final.live_changed_at.isoformat() if final.live_changed_at else "",
        "finalist": None,
        "assignment": None,
    }
    if finalist is None:
        return state
    state["finalist"] = {
        "pk": finalist.pk,
        "order": finalist.pitch_order,
        "name": finalist.name,
        "summary": finalist.summary,
    }
    assignment = (
        Assignment.objects.filter(juror=seat, finalist=finalist, left_out="")
        .select_related("sheet")
        .first()
    )
    if assignment is not None:
        sheet = getattr(assignment, "sheet", None)
        state["assignment"] = {
            "pk": assignment.pk,
            "submitted": bool(sheet and sheet.submitted_at),
        }
    return state


def live_queue(final):
    """The finalists in pitch order, each with the sheets in and expected."""
    return list(
        final.finalists.annotate(
            expected=Count(
                "assignments", filter=Q(assignments__left_out=""), distinct=True
            ),
            submitted=Count(
                "assignments__sheet",
                filter=Q(
                    assignments__left_out="",
                    assignments__sheet__submitted_at__isnull=False,
                ),
                distinct=True,
            ),
        ).order_by("pitch_order")
    )


def sheets_of(final):
    """Every sheet of ``final`` for the organisers: juror, pitch, status, changes."""
    return (
        ScoreSheet.objects.filter(assignment__finalist__final=final)
        .select_related("assignment__juror__user", "assignment__finalist")
        .annotate(
            score_count=Count("scores", distinct=True),
            change_count=Count("changes", distinct=True),
        )
        .order_by(
            "assignment__finalist__pitch_order",
            "assignment__juror__user__full_name",
            "pk",
        )
    )


def changes_of(final):
    """Every score change of ``final``, oldest first."""
    return ScoreChange.objects.filter(
        sheet__assignment__finalist__final=final
    ).select_related(
        "changed_by",
        "criterion",
        "sheet__assignment__juror__user",
        "sheet__assignment__finalist",
    )


def feedback_of(finalist):
    """The jury's feedback to one finalist from the sheets that count.

    Returns ``(averages, comments)``: ``[(criterion, average or None)]`` and
    the comments as ``(sheet, text)``, without the jurors' names. Hidden
    comments are left out unless ``include_hidden``.
    """
    final = finalist.final
    conflicts = results.conflicts_of(final)
    sheets = [
        sheet
        for sheet in ScoreSheet.objects.filter(
            assignment__finalist=finalist,
            submitted_at__isnull=False,
            assignment__left_out="",
        )
        .select_related("assignment")
        .prefetch_related("scores")
        .order_by("pk")
        if (sheet.assignment.juror_id, finalist.pk) not in conflicts
    ]
    values = {}
    for sheet in sheets:
        for score in sheet.scores.all():
            values.setdefault(score.criterion_id, []).append(score.value)
    averages = [
        (
            criterion,
            results.rounded(
                Fraction(sum(values[criterion.pk]), len(values[criterion.pk]))
            )
            if values.get(criterion.pk)
            else None,
        )
        for criterion in final.criteria.all()
    ]
    comments = [sheet for sheet in sheets if sheet.comment]
    return averages, comments


def appeals_of(final):
    return list(
        Appeal.objects.filter(finalist__final=final)
        .select_related("finalist", "filed_by", "answered_by")
        .order_by("filed_at")
    )


def audit_of(final):
    """The audit trail of ``final``: events about it and everything under it."""
    ids = {
        "competition.Final": [final.pk],
        "competition.Finalist": list(final.finalists.values_list("pk", flat=True)),
        "competition.Juror": list(final.jurors.values_list("pk", flat=True)),
        "competition.Assignment": list(
            Assignment.objects.filter(finalist__final=final).values_list(
                "pk", flat=True
            )
        ),
        "competition.ScoreSheet": list(
            ScoreSheet.objects.filter(assignment__finalist__final=final).values_list(
                "pk", flat=True
            )
        ),
        "competition.Prize": list(final.prizes.values_list("pk", flat=True)),
        "competition.PeerVote": list(final.peer_votes.values_list("pk", flat=True)),
        "competition.Appeal": list(
            Appeal.objects.filter(finalist__final=final).values_list("pk", flat=True)
        ),
    }
    condition = Q()
    for object_type, pks in ids.items():
        if pks:
            condition |= Q(
                object_type=object_type, object_id__in=[str(pk) for pk in pks]
            )
    return (
        AuditEvent.objects.filter(condition, edition=final.edition)
        .select_related("actor")
        .order_by("at", "pk")
    )


def prize_winners(final, ranking):
    """``[(prize, [finalists])]``: a ranked prize goes to whoever holds its
    place (several when they share it); a special award to its finalist."""
    by_rank = {}
    for row in ranking.rows:
        if row.rank is not None:
            by_rank.setdefault(row.rank, []).append(row.finalist)
    return [
        (
            prize,
            by_rank.get(prize.place, [])
            if prize.place is not None
            else [prize.finalist]
            if prize.finalist
            else [],
        )
        for prize in final.prizes.select_related("finalist")
    ]
