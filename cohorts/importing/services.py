"""Writes of the attendance import: preview, options, commit, undo, matches.

Views, the ``import_attendance`` command, the huey tasks and tests call these;
none of them writes import data on its own.

A file of more than ``settings.VSFA_IMPORT_BACKGROUND_ROWS`` rows is read and
imported by the worker (``cohorts.importing.tasks``) so that no web request
waits on it: its import goes QUEUED, READING, PREVIEW when uploaded and
CONFIRMED, IMPORTING, COMMITTED when confirmed, recording its progress on the
way. Smaller files, and every file from the command line, are handled at
once by the same functions.
"""

import datetime
import hashlib
import logging
import secrets
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from cohorts.choices import ImportStatus, MatchStatus
from cohorts.importing import matching, writing
from cohorts.importing.choices import ListKind
from cohorts.importing.parsing import Analysis, analyse
from cohorts.importing.readers import (
    UnreadableFile,
    estimate_rows,
    forget,
    kept,
    read_book,
)
from cohorts.importing.sanitise import without_cnp
from cohorts.models import (
    Attendance,
    AttendanceImport,
    Conference,
    MatchProposal,
    School,
)
from vsfa import audit, uploads
from vsfa.models import Person
from vsfa.services import MergeConflict, merge_people

logger = logging.getLogger(__name__)

UPLOAD_WARNINGS = {"cnp_dropped", "sanitised_copy"}
# The import page's progress is written this often (rows), not on every row.
PROGRESS_EVERY = 250


__all__ = [
    "ImportStateError",
    "MergeConflict",
    "active_person",
    "change_mapping",
    "change_options",
    "commit_import",
    "confirm_import",
    "create_preview",
    "decide_match",
    "evaluate",
    "import_queued",
    "read_queued",
    "undo_import",
]


class ImportStateError(Exception):
    """The import is not in a state that allows this (already committed, ...)."""


@dataclass
class Outcome:
    """An analysis and, unless the file is refused, its matching plan."""

    analysis: Analysis
    plan: matching.Plan | None
    sanitised: bytes | None = None
    # When the people were read for the plan: a later change makes it stale.
    matched_at: datetime.datetime | None = None

    @property
    def refused(self):
        return self.analysis.refused


def _schools():
    return list(School.objects.values_list("pk", "name", "short_name"))


def evaluate(
    data,
    conference,
    *,
    sheet="",
    order="",
    header_row=None,
    columns=None,
    attended=True,
    progress=None,
    match=True,
):
    """Read and match ``data`` for ``conference`` without writing anything.

    ``header_row`` and ``columns`` ({column index: field}) are an organiser's
    own mapping; without them the headers are recognised, helped by what was
    remembered for the conference's school. ``attended`` is False for a list
    of who registered. ``progress(step, done, total)`` hears of every row;
    ``match=False`` stops after reading (the plan is then None).
    """
    analysis = Analysis()
    sanitised = None
    try:
        book = read_book(data)
    except UnreadableFile as error:
        return Outcome(analysis.refuse(error.code, **error.params), None)
    sanitised = without_cnp(book)
    school = School.objects.filter(pk=conference.school_id).first()
    options = {
        "conference_date": conference.date,
        "default_school_id": conference.school_id,
        "today": timezone.localdate(),
        "schools": tuple(_schools()),
        "sheet": sheet,
        "order": order,
        "remembered": (school.import_mapping or {}).get("headers", {})
        if school
        else {},
        "header_row": header_row,
        "overrides": {int(index): field for index, field in (columns or {}).items()},
    }
    # The confirmation reads the file the preview read, with the same choices:
    # when this process did the preview, its reading is reused, and no
    # progress is reported for a step already done.
    shared = kept(
        data,
        ("analysis", _hashable(options)),
        lambda: analyse(book, progress=progress, **options),
    )
    # The shared analysis stays as it was: this outcome's lists are its own.
    analysis = replace(
        shared,
        rows=list(shared.rows),
        errors=list(shared.errors),
        warnings=list(shared.warnings),
    )
    if sanitised is not None:
        analysis.warn("sanitised_copy")
    outcome = Outcome(analysis, None, sanitised)
    if analysis.refused or not match:
        return outcome
    return _match(outcome, conference, attended=attended, progress=progress)


def _hashable(value):
    """``value`` (dicts, lists and tuples of plain values) as a hashable key."""
    if isinstance(value, dict):
        return tuple(sorted((key, _hashable(item)) for key, item in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_hashable(item) for item in value)
    return value


def _match(outcome, conference, *, attended, progress=None):
    """``outcome`` with its rows matched against the people known now."""
    if outcome.refused:
        return outcome
    matched_at = timezone.now()
    plan = matching.plan(
        outcome.analysis.rows, conference, attended=attended, progress=progress
    )
    return replace(outcome, plan=plan, matched_at=matched_at)


def _attended(attendance_import):
    return (attendance_import.mapping or {}).get("list") != ListKind.REGISTERED


def _evaluate_import(attendance_import, conference, data, **options):
    """Evaluate an import's file with the choices stored on it."""
    mapping = attendance_import.mapping or {}
    return evaluate(
        data,
        conference,
        sheet=mapping.get("sheet", ""),
        order=mapping.get("order", ""),
        header_row=mapping.get("header_row"),
        columns=mapping.get("columns"),
        attended=_attended(attendance_import),
        **options,
    )


def _in_background(rows):
    return rows > settings.VSFA_IMPORT_BACKGROUND_ROWS


def _recorder(pk):
    """A ``progress`` callback that writes the import's progress now and then.

    Outside a transaction each write is seen at once by the import page.
    """

    def record(step, done, total):
        if done % PROGRESS_EVERY and done != total:
            return
        AttendanceImport.objects.filter(pk=pk).update(
            progress_step=step, rows_done=done, rows_total=total
        )

    return record


def _enqueue(task_name, pk):
    # Imported here: the tasks module imports this one.
    from cohorts.importing import tasks

    getattr(tasks, task_name)(pk)


def _row_report(decision):
    row = decision.row.as_dict()
    row.update(
        action=decision.action,
        reason=decision.reason,
        duplicate_of=decision.duplicate_of,
        entity=decision.entity.index,
        person_id=decision.entity.person_id,
        person_label=decision.person_label,
        candidate_person_id=decision.candidate_person_id,
        candidate_row=decision.candidate_row,
        candidate_label=decision.candidate_label,
        attending=decision.entity.attending,
    )
    return row


def _store(attendance_import, outcome):
    """Put an outcome on the import (not saved); errors make it refused."""
    analysis = outcome.analysis
    summary = attendance_import.summary or {}
    meta = analysis.meta()
    # What the upload itself showed stays true when the kept copy (without
    # its CNP column) is read again.
    source = summary.get("source") or {
        "kind": meta["kind"],
        "encoding": meta["encoding"],
        "separator": meta["separator"],
        "warnings": [w for w in meta["warnings"] if w["code"] in UPLOAD_WARNINGS],
    }
    meta["warnings"] = source["warnings"] + [
        w for w in meta["warnings"] if w not in source["warnings"]
    ]
    summary = {
        "source": source,
        "read": meta,
        "rows": [],
        "counts": {"rows_read": analysis.lines_read},
        "same_file": summary.get("same_file"),
    }
    if outcome.plan is not None:
        summary["rows"] = [_row_report(d) for d in outcome.plan.decisions]
        summary["counts"] = outcome.plan.counts()
        summary["matched_at"] = outcome.matched_at.isoformat()
    attendance_import.summary = summary
    attendance_import.errors = analysis.errors
    attendance_import.sheet_name = analysis.sheet[:120]
    attendance_import.status = (
        ImportStatus.REFUSED if analysis.refused else ImportStatus.PREVIEW
    )
    if analysis.refused:
        # Not read again: the pupils' list need not stay in memory.
        forget()


def _user(actor):
    return actor if actor is not None and actor.is_authenticated else None


def create_preview(
    *,
    actor,
    conference,
    uploaded_file,
    sheet="",
    order="",
    list_kind=ListKind.ATTENDED,
    background=False,
):
    """Store an uploaded file as an import waiting for confirmation, or refused.

    Reads and matches the file and keeps what the preview shows; creates no
    person and no attendance. A file whose size passes the limit is refused
    without being read or kept. With ``background`` True, or None (the
    upload page) and a large file, the file is only stored: the worker reads
    it after the transaction commits (see :func:`read_queued`). By default
    it is read now, as scripts expect. When the file cannot be stored (a
    full disk), raises ``vsfa.uploads.UploadNotSaved`` and records nothing.
    """
    attendance_import = AttendanceImport(
        conference=conference,
        uploaded_by=_user(actor),
        original_name=(uploaded_file.name or "file")[:255],
        mapping={"sheet": sheet, "order": order, "list": str(list_kind)},
    )
    limit = settings.VSFA_IMPORT_MAX_BYTES
    if uploaded_file.size > limit:
        analysis = Analysis().refuse("file_too_large", limit=limit // (1024 * 1024))
        _store(attendance_import, Outcome(analysis, None))
        attendance_import.sha256 = ""
        return _save_new(actor, attendance_import, None)

    data = uploaded_file.read()
    attendance_import.sha256 = hashlib.sha256(data).hexdigest()
    earlier = (
        AttendanceImport.objects.filter(
            conference=conference,
            sha256=attendance_import.sha256,
            status=ImportStatus.COMMITTED,
        )
        .order_by("-committed_at")
        .first()
    )
    if earlier is not None:
        attendance_import.summary = {
            "same_file": {
                "pk": earlier.pk,
                "date": timezone.localtime(earlier.committed_at).strftime("%d.%m.%Y"),
            }
        }
    rows = 0 if background is False else estimate_rows(data)
    if background or (background is None and _in_background(rows)):
        # Kept as uploaded only until the worker reads it and keeps a copy
        # without personal numeric codes instead.
        attendance_import.status = ImportStatus.QUEUED
        attendance_import.rows_total = rows
        return _save_new(actor, attendance_import, data)
    outcome = _evaluate_import(attendance_import, conference, data)
    _store(attendance_import, outcome)
    kept = outcome.sanitised if outcome.sanitised is not None else data
    return _save_new(actor, attendance_import, kept)


@transaction.atomic
def _save_new(actor, attendance_import, data):
    if data is not None:
        _keep_file(attendance_import, data)
    attendance_import.save()
    if attendance_import.status == ImportStatus.QUEUED:
        transaction.on_commit(partial(_enqueue, "read_import", attendance_import.pk))
    refused = attendance_import.status == ImportStatus.REFUSED
    audit.record(
        actor,
        "attendance_import.refused" if refused else "attendance_import.uploaded",
        attendance_import,
        edition=attendance_import.conference.edition,
        summary=attendance_import.original_name,
        errors=len(attendance_import.errors),
    )
    return attendance_import


def _stored_bytes(attendance_import):
    if not attendance_import.file:
        return None
    with attendance_import.file.open("rb") as handle:
        return handle.read()


def _keep_file(attendance_import, data):
    """Store ``data`` as the import's file (not saved); returns the old name.

    Lists of minors: the stored name must not be guessable from the original
    one, in case the media folder is ever served.
    """
    old_name = attendance_import.file.name
    suffix = Path(attendance_import.original_name).suffix.lower()[:10]
    uploads.save_file(
        attendance_import.file, secrets.token_hex(16) + suffix, ContentFile(data)
    )
    return old_name


def read_queued(import_id):
    """Read a queued import's file for its preview, as the worker does.

    Claims the import (QUEUED to READING in one conditional UPDATE) so that
    a second run, or a second worker, does nothing: returns False then, and
    when the import is gone. Progress is recorded as rows are read and
    matched. The file is replaced by a copy without personal numeric codes
    when it has any. Whatever fails refuses the import with a message, so
    that the page never waits for ever.
    """
    claimed = AttendanceImport.objects.filter(
        pk=import_id, status=ImportStatus.QUEUED
    ).update(status=ImportStatus.READING, progress_step="", rows_done=0)
    if not claimed:
        return False
    try:
        _read_claimed(import_id)
    except Exception:
        # The organiser is told on the import page; the details go to the log.
        logger.exception("Reading attendance import %s failed", import_id)
        AttendanceImport.objects.filter(
            pk=import_id, status=ImportStatus.READING
        ).update(
            status=ImportStatus.REFUSED,
            progress_step="",
            errors=[_file_error("processing_failed")],
        )
    return True


def _file_error(code):
    return {"row": None, "column": "", "value": "", "code": code, "params": {}}


def _read_claimed(import_id):
    attendance_import = AttendanceImport.objects.select_related(
        "conference__edition"
    ).get(pk=import_id)
    outcome = _evaluate_import(
        attendance_import,
        attendance_import.conference,
        _stored_bytes(attendance_import) or b"",
        progress=_recorder(import_id),
    )
    replaced = None
    with transaction.atomic():
        attendance_import = AttendanceImport.objects.select_for_update().get(
            pk=import_id
        )
        if attendance_import.status != ImportStatus.READING:
            # Cancelled while it was read (it held a person since erased).
            return
        _store(attendance_import, outcome)
        if outcome.sanitised is not None:
            replaced = _keep_file(attendance_import, outcome.sanitised)
        _progress_done(attendance_import)
        attendance_import.save()
        if attendance_import.status == ImportStatus.REFUSED:
            audit.record(
                attendance_import.uploaded_by,
                "attendance_import.refused",
                attendance_import,
                edition=attendance_import.conference.edition,
                summary=attendance_import.original_name,
                errors=len(attendance_import.errors),
            )
    if replaced:
        attendance_import.file.storage.delete(replaced)


def _progress_done(attendance_import):
    rows = (attendance_import.summary or {}).get("counts", {}).get("rows_read", 0)
    attendance_import.progress_step = ""
    attendance_import.rows_done = attendance_import.rows_total = rows


def change_options(
    *, actor, attendance_import, sheet=None, order=None, header_row=None, columns=None
):
    """Read the stored file again with another sheet or name order.

    Allowed while the import waits for confirmation or was refused (the
    wrong sheet may be why). A large file goes back to the worker's queue.
    Returns the import, saved.
    """
    with transaction.atomic():
        attendance_import = (
            AttendanceImport.objects.select_for_update()
            .select_related("conference")
            .get(pk=attendance_import.pk)
        )
        if attendance_import.status not in (
            ImportStatus.PREVIEW,
            ImportStatus.REFUSED,
        ):
            raise ImportStateError(attendance_import.status)
        data = _stored_bytes(attendance_import)
        if data is None:
            raise ImportStateError(attendance_import.status)
        mapping = dict(attendance_import.mapping or {})
        read = (attendance_import.summary or {}).get("read") or {}
        current_sheet = mapping.get("sheet") or read.get("sheet", "")
        if sheet is not None and sheet != current_sheet:
            # Another sheet has other columns: its header is found afresh.
            mapping.update(sheet=sheet, header_row=None, columns=None)
        if order is not None:
            mapping["order"] = order
        if header_row is not None:
            # A mapping belongs to the sheet it was made on.
            mapping.update(
                header_row=header_row, columns=columns or {}, sheet=current_sheet
            )
        attendance_import.mapping = mapping
        rows = (attendance_import.summary or {}).get("counts", {}).get("rows_read", 0)
        if _in_background(rows):
            attendance_import.status = ImportStatus.QUEUED
            attendance_import.progress_step = ""
            attendance_import.rows_done = 0
            attendance_import.save()
            transaction.on_commit(
                partial(_enqueue, "read_import", attendance_import.pk)
            )
            return attendance_import
        outcome = _evaluate_import(
            attendance_import, attendance_import.conference, data
        )
        _store(attendance_import, outcome)
        attendance_import.save()
    return attendance_import


def change_mapping(*, actor, attendance_import, header_row, columns):
    """Read the stored file with the organiser's own column mapping.

    ``header_row`` counts from 1; ``columns`` maps column indexes to fields
    (an empty field ignores the column). The mapping is remembered for the
    school's next file when this import is confirmed.
    """
    return change_options(
        actor=actor,
        attendance_import=attendance_import,
        header_row=header_row,
        columns={str(index): field for index, field in columns.items()},
    )


def commit_import(*, actor, attendance_import):
    """Create the people, attendances and match proposals of a previewed import.

    The file is read first, then matched against the people as they are now
    and saved in one transaction. The import row is locked, so a second
    confirmation (a double click, two organisers) finds it committed and does
    nothing. When the people or decisions have changed since the preview so
    that a row would now be decided otherwise, nothing is saved but the new
    preview (``summary["plan_changed"]``), for the organiser to check first.
    Returns ``(import, committed)``.
    """
    return _commit(actor, attendance_import.pk, ImportStatus.PREVIEW)


def confirm_import(*, actor, attendance_import):
    """Import a previewed file now, or hand a large one to the worker.

    A large import is claimed (PREVIEW to CONFIRMED, conditionally) and the
    worker is asked to import it once the transaction commits; a second
    confirmation finds it claimed. Returns ``(import, accepted)``; the
    import's status tells which of the two happened.
    """
    counts = (attendance_import.summary or {}).get("counts", {})
    if not _in_background(counts.get("rows_read", 0)):
        return commit_import(actor=actor, attendance_import=attendance_import)
    with transaction.atomic():
        claimed = AttendanceImport.objects.filter(
            pk=attendance_import.pk, status=ImportStatus.PREVIEW
        ).update(
            status=ImportStatus.CONFIRMED,
            confirmed_by=_user(actor),
            progress_step="",
            rows_done=0,
        )
        if claimed:
            transaction.on_commit(
                partial(_enqueue, "commit_import", attendance_import.pk)
            )
    return AttendanceImport.objects.get(pk=attendance_import.pk), bool(claimed)


def import_queued(import_id):
    """Import a confirmed large file, as the worker does.

    Claims the import (CONFIRMED to IMPORTING in one conditional UPDATE) so
    that it runs once: returns False when it was not there to claim. Should
    the import fail, nothing of it is saved and it waits for confirmation
    again, saying so.
    """
    claimed = AttendanceImport.objects.filter(
        pk=import_id, status=ImportStatus.CONFIRMED
    ).update(status=ImportStatus.IMPORTING, progress_step="", rows_done=0)
    if not claimed:
        return False
    attendance_import = AttendanceImport.objects.select_related("confirmed_by").get(
        pk=import_id
    )
    try:
        _commit(
            attendance_import.confirmed_by,
            import_id,
            ImportStatus.IMPORTING,
            progress=_recorder(import_id),
        )
    except Exception:
        # The organiser is told on the import page; the details go to the log.
        logger.exception("Importing attendance import %s failed", import_id)
        attendance_import = AttendanceImport.objects.get(pk=import_id)
        if attendance_import.status == ImportStatus.IMPORTING:
            attendance_import.status = ImportStatus.PREVIEW
            attendance_import.progress_step = ""
            attendance_import.summary = {
                **(attendance_import.summary or {}),
                "commit_failed": True,
            }
            attendance_import.save(update_fields=["status", "progress_step", "summary"])
    return True


def _commit(actor, pk, expected, progress=None):
    """Read, match and save an import in status ``expected``.

    Reading happens before the transaction, so that its progress can be
    seen; matching and writing happen inside it, with the import and its
    conference locked (one import at a time per conference, so two files
    cannot both create the same pupil).
    """
    current = AttendanceImport.objects.select_related("conference").get(pk=pk)
    if current.status != expected:
        return current, False
    data = _stored_bytes(current) or b""
    read = _evaluate_import(
        current, current.conference, data, progress=progress, match=False
    )
    if progress is not None:
        AttendanceImport.objects.filter(pk=pk).update(progress_step=writing.SAVING)

    with transaction.atomic():
        attendance_import = (
            AttendanceImport.objects.select_for_update()
            .select_related("conference")
            .get(pk=pk)
        )
        if attendance_import.status != expected:
            return attendance_import, False
        conference = Conference.objects.select_for_update().get(
            pk=attendance_import.conference_id
        )
        if attendance_import.mapping != current.mapping:
            # Read again with other options while this one was reading.
            outcome = _evaluate_import(attendance_import, conference, data)
        else:
            outcome = _match(read, conference, attended=_attended(attendance_import))
        shown = _decisions((attendance_import.summary or {}).get("rows", []))
        _store(attendance_import, outcome)
        if outcome.refused:
            attendance_import.save()
            return attendance_import, False
        if shown != _decisions(attendance_import.summary["rows"]):
            # The organiser confirmed what the preview showed, not this.
            attendance_import.status = ImportStatus.PREVIEW
            attendance_import.summary["plan_changed"] = True
            _progress_done(attendance_import)
            attendance_import.save()
            return attendance_import, False

        created, filled, marked = writing.write_plan(
            attendance_import, conference, outcome.plan
        )
        writing.remember_mapping(attendance_import, conference, outcome.analysis)

        summary = attendance_import.summary
        summary["rows"] = [_row_report(d) for d in outcome.plan.decisions]
        for report in summary["rows"]:
            report["person_id"] = report["person_id"] or created[report["entity"]]
        summary["created_people"] = sorted(created.values())
        summary["filled"] = filled
        summary["marked_present"] = marked
        # Read for the last time: the pupils' list need not stay in memory.
        transaction.on_commit(forget)
        attendance_import.status = ImportStatus.COMMITTED
        attendance_import.committed_at = timezone.now()
        attendance_import.confirmed_by = _user(actor)
        _progress_done(attendance_import)
        attendance_import.save()
        audit.record(
            actor,
            "attendance_import.committed",
            attendance_import,
            edition=conference.edition,
            summary=attendance_import.original_name,
            **summary["counts"],
        )
    return attendance_import, True


def _decisions(rows):
    """What a preview decided for each row: whom it is, and what is done."""
    return [
        (
            row.get("row"),
            row.get("action"),
            row.get("person_id"),
            row.get("candidate_person_id"),
            row.get("duplicate_of"),
        )
        for row in rows
    ]


def undo_import(*, actor, attendance_import):
    """Take back a committed import: its attendances, and the people it created.

    A person it created survives when something else now points at them (an
    attendance of another import, a cohort place, a merge). Details it filled
    on existing people are cleared when still unchanged, and people it marked
    present are expected again. Returns ``(import, undone)``; undoing twice
    does nothing the second time.
    """
    with transaction.atomic():
        attendance_import = (
            AttendanceImport.objects.select_for_update()
            .select_related("conference__edition")
            .get(pk=attendance_import.pk)
        )
        if attendance_import.status != ImportStatus.COMMITTED:
            return attendance_import, False
        summary = attendance_import.summary

        removed_attendances, _ = Attendance.objects.filter(
            source_import=attendance_import
        ).delete()
        unmarked = Attendance.objects.filter(
            pk__in=summary.get("marked_present", []), present=True
        ).update(present=False)
        MatchProposal.objects.filter(
            source_import=attendance_import, status=MatchStatus.PENDING
        ).delete()
        created = summary.get("created_people", [])
        survivors = writing.has_other_records(created) if created else set()
        removable = [pk for pk in created if pk not in survivors]
        Person.objects.filter(pk__in=removable).delete()
        writing.clear_filled(summary.get("filled", {}))

        summary["undo"] = {
            "attendances_removed": removed_attendances,
            "people_removed": len(removable),
            "people_kept": len(created) - len(removable),
            "presences_taken_back": unmarked,
        }
        attendance_import.status = ImportStatus.UNDONE
        attendance_import.undone_at = timezone.now()
        attendance_import.save()
        audit.record(
            actor,
            "attendance_import.undone",
            attendance_import,
            edition=attendance_import.conference.edition,
            summary=attendance_import.original_name,
            **summary["undo"],
        )
    return attendance_import, True


def decide_match(*, actor, proposal, same_person):
    """Confirm (merge the two people, keeping every record) or reject a proposal.

    The older record is kept. Returns ``(proposal, decided)``; a proposal
    already decided is left as it is.
    """
    with transaction.atomic():
        proposal = MatchProposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != MatchStatus.PENDING:
            return proposal, False
        first = active_person(proposal.person)
        second = active_person(proposal.candidate)
        if same_person and first.pk != second.pk:
            keep, remove = sorted((first, second), key=lambda person: person.pk)
            merge_people(actor=actor, keep=keep, remove=remove)
        proposal.status = MatchStatus.CONFIRMED if same_person else MatchStatus.REJECTED
        proposal.decided_by = actor
        proposal.decided_at = timezone.now()
        proposal.save(update_fields=["status", "decided_by", "decided_at"])
        audit.record(
            actor,
            "match.confirmed" if same_person else "match.rejected",
            proposal,
            edition=_edition_of(proposal),
            summary=f"{first} ~ {second}",
        )
    return proposal, True


def active_person(person):
    """Follow merges to the record that is still in use."""
    seen = set()
    while person.merged_into_id is not None and person.pk not in seen:
        seen.add(person.pk)
        person = Person.objects.get(pk=person.merged_into_id)
    return person


def _edition_of(proposal):
    if proposal.source_import_id is None:
        return None
    return (
        AttendanceImport.objects.select_related("conference__edition")
        .get(pk=proposal.source_import_id)
        .conference.edition
    )
