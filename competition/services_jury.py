"""Writes around the jury: conflicts, abstentions, recusals, unlocking a sheet,
the "now pitching" queue, the score levels, the tie-break chain and the peer
vote. Each function is the one place its rule is enforced; breaches raise
``ValidationError`` and change nothing.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from competition import selectors
from competition.choices import LeftOut, TieBreak
from competition.models import (
    Assignment,
    Juror,
    PeerVote,
    ScoreSheet,
    TieBreakStep,
)
from competition.services import check_not_certified, lock_final
from vsfa import audit

logger = logging.getLogger(__name__)


def _reason(reason):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason: it is recorded.")})
    return reason


# Conflicts of interest


@transaction.atomic
def declare_conflicts(
    *, actor, juror, schools=(), members=(), mentors=(), finalists=(), note=""
):
    """Record the juror's ties, once, and take them off the pitches concerned.

    Declaring nothing is a declaration too ("no conflict"). A second
    declaration is refused: later ties are an abstention or a recusal, which
    are recorded with their reason. Assignments to a team in conflict are
    deleted when their sheet is not submitted; a submitted one stays but no
    longer counts. Returns the number of assignments taken away.
    """
    final = lock_final(juror.final)
    check_not_certified(final)
    juror = Juror.objects.select_for_update().get(pk=juror.pk)
    if juror.conflicts_declared_at is not None:
        raise ValidationError(
            _("Your conflicts of interest are already declared."), code="declared"
        )
    members = list(members)
    if any(member.edition_id != final.edition_id for member in members):
        raise ValidationError(_("A participant of another edition was sent."))
    finalists = list(finalists)
    if any(finalist.final_id != final.pk for finalist in finalists):
        raise ValidationError(_("A team of another final was sent."))

    juror.conflicts_declared_at = timezone.now()
    juror.conflict_note = (note or "").strip()
    juror.save(update_fields=["conflicts_declared_at", "conflict_note"])
    juror.conflict_schools.set(schools)
    juror.conflict_members.set(members)
    juror.conflict_mentors.set(mentors)
    juror.conflict_finalists.set(finalists)

    conflicted = [
        finalist_id
        for (juror_id, finalist_id) in selectors.conflicts_of(final)
        if juror_id == juror.pk
    ]
    dropped = Assignment.objects.filter(
        juror=juror, finalist_id__in=conflicted
    ).exclude(sheet__submitted_at__isnull=False)
    removed = dropped.count()
    dropped.delete()
    audit.record(
        actor,
        "juror.conflicts_declared",
        juror,
        edition=final.edition,
        summary=str(juror),
        schools=[school.pk for school in schools],
        members=[member.pk for member in members],
        mentors=[mentor.pk for mentor in mentors],
        finalists=[finalist.pk for finalist in finalists],
        note=juror.conflict_note,
        conflicted=sorted(conflicted),
        assignments_removed=removed,
    )
    return removed


# Abstaining and recusing


@transaction.atomic
def abstain(*, actor, assignment, reason):
    """The juror stays out of one pitch, with a reason; before submitting only."""
    final = lock_final(assignment.finalist.final)
    check_not_certified(final)
    reason = _reason(reason)
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.left_out:
        raise ValidationError(
            _("You are already left out of this pitch."), code="left_out"
        )
    if ScoreSheet.objects.filter(
        assignment=assignment, submitted_at__isnull=False
    ).exists():
        raise ValidationError(
            _(
                "This sheet is submitted and locked: ask an organiser, who can "
                "recuse you from this pitch."
            ),
            code="locked",
        )
    _leave_out(actor, final, assignment, LeftOut.ABSTAINED, reason)


@transaction.atomic
def recuse(*, actor, assignment, reason):
    """An organiser takes a juror off one pitch, even a submitted sheet of it."""
    final = lock_final(assignment.finalist.final)
    check_not_certified(final)
    reason = _reason(reason)
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.left_out:
        raise ValidationError(
            _("This juror is already left out of this pitch."), code="left_out"
        )
    _leave_out(actor, final, assignment, LeftOut.RECUSED, reason)


def _leave_out(actor, final, assignment, kind, reason):
    assignment.left_out = kind
    assignment.left_out_reason = reason
    assignment.left_out_by = actor
    assignment.left_out_at = timezone.now()
    assignment.save()
    audit.record(
        actor,
        f"assignment.{kind}",
        assignment,
        edition=final.edition,
        summary=str(assignment),
        reason=reason,
    )


# Unlocking a submitted sheet


@transaction.atomic
def unlock_sheet(*, actor, sheet, reason):
    """An organiser reopens a submitted sheet for its juror, with a reason.

    Every score the juror changes afterwards carries that reason, until the
    sheet is submitted again.
    """
    final = lock_final(sheet.assignment.finalist.final)
    check_not_certified(final)
    reason = _reason(reason)
    sheet = ScoreSheet.objects.select_for_update().get(pk=sheet.pk)
    if sheet.submitted_at is None:
        raise ValidationError(
            _("This sheet is not submitted: it is not locked."), code="not_locked"
        )
    before = sheet.submitted_at.isoformat()
    sheet.submitted_at = None
    sheet.submission_key = ""
    sheet.unlock_reason = reason
    sheet.save()
    audit.record(
        actor,
        "sheet.unlocked",
        sheet,
        edition=final.edition,
        summary=str(sheet.assignment),
        reason=reason,
        submitted_at=before,
    )
    return sheet


# The "now pitching" queue


@transaction.atomic
def set_now_pitching(*, actor, final, finalist):
    """Put ``finalist`` on stage (None: nobody); the jurors' phones follow."""
    final = lock_final(final)
    if finalist is not None and finalist.final_id != final.pk:
        raise ValidationError(_("Choose a finalist of this final."))
    final.now_pitching = finalist
    final.live_changed_at = timezone.now()
    final.save(update_fields=["now_pitching", "live_changed_at"])
    audit.record(
        actor,
        "final.now_pitching",
        final,
        edition=final.edition,
        summary=str(finalist or "-"),
    )
    return final


def step_queue(*, actor, final, forward=True):
    """Move the queue to the next (or previous) pitch in pitch order."""
    finalists = list(final.finalists.order_by("pitch_order"))
    if not finalists:
        raise ValidationError(_("Add finalists first."))
    current = final.now_pitching_id
    ids = [finalist.pk for finalist in finalists]
    if current not in ids:
        target = finalists[0] if forward else finalists[-1]
    else:
        index = ids.index(current) + (1 if forward else -1)
        target = finalists[index] if 0 <= index < len(finalists) else None
    return set_now_pitching(actor=actor, final=final, finalist=target)


# Score levels and the tie-break chain


@transaction.atomic
def set_level_descriptions(*, actor, final, descriptions):
    """What each score means, ``{score: text}``; frozen once a sheet is in."""
    final = lock_final(final)
    check_not_certified(final)
    if selectors.has_submitted_sheets(final):
        raise ValidationError(
            _("What each score means cannot change once a sheet is submitted."),
            code="frozen",
        )
    cleaned = {
        str(value): text.strip()
        for value, text in descriptions.items()
        if final.scale_min <= int(value) <= final.scale_max and (text or "").strip()
    }
    before = final.level_descriptions
    final.level_descriptions = cleaned
    final.save(update_fields=["level_descriptions"])
    audit.record(
        actor,
        "final.levels_changed",
        final,
        edition=final.edition,
        before=before,
        after=cleaned,
    )


def tie_break_fixed(final):
    """The chain is fixed before the final: once the queue has started or a
    sheet is submitted, nobody can pick a chain that favours someone."""
    return final.live_changed_at is not None or selectors.has_submitted_sheets(final)


@transaction.atomic
def set_tie_break(*, actor, final, steps):
    """Make the chain exactly ``steps``: ``(kind, criterion or None)`` in order.

    A criterion step names a criterion of this final; each step appears once;
    the casting vote, which always decides, can only be last.
    """
    final = lock_final(final)
    check_not_certified(final)
    if tie_break_fixed(final):
        raise ValidationError(
            _("The tie-break chain is fixed: the final has started."), code="fixed"
        )
    seen = set()
    for position, (kind, criterion) in enumerate(steps, start=1):
        if kind not in TieBreak.values:
            raise ValidationError(_("Unknown tie-break step."))
        if kind == TieBreak.CRITERION and (
            criterion is None or criterion.final_id != final.pk
        ):
            raise ValidationError(_("Choose a criterion of this final."))
        key = (kind, getattr(criterion, "pk", None))
        if key in seen:
            raise ValidationError(_("Each step can be used once."))
        seen.add(key)
        if kind == TieBreak.CASTING_VOTE and position != len(steps):
            raise ValidationError(
                _("The chair's casting vote decides: it can only be the last step.")
            )
    TieBreakStep.objects.filter(final=final).delete()
    TieBreakStep.objects.bulk_create(
        TieBreakStep(
            final=final,
            order=position,
            kind=kind,
            criterion=criterion if kind == TieBreak.CRITERION else None,
        )
        for position, (kind, criterion) in enumerate(steps, start=1)
    )
    audit.record(
        actor,
        "final.tie_break_changed",
        final,
        edition=final.edition,
        steps=[[kind, getattr(criterion, "pk", None)] for kind, criterion in steps],
    )


# The peer vote


@transaction.atomic
def set_peer_vote_open(*, actor, final, open_):
    final = lock_final(final)
    check_not_certified(final)
    if open_ and not final.peer_vote_percent:
        raise ValidationError(
            _("The peer vote is off for this final: give it a share first.")
        )
    final.peer_vote_open = open_
    final.save(update_fields=["peer_vote_open"])
    audit.record(
        actor,
        "final.peer_vote_opened" if open_ else "final.peer_vote_closed",
        final,
        edition=final.edition,
    )


@transaction.atomic
def cast_peer_vote(*, actor, voter, choice):
    """One vote per finalist, for another finalist, while the vote is open.

    Returns ``(vote, created)``; a second vote of the same finalist is not
    recorded and the first stays, so a form sent twice counts once.
    """
    final = lock_final(voter.final)
    check_not_certified(final)
    if not (final.peer_vote_percent and final.peer_vote_open):
        raise ValidationError(_("The peer vote is not open."), code="closed")
    if choice.final_id != final.pk or choice.pk == voter.pk:
        raise ValidationError({"choice": _("Vote for another finalist of this final.")})
    existing = PeerVote.objects.filter(final=final, voter=voter).first()
    if existing is not None:
        return existing, False
    vote = PeerVote.objects.create(
        final=final, voter=voter, choice=choice, cast_by=actor
    )
    audit.record(
        actor,
        "peer_vote.cast",
        vote,
        edition=final.edition,
        summary=str(voter),
    )
    return vote, True
