"""Writes after the scoring: the chair's casting vote, certifying, reopening
and publishing the results, releasing feedback and answering appeals.

Certified results freeze everything they depend on (``check_not_certified``
in every service that could change them); only ``reopen`` lifts that, with a
reason, and it is audited.
"""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from competition import scoring, selectors
from competition.models import Appeal, CastingVote, Certification, ScoreSheet
from competition.services import check_not_certified, lock_final
from vsfa import audit

logger = logging.getLogger(__name__)


def _reason(text, field="reason"):
    text = (text or "").strip()
    if not text:
        raise ValidationError({field: _("Give the reason: it is recorded.")})
    return text


def current_certification(final):
    return Certification.objects.filter(final=final, reopened_at__isnull=True).first()


@transaction.atomic
def cast_casting_vote(*, actor, final, order, note=""):
    """The chair orders finalists the tie-break chain left equal.

    ``order`` lists exactly the finalists of one group waiting for the
    casting vote, first place first. Recorded once per group.
    """
    final = lock_final(final)
    check_not_certified(final)
    waiting = selectors.ranking(final).waiting_for_casting_vote
    keys = {scoring.tied_key(f.pk for f in group) for group in waiting}
    pks = [finalist.pk for finalist in order]
    key = scoring.tied_key(pks)
    if len(set(pks)) != len(pks) or key not in keys:
        raise ValidationError(
            _("These finalists are not waiting for the chair's casting vote.")
        )
    vote = CastingVote.objects.create(
        final=final, tied=key, order=pks, cast_by=actor, note=(note or "").strip()
    )
    audit.record(
        actor,
        "final.casting_vote",
        final,
        edition=final.edition,
        summary=" > ".join(str(finalist) for finalist in order),
        order=pks,
        note=vote.note,
    )
    return vote


def snapshot(final):
    """The ranking as it stands, in plain values, for the record."""
    ranking = selectors.ranking(final)
    return [
        {
            "finalist": row.finalist.pk,
            "name": row.finalist.name,
            "rank": row.rank,
            "shared": row.shared,
            "result": str(row.result_display) if row.result is not None else None,
            "jury": str(row.jury_display) if row.jury is not None else None,
            "peer": str(row.peer_display) if row.peer is not None else None,
            "normalised_rank": row.normalised_rank,
        }
        for row in ranking.rows
    ]


@transaction.atomic
def certify(*, actor, final):
    """Freeze the results as they stand; nothing they depend on changes after."""
    final = lock_final(final)
    check_not_certified(final)
    if not ScoreSheet.objects.filter(
        assignment__finalist__final=final, submitted_at__isnull=False
    ).exists():
        raise ValidationError(_("There is nothing to certify: no sheet is submitted."))
    rows = snapshot(final)
    certification = Certification.objects.create(
        final=final, certified_by=actor, snapshot=rows
    )
    audit.record(
        actor,
        "final.certified",
        final,
        edition=final.edition,
        summary=str(final),
        ranking=rows,
    )
    return certification


@transaction.atomic
def reopen(*, actor, final, reason):
    """Lift the certification, with a reason; the published results are
    withdrawn until certified and published again."""
    final = lock_final(final)
    reason = _reason(reason)
    certification = current_certification(final)
    if certification is None:
        raise ValidationError(_("The results are not certified."), code="open")
    certification.reopened_at = timezone.now()
    certification.reopened_by = actor
    certification.reopen_reason = reason
    certification.save()
    published = final.results_published_at
    final.results_published_at = None
    final.save(update_fields=["results_published_at"])
    audit.record(
        actor,
        "final.reopened",
        final,
        edition=final.edition,
        summary=reason,
        reason=reason,
        was_published=published.isoformat() if published else None,
    )


@transaction.atomic
def publish(*, actor, final):
    """Show the certified results to the jurors and finalists; the appeal
    window opens now."""
    final = lock_final(final)
    if current_certification(final) is None:
        raise ValidationError(
            _("Certify the results before publishing them."), code="uncertified"
        )
    if final.results_published_at is not None:
        return final
    final.results_published_at = timezone.now()
    final.save(update_fields=["results_published_at"])
    audit.record(actor, "final.published", final, edition=final.edition)
    return final


# Feedback


@transaction.atomic
def set_comment_hidden(*, actor, sheet, hidden):
    """Keep a juror's comment out of the finalist's feedback, or put it back."""
    final = lock_final(sheet.assignment.finalist.final)
    finalist = sheet.assignment.finalist
    if finalist.feedback_released_at is not None:
        raise ValidationError(_("This feedback is already released."), code="released")
    ScoreSheet.objects.filter(pk=sheet.pk).update(comment_hidden=hidden)
    audit.record(
        actor,
        "feedback.comment_hidden" if hidden else "feedback.comment_shown",
        sheet,
        edition=final.edition,
        summary=str(finalist),
    )


@transaction.atomic
def release_feedback(*, actor, finalist):
    """Show the checked feedback on the finalist's page; once, after certifying."""
    final = lock_final(finalist.final)
    if current_certification(final) is None:
        raise ValidationError(
            _("Certify the results before releasing feedback."), code="uncertified"
        )
    finalist.refresh_from_db()
    if finalist.feedback_released_at is not None:
        return finalist
    finalist.feedback_released_at = timezone.now()
    finalist.feedback_released_by = actor
    finalist.save(update_fields=["feedback_released_at", "feedback_released_by"])
    audit.record(
        actor,
        "feedback.released",
        finalist,
        edition=final.edition,
        summary=str(finalist),
    )
    return finalist


# Appeals


def appeal_closes_at(final):
    if final.results_published_at is None:
        return None
    return final.results_published_at + datetime.timedelta(days=final.appeal_days)


def appeal_open(final, now=None):
    closes = appeal_closes_at(final)
    return closes is not None and (now or timezone.now()) <= closes


@transaction.atomic
def file_appeal(*, actor, finalist, text):
    """A finalist's appeal, within the window after publication; one each.

    Returns ``(appeal, created)``: a second appeal of the same finalist is
    not recorded.
    """
    final = lock_final(finalist.final)
    text = _reason(text, "text")
    if not appeal_open(final):
        raise ValidationError(_("The appeal window is closed."), code="closed")
    existing = Appeal.objects.filter(finalist=finalist).first()
    if existing is not None:
        return existing, False
    appeal = Appeal.objects.create(finalist=finalist, text=text, filed_by=actor)
    audit.record(
        actor,
        "appeal.filed",
        appeal,
        edition=final.edition,
        summary=str(finalist),
    )
    return appeal, True


@transaction.atomic
def answer_appeal(*, actor, appeal, answer):
    final = lock_final(appeal.finalist.final)
    answer = _reason(answer, "answer")
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    before = appeal.answer
    appeal.answer = answer
    appeal.answered_by = actor
    appeal.answered_at = timezone.now()
    appeal.save()
    audit.record(
        actor,
        "appeal.answered",
        appeal,
        edition=final.edition,
        summary=str(appeal.finalist),
        before=before,
        after=answer,
    )
    return appeal
