"""Writes of the attendance import: preview, options, commit, undo, matches.

Views, the ``import_attendance`` command and tests call these; none of them
writes import data on its own.
"""

import datetime
import hashlib
import logging
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from cohorts.choices import ImportStatus, MatchStatus
from cohorts.importing import matching
from cohorts.importing.headers import header_key
from cohorts.importing.parsing import Analysis, analyse
from cohorts.importing.readers import UnreadableFile, read_book
from cohorts.importing.sanitise import without_cnp
from cohorts.models import (
    Attendance,
    AttendanceImport,
    Conference,
    MatchProposal,
    School,
)
from vsfa import audit
from vsfa.models import Person
from vsfa.services import MergeConflict, merge_people
from vsfa.text import canonical, fold

logger = logging.getLogger(__name__)

UPLOAD_WARNINGS = {"cnp_dropped", "sanitised_copy"}


__all__ = [
    "ImportStateError",
    "MergeConflict",
    "active_person",
    "change_mapping",
    "change_options",
    "commit_import",
    "create_preview",
    "decide_match",
    "evaluate",
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

    @property
    def refused(self):
        return self.analysis.refused


def _schools():
    return list(School.objects.values_list("pk", "name", "short_name"))


def evaluate(data, conference, *, sheet="", order="", header_row=None, columns=None):
    """Read and match ``data`` for ``conference`` without writing anything.

    ``header_row`` and ``columns`` ({column index: field}) are an organiser's
    own mapping; without them the headers are recognised, helped by what was
    remembered for the conference's school.
    """
    analysis = Analysis()
    sanitised = None
    try:
        book = read_book(data)
    except UnreadableFile as error:
        return Outcome(analysis.refuse(error.code, **error.params), None)
    sanitised = without_cnp(book)
    school = School.objects.filter(pk=conference.school_id).first()
    analysis = analyse(
        book,
        conference_date=conference.date,
        default_school_id=conference.school_id,
        schools=_schools(),
        sheet=sheet,
        order=order,
        remembered=(school.import_mapping or {}).get("headers", {}) if school else {},
        header_row=header_row,
        overrides={int(index): field for index, field in (columns or {}).items()},
    )
    if sanitised is not None:
        analysis.warn("sanitised_copy")
    if analysis.refused:
        return Outcome(analysis, None, sanitised)
    return Outcome(analysis, matching.plan(analysis.rows, conference), sanitised)


def _evaluate_import(attendance_import, conference, data):
    """Evaluate an import's file with the choices stored on it."""
    mapping = attendance_import.mapping or {}
    return evaluate(
        data,
        conference,
        sheet=mapping.get("sheet", ""),
        order=mapping.get("order", ""),
        header_row=mapping.get("header_row"),
        columns=mapping.get("columns"),
    )


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
    attendance_import.summary = summary
    attendance_import.errors = analysis.errors
    attendance_import.sheet_name = analysis.sheet[:120]
    attendance_import.status = (
        ImportStatus.REFUSED if analysis.refused else ImportStatus.PREVIEW
    )


def create_preview(*, actor, conference, uploaded_file, sheet="", order=""):
    """Store an uploaded file as an import waiting for confirmation, or refused.

    Reads and matches the file and keeps what the preview shows; creates no
    person and no attendance. A file whose size passes the limit is refused
    without being read or kept.
    """
    attendance_import = AttendanceImport(
        conference=conference,
        uploaded_by=actor if actor is not None and actor.is_authenticated else None,
        original_name=(uploaded_file.name or "file")[:255],
        mapping={"sheet": sheet, "order": order},
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
    outcome = evaluate(data, conference, sheet=sheet, order=order)
    _store(attendance_import, outcome)
    kept = outcome.sanitised if outcome.sanitised is not None else data
    return _save_new(actor, attendance_import, kept)


@transaction.atomic
def _save_new(actor, attendance_import, data):
    if data is not None:
        # Lists of minors: the stored name must not be guessable from the
        # original one, in case the media folder is ever served.
        suffix = Path(attendance_import.original_name).suffix.lower()[:10]
        attendance_import.file.save(
            secrets.token_hex(16) + suffix, ContentFile(data), save=False
        )
    attendance_import.save()
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


def change_options(
    *, actor, attendance_import, sheet=None, order=None, header_row=None, columns=None
):
    """Read the stored file again with another sheet or name order.

    Allowed while the import waits for confirmation or was refused (the
    wrong sheet may be why). Returns the import, saved.
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

    One transaction; the import row is locked, so a second confirmation (a
    double click, two organisers) finds it committed and does nothing. The file
    is read and matched again inside the transaction, against the people as
    they are now. Returns ``(import, committed)``.
    """
    with transaction.atomic():
        attendance_import = (
            AttendanceImport.objects.select_for_update()
            .select_related("conference")
            .get(pk=attendance_import.pk)
        )
        if attendance_import.status != ImportStatus.PREVIEW:
            return attendance_import, False
        # One import at a time per conference, so two files cannot both
        # create the same pupil.
        conference = Conference.objects.select_for_update().get(
            pk=attendance_import.conference_id
        )
        outcome = _evaluate_import(
            attendance_import, conference, _stored_bytes(attendance_import) or b""
        )
        _store(attendance_import, outcome)
        if outcome.refused:
            attendance_import.save()
            return attendance_import, False

        created, filled = _write(attendance_import, conference, outcome.plan)
        _remember_mapping(attendance_import, conference, outcome.analysis)

        attendance_import.summary["rows"] = [
            _row_report(d) for d in outcome.plan.decisions
        ]
        for report in attendance_import.summary["rows"]:
            report["person_id"] = report["person_id"] or created[report["entity"]]
        attendance_import.summary["created_people"] = sorted(created.values())
        attendance_import.summary["filled"] = filled
        attendance_import.status = ImportStatus.COMMITTED
        attendance_import.committed_at = timezone.now()
        attendance_import.save()
        audit.record(
            actor,
            "attendance_import.committed",
            attendance_import,
            edition=conference.edition,
            summary=attendance_import.original_name,
            **attendance_import.summary["counts"],
        )
    return attendance_import, True


def _remember_mapping(attendance_import, conference, analysis):
    """Keep the organiser's column mapping for the school's next file."""
    columns = (attendance_import.mapping or {}).get("columns")
    if not columns:
        return
    school = School.objects.select_for_update().get(pk=conference.school_id)
    remembered = dict((school.import_mapping or {}).get("headers", {}))
    for column in analysis.columns:
        if str(column.index) in columns:
            remembered[header_key(column.header)] = columns[str(column.index)]
    school.import_mapping = {**(school.import_mapping or {}), "headers": remembered}
    school.save(update_fields=["import_mapping"])


def _new_person(values):
    # bulk_create skips Person.save(), so its normalisation is done here.
    given = canonical(values.get("given_name", ""))
    family = canonical(values.get("family_name", ""))
    return Person(
        given_name=given,
        family_name=family,
        search_name=fold(f"{given} {family}"),
        birth_date=values.get("birth_date"),
        email=(values.get("email") or "").strip().lower(),
        phone=values.get("phone") or "",
        gender=values.get("gender") or "",
        photo_consent=values.get("photo_consent"),
    )


def _write(attendance_import, conference, plan):
    """Save a plan; returns ``({entity index: new person id}, filled fields)``."""
    new_entities = [e for e in plan.entities if e.is_new]
    people = Person.objects.bulk_create([_new_person(e.values) for e in new_entities])
    created = {
        entity.index: person.pk
        for entity, person in zip(new_entities, people, strict=True)
    }

    filled = _fill_blanks([e for e in plan.entities if not e.is_new])

    Attendance.objects.bulk_create(
        [
            Attendance(
                conference=conference,
                person_id=entity.person_id or created[entity.index],
                school_id=entity.school_id,
                class_name=entity.class_name,
                declared_age=entity.declared_age,
                source_import=attendance_import,
                source_row=entity.first_row,
            )
            for entity in plan.entities
            if not entity.attending
        ]
    )

    proposals = []
    for proposal in plan.proposals:
        person_id = created[proposal.entity.index]
        if proposal.candidate_entity is not None:
            other = proposal.candidate_entity
            candidate_id = other.person_id or created[other.index]
        else:
            candidate_id = proposal.candidate_person_id
        proposals.append(
            MatchProposal(
                person_id=person_id,
                candidate_id=candidate_id,
                reason=proposal.reason,
                source_import=attendance_import,
            )
        )
    MatchProposal.objects.bulk_create(proposals, ignore_conflicts=True)
    return created, filled


def _fill_blanks(entities):
    """Give matched people the details they lack; returns what was filled.

    Never overwrites a value. What is filled is remembered so that undoing
    the import can take it back.
    """
    by_id = {entity.person_id: entity for entity in entities}
    filled = {}
    changed = []
    for person in Person.objects.filter(pk__in=list(by_id)):
        values = by_id[person.pk].values
        fields = {}
        for name in matching.PERSON_FIELDS:
            value = values.get(name)
            if getattr(person, name) in (None, "") and value not in (None, ""):
                setattr(person, name, value)
                fields[name] = (
                    value.isoformat() if isinstance(value, datetime.date) else value
                )
        if fields:
            filled[str(person.pk)] = fields
            changed.append(person)
    if changed:
        Person.objects.bulk_update(changed, matching.PERSON_FIELDS, batch_size=500)
    return filled


def _has_other_records(person_ids):
    """The ids among ``person_ids`` that anything still points at."""
    kept = set()
    for relation in Person._meta.related_objects:
        if relation.many_to_many:
            # The through model's foreign key is listed as its own relation.
            continue
        kept |= set(
            relation.related_model._base_manager.filter(
                **{f"{relation.field.name}__in": person_ids}
            ).values_list(relation.field.attname, flat=True)
        )
    kept |= set(
        Person.objects.filter(pk__in=person_ids)
        .exclude(user__isnull=True, merged_into__isnull=True)
        .values_list("pk", flat=True)
    )
    return kept


def undo_import(*, actor, attendance_import):
    """Take back a committed import: its attendances, and the people it created.

    A person it created survives when something else now points at them (an
    attendance of another import, a cohort place, a merge). Details it filled
    on existing people are cleared when still unchanged. Returns
    ``(import, undone)``; undoing twice does nothing the second time.
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
        MatchProposal.objects.filter(
            source_import=attendance_import, status=MatchStatus.PENDING
        ).delete()
        created = summary.get("created_people", [])
        survivors = _has_other_records(created) if created else set()
        removable = [pk for pk in created if pk not in survivors]
        Person.objects.filter(pk__in=removable).delete()
        _clear_filled(summary.get("filled", {}))

        summary["undo"] = {
            "attendances_removed": removed_attendances,
            "people_removed": len(removable),
            "people_kept": len(created) - len(removable),
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


def _clear_filled(filled):
    blank = {"photo_consent": None, "birth_date": None}
    people = Person.objects.filter(pk__in=[int(pk) for pk in filled])
    changed = []
    for person in people:
        for name, value in filled[str(person.pk)].items():
            current = getattr(person, name)
            if isinstance(current, datetime.date):
                current = current.isoformat()
            if current == value:
                setattr(person, name, blank.get(name, ""))
                changed.append(person)
    if changed:
        Person.objects.bulk_update(set(changed), matching.PERSON_FIELDS)


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
