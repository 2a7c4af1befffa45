"""Writes of module completion: the organiser's grid, and evidence to confirm.

A participant claims a module with a link or a file (``submit_evidence``);
the claim waits until a mentor of their group or an organiser confirms it or
sends it back with a reason. Only a confirmed completion counts, anywhere.
An organiser's tick on the grid is confirmed at once.
"""

import logging

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from cohorts.choices import EvidenceStatus, MemberStatus
from cohorts.models import CohortMember, Module, ModuleCompletion
from vsfa import audit, emails, uploads

logger = logging.getLogger(__name__)

# How long a sent-back e-mail is remembered as sent: longer than any retry.
NOTICE_CLAIM_SECONDS = 7 * 24 * 3600

# What a participant may still change: a claim nobody has confirmed.
OPEN = (EvidenceStatus.SUBMITTED, EvidenceStatus.RETURNED)


def _delete_file_on_commit(name):
    if name:
        transaction.on_commit(lambda: uploads.private_storage().delete(name))


@uploads.removes_files_on_error
@transaction.atomic
def submit_evidence(*, actor, member, module, url="", file=None, note=""):
    """Claim ``module`` done for ``member``, with a link and/or a checked file.

    A claim still waiting or sent back is replaced (its old file is deleted
    once the transaction commits); without a new file the one already sent
    is kept. ``file`` is a ``vsfa.uploads.CheckedFile`` (or an upload, which
    is checked here). Raises ``ValidationError`` when the member is not
    selected, the module is of another edition, the module is already
    confirmed (also when a reviewer confirmed it while this submit waited for
    the claim's row), or there is neither link nor file, and
    ``vsfa.uploads.UploadNotSaved`` when the file cannot be written (nothing
    is recorded, and the part written is deleted). Returns
    ``(completion, created)``; a double submit leaves one record. Audited.
    """
    # The member's row serialises two submits of the same form.
    member = CohortMember.objects.select_for_update().get(pk=member.pk)
    if member.status != MemberStatus.SELECTED or module.edition_id != member.edition_id:
        raise ValidationError(gettext("This module is not part of your training."))
    if file is not None and not isinstance(file, uploads.CheckedFile):
        file = uploads.validate_document(file)

    # Locked as the reviewers lock it: a confirmation committed while this
    # submit waited is seen here, and refused, rather than saved over.
    completion = (
        ModuleCompletion.objects.select_for_update()
        .filter(member=member, module=module)
        .first()
    )
    if completion is not None and completion.status == EvidenceStatus.CONFIRMED:
        raise ValidationError(gettext("This module is already confirmed as done."))
    kept_file = completion.evidence_file.name if completion is not None else ""
    if not url and file is None and not kept_file:
        raise ValidationError(
            gettext("Add a link to your work, a file, or both."), code="no_evidence"
        )

    created = completion is None
    if created:
        completion = ModuleCompletion(member=member, module=module)
    old_file = ""
    if file is not None:
        old_file = kept_file
        # Written before the row; should anything below fail, the decorator
        # deletes it as the transaction rolls back.
        uploads.save_file(completion.evidence_file, file.file.name, file.file)
    completion.status = EvidenceStatus.SUBMITTED
    completion.completed_on = timezone.localdate()
    completion.evidence_url = url
    completion.evidence_note = note
    completion.recorded_by = actor
    completion.reviewed_by = None
    completion.reviewed_at = None
    completion.review_note = ""
    try:
        with transaction.atomic():
            completion.save()
    except IntegrityError:
        # Another submit of the same module won the race (SQLite does not
        # lock the member's row): that one record is the claim.
        if file is not None:
            _delete_file_on_commit(completion.evidence_file.name)
        return ModuleCompletion.objects.get(member=member, module=module), False
    _delete_file_on_commit(old_file)

    audit.record(
        actor,
        "modules.evidence_submitted",
        completion,
        edition=member.edition,
        summary=str(module),
        replaced=not created,
        file=bool(completion.evidence_file),
    )
    return completion, created


@transaction.atomic
def withdraw_evidence(*, actor, completion):
    """Remove a claim nobody confirmed, and its file. Audited.

    Raises ``ValidationError`` once it is confirmed.
    """
    completion = (
        ModuleCompletion.objects.select_for_update()
        .select_related("member__edition", "module")
        .get(pk=completion.pk)
    )
    if completion.status not in OPEN:
        raise ValidationError(gettext("A confirmed module cannot be withdrawn."))

    name = completion.evidence_file.name
    audit.record(
        actor,
        "modules.evidence_withdrawn",
        completion,
        edition=completion.member.edition,
        summary=str(completion.module),
    )
    completion.delete()
    _delete_file_on_commit(name)


def _review(*, actor, completion, status, reason, action):
    """Give a waiting claim ``status``; False, changing nothing, when it no
    longer waits (a second click, or another reviewer was first)."""
    completion = (
        ModuleCompletion.objects.select_for_update()
        .select_related("member__edition", "member__person", "module")
        .get(pk=completion.pk)
    )
    if completion.status != EvidenceStatus.SUBMITTED:
        return False

    completion.status = status
    completion.reviewed_by = actor
    completion.reviewed_at = timezone.now()
    completion.review_note = reason
    completion.save(
        update_fields=["status", "reviewed_by", "reviewed_at", "review_note"]
    )

    audit.record(
        actor,
        action,
        completion,
        edition=completion.member.edition,
        summary=f"{completion.member.person}: {completion.module}",
    )
    return True


@transaction.atomic
def confirm_evidence(*, actor, completion):
    """Confirm a waiting claim: the module counts from now on.

    Returns False, changing nothing, when the claim no longer waits. Audited.
    """
    return _review(
        actor=actor,
        completion=completion,
        status=EvidenceStatus.CONFIRMED,
        reason="",
        action="modules.evidence_confirmed",
    )


@transaction.atomic
def return_evidence(*, actor, completion, reason):
    """Send a waiting claim back to the participant with ``reason``.

    Returns False, changing nothing, when the claim no longer waits. Audited;
    the participant is e-mailed the reason once the transaction commits.
    """
    returned = _review(
        actor=actor,
        completion=completion,
        status=EvidenceStatus.RETURNED,
        reason=reason,
        action="modules.evidence_returned",
    )
    if returned:
        review = ModuleCompletion.objects.get(pk=completion.pk).reviewed_at
        transaction.on_commit(
            lambda: _enqueue_return_notice(completion.pk, review.isoformat())
        )
    return returned


def _enqueue_return_notice(completion_id, reviewed_at):
    from cohorts.tasks import send_evidence_returned

    send_evidence_returned(completion_id, reviewed_at)


def send_return_notice(completion_id, reviewed_at):
    """E-mail the participant why a module was sent back, at most once.

    ``reviewed_at`` (ISO) names the review: nothing is sent once the claim
    has changed since (sent again, withdrawn), nor to a participant without
    an e-mail address. The review is claimed in the cache (shared by every
    worker) before sending and given back when sending fails, so that a
    retry sends it and a second copy of the task does not. Returns True when
    sent.
    """
    completion = (
        ModuleCompletion.objects.select_related("member__person__user", "module")
        .filter(pk=completion_id, status=EvidenceStatus.RETURNED)
        .first()
    )
    if completion is None or completion.reviewed_at.isoformat() != reviewed_at:
        logger.info("Module claim %s is gone or changed: no e-mail", completion_id)
        return False
    user = completion.member.person.user
    if user is None or not user.email:
        return False
    key = f"vsfa:evidence-returned:{completion_id}:{reviewed_at}"
    if not cache.add(key, True, NOTICE_CLAIM_SECONDS):
        logger.info("Module claim %s: the e-mail is already sent", completion_id)
        return False

    link = reverse("cohorts:evidence_submit", args=[completion.module_id])
    try:
        # The user model records no language: Romanian, the programme's own.
        emails.send_templated(
            "emails/evidence_returned",
            user.email,
            {"completion": completion, "link": emails.absolute(link)},
        )
    except Exception:
        cache.delete(key)
        raise
    return True


@transaction.atomic
def save_module_completions(*, actor, edition, ticked, cleared):
    """Record the completions ``ticked`` and remove those ``cleared``.

    Both are sets of ``(member_id, module_id)`` pairs: the boxes an organiser
    ticked and cleared on the grid, compared with what the grid showed, so
    that boxes someone else changed in the meantime are left as they are.
    Pairs of members not selected in ``edition`` or of modules of another
    edition are ignored. A tick is confirmed at once: new completions are
    dated today and signed by ``actor``, and a participant's claim ticked is
    confirmed by ``actor``. Returns ``(added, removed)``, the confirmed
    completions added (claims included) and removed.
    """
    member_ids = set(
        CohortMember.objects.filter(
            edition=edition, status=MemberStatus.SELECTED
        ).values_list("pk", flat=True)
    )
    module_ids = set(
        Module.objects.filter(edition=edition).values_list("pk", flat=True)
    )
    ticked = {(m, n) for m, n in ticked if m in member_ids and n in module_ids}
    cleared = {(m, n) for m, n in cleared if m in member_ids and n in module_ids}
    existing = {
        (member_id, module_id): (pk, status)
        for pk, member_id, module_id, status in ModuleCompletion.objects.select_for_update()
        .filter(
            member__in={member_id for member_id, _ in ticked | cleared},
            module__in={module_id for _, module_id in ticked | cleared},
        )
        .values_list("pk", "member_id", "module_id", "status")
    }
    to_add = ticked - existing.keys()
    to_confirm = [
        pk
        for pair, (pk, status) in existing.items()
        if pair in ticked and status != EvidenceStatus.CONFIRMED
    ]
    # Only a confirmed completion can be cleared: a claim the grid showed
    # unticked is the participant's, left for its review.
    to_remove = [
        pk
        for pair, (pk, status) in existing.items()
        if pair in cleared and status == EvidenceStatus.CONFIRMED
    ]

    now = timezone.now()
    removed_files = ModuleCompletion.objects.filter(pk__in=to_remove).exclude(
        evidence_file=""
    )
    for name in removed_files.values_list("evidence_file", flat=True):
        _delete_file_on_commit(name)
    # ignore_conflicts: a grid sent twice must not fail on the second copy.
    ModuleCompletion.objects.bulk_create(
        [
            ModuleCompletion(
                member_id=member_id,
                module_id=module_id,
                completed_on=timezone.localdate(now),
                recorded_by=actor,
            )
            for member_id, module_id in sorted(to_add)
        ],
        ignore_conflicts=True,
    )
    ModuleCompletion.objects.filter(pk__in=to_confirm).update(
        status=EvidenceStatus.CONFIRMED,
        reviewed_by=actor,
        reviewed_at=now,
        review_note="",
    )
    ModuleCompletion.objects.filter(pk__in=to_remove).delete()

    if to_add or to_confirm or to_remove:
        audit.record(
            actor,
            "modules.completion_recorded",
            edition=edition,
            summary=f"+{len(to_add) + len(to_confirm)} -{len(to_remove)}",
            added=sorted(to_add),
            confirmed=sorted(to_confirm),
            removed=len(to_remove),
        )
    return len(to_add) + len(to_confirm), len(to_remove)
