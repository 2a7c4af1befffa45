"""An erased person taken out of the attendance files kept with the imports.

Each import keeps its file (without personal numeric codes, see
``sanitise``) so that the preview can be read again and the organisers can see
what was imported. Undoing an import reads nothing from that file: it works
from the database (the attendances that name the import, and the people it
created, filled in or marked present, as recorded in its summary). So on
erasure the file of an imported (or undone) list is not deleted but
rewritten: the person's rows stay where they were, with the anonymous
stand-in's name in the name cells and the contact, class and birth date cells
emptied, and the rows kept in the import's summary are changed the same way.
Only rows tied to the person are rewritten (the person the import recorded,
or their e-mail address or phone number): a namesake's row is someone else's.

A list not imported yet (waiting to be read, previewed, refused) recorded no
one: rewriting it would make confirming it create an "Anonim" person, or
lose a namesake's row. Such a list holding the person is cancelled instead
and its file deleted once the erasure commits.
"""

import json
import logging
import secrets
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q

from cohorts.choices import ImportStatus
from cohorts.importing import headers as h
from cohorts.importing.normalise import CellError, parse_date, parse_email, parse_phone
from cohorts.importing.readers import UnreadableFile, forget, read_book
from cohorts.importing.sanitise import written
from cohorts.models import AttendanceImport
from vsfa import uploads
from vsfa.models import Edition
from vsfa.text import fold

logger = logging.getLogger(__name__)

# Columns emptied in a row of the person, whatever their value: the class
# with the school would point to them as surely as a phone number.
EMPTIED_FIELDS = {h.EMAIL, h.PHONE, h.BIRTH_DATE, h.CLASS_NAME, h.OTHER_CONTACT}
# Values of a row of the person in the import's summary that identify them.
SUMMARY_FIELDS = ("email", "phone", "birth_date", "class_name")
# Imports whose rows were recorded: their file is rewritten, not cancelled.
RECORDED = (ImportStatus.COMMITTED, ImportStatus.UNDONE)
# The reason a list holding an erased person was cancelled (``messages``).
CANCELLED_ERASED = "cancelled_erased"


class Identity:
    """What identifies the people of one erasure in a cell, and what replaces it."""

    def __init__(self, people, given_name, family_name):
        self.ids = {person.pk for person in people}
        self.given = given_name
        self.family = family_name
        self.label = f"{given_name} {family_name}"
        self.full_names, self.given_names, self.family_names = set(), set(), set()
        self.emails, self.phones, self.birth_dates = set(), set(), set()
        for person in people:
            given, family = fold(person.given_name), fold(person.family_name)
            self.full_names |= {f"{given} {family}", f"{family} {given}"}
            self.given_names.add(given)
            self.family_names.add(family)
            if person.email:
                self.emails.add(person.email.lower())
            if person.user_id is not None:
                self.emails.add(person.user.email.lower())
            if person.phone:
                self.phones.add(person.phone)
            if person.birth_date:
                self.birth_dates.add(person.birth_date)

    def names_in(self, row):
        folded = {fold(str(cell)) for cell in row if isinstance(cell, str)}
        return bool(folded & self.full_names) or (
            bool(folded & self.given_names) and bool(folded & self.family_names)
        )

    def contact_in(self, row):
        return any(self.is_contact(cell) for cell in row)

    def owns(self, row):
        """Whether a row of an import's summary is tied to the person."""
        return (
            row.get("person_id") in self.ids
            or (row.get("email") or "").lower() in self.emails
            or (bool(row.get("phone")) and row.get("phone") in self.phones)
        )

    def is_contact(self, cell):
        if cell is None or cell == "":
            return False
        return (
            _parsed(parse_email, cell) in self.emails
            or _parsed(parse_phone, cell) in self.phones
        )

    def replacement(self, cell, field):
        """What ``cell`` of a row of the person becomes, or ``cell`` itself."""
        if field in EMPTIED_FIELDS or self.is_contact(cell):
            return ""
        if _parsed(parse_date, cell) in self.birth_dates:
            return ""
        if not isinstance(cell, str):
            return cell
        folded = fold(cell)
        if field == h.FULL_NAME or folded in self.full_names:
            return self.label
        if field == h.GIVEN_NAME or folded in self.given_names:
            return self.given
        if field == h.FAMILY_NAME or folded in self.family_names:
            return self.family
        return cell


def _parsed(parse, cell):
    try:
        return parse(cell)
    except CellError:
        return None


def imports_holding(people):
    """The imports whose file may hold a row of ``people``.

    A committed row of a person is an attendance at the import's conference
    (made by it or matched to one already there): so the committed imports
    of the conferences they attend. An import that was only previewed,
    refused or undone left no attendance: so those of every edition the
    person is known in, and the imports that proposed them as a duplicate.
    """
    ids = [person.pk for person in people]
    editions = Edition.objects.filter(
        Q(conferences__attendances__person__in=ids) | Q(members__person__in=ids)
    )
    return (
        AttendanceImport.objects.filter(
            Q(conference__attendances__person__in=ids)
            | (Q(conference__edition__in=editions) & ~Q(status=ImportStatus.COMMITTED))
            | Q(match_proposals__person__in=ids)
            | Q(match_proposals__candidate__in=ids)
        )
        .exclude(file="")
        .distinct()
    )


def scrub_imports(people, *, given_name, family_name, patterns):
    """Take ``people`` out of every import that may hold them.

    The kept file and summary of an imported list are rewritten (see the
    module's docstring); a list not imported yet that holds them is
    cancelled. ``given_name`` and ``family_name`` are the stand-in's;
    ``patterns`` (compiled regular expressions of the names and addresses)
    are replaced in the rest of an imported list's summary and in its errors.
    Runs inside the erasure's transaction: replaced and cancelled files are
    deleted once it commits. Returns the number of imports changed.
    """
    identity = Identity(people, given_name, family_name)
    changed = 0
    # PostgreSQL locks no row of a DISTINCT query: lock the imports by their
    # ids instead, in a fixed order.
    holding = AttendanceImport.objects.filter(
        pk__in=imports_holding(people).values("pk")
    )
    for attendance_import in holding.select_for_update(of=("self",)).order_by("pk"):
        book = _kept_book(attendance_import)
        if attendance_import.status in RECORDED:
            done = _scrub_one(attendance_import, book, identity, patterns)
        else:
            done = _cancel_if_holding(attendance_import, book, identity)
        changed += done
    return changed


def _kept_book(attendance_import):
    """The import's kept file read, or None when it is missing or unreadable.

    Either way there is nothing in it to rewrite: an unreadable file was
    never read, so nothing of it reached a record.
    """
    try:
        with attendance_import.file.open("rb") as handle:
            data = handle.read()
    except OSError:
        logger.warning("Import %s: kept file missing", attendance_import.pk)
        return None
    try:
        return read_book(data)
    except UnreadableFile:
        logger.warning("Import %s: kept file unreadable", attendance_import.pk)
        return None


def _delete_on_commit(field_file):
    storage, name = field_file.storage, field_file.name
    transaction.on_commit(lambda: storage.delete(name))


def _cancel_if_holding(attendance_import, book, identity):
    """Cancel a list not imported yet when it holds the person; True if so."""
    rows = (attendance_import.summary or {}).get("rows", [])
    held = any(
        identity.owns(row)
        or row.get("candidate_person_id") in identity.ids
        or fold(f"{row.get('given_name', '')} {row.get('family_name', '')}")
        in identity.full_names
        for row in rows
    ) or any(
        identity.names_in(row) or identity.contact_in(row)
        for sheet in (book.sheets if book is not None else [])
        for row in sheet.rows
    )
    if not held:
        return False
    forget()
    _delete_on_commit(attendance_import.file)
    attendance_import.file = ""
    attendance_import.status = ImportStatus.CANCELLED
    attendance_import.summary = {}
    attendance_import.errors = [
        {"row": None, "column": "", "value": "", "code": CANCELLED_ERASED}
    ]
    attendance_import.progress_step = ""
    attendance_import.save(
        update_fields=["file", "status", "summary", "errors", "progress_step"]
    )
    return True


def _scrub_one(attendance_import, book, identity, patterns):
    summary = attendance_import.summary or {}
    known = {row.get("row") for row in summary.get("rows", []) if identity.owns(row)}
    file_changed = False
    for sheet in book.sheets if book is not None else []:
        rows = known if sheet.name == attendance_import.sheet_name else set()
        file_changed |= _scrub_sheet(sheet, rows, identity)
    summary_changed = _scrub_summary(attendance_import, identity, patterns)
    if not (file_changed or summary_changed):
        return False

    fields = ["summary", "errors"]
    if file_changed:
        old = attendance_import.file
        suffix = ".xlsx" if book.kind == "xls" else Path(old.name).suffix
        _delete_on_commit(old)
        uploads.save_file(
            attendance_import.file,
            secrets.token_hex(16) + suffix,
            ContentFile(written(book)),
        )
        fields.append("file")
    attendance_import.save(update_fields=fields)
    return True


def _scrub_sheet(sheet, known, identity):
    """Change the rows of the person in ``sheet``; True when any changed.

    ``known`` are the rows (numbered from 1) the import recorded as theirs;
    other rows are theirs when they hold their e-mail address or phone.
    """
    found = h.find_header(sheet.rows)
    fields = {c.index: c.field for c in found[1]} if found is not None else {}
    header = found[0] if found is not None else -1
    changed = False
    for index, row in enumerate(sheet.rows):
        if index == header:
            continue
        if index + 1 not in known and not identity.contact_in(row):
            continue
        new = [identity.replacement(cell, fields.get(i)) for i, cell in enumerate(row)]
        if new != row:
            sheet.rows[index] = new
            changed = True
    return changed


def _scrub_summary(attendance_import, identity, patterns):
    """Change the person's rows of the import's summary, and put the
    stand-in's name for theirs in the rest of it and in the errors.

    Rows of others are left as they are, a namesake's name included.
    """
    summary = dict(attendance_import.summary or {})
    rows = summary.pop("rows", [])
    before = json.dumps([summary, attendance_import.errors, rows], ensure_ascii=False)
    for row in rows:
        if identity.owns(row):
            row.update(dict.fromkeys(SUMMARY_FIELDS, ""), birth_date=None)
            row["given_name"], row["family_name"] = identity.given, identity.family
            row["person_label"] = identity.label
        if row.get("candidate_person_id") in identity.ids:
            row["candidate_label"] = identity.label
    text = json.dumps([summary, attendance_import.errors], ensure_ascii=False)
    for pattern in patterns:
        text = pattern.sub(identity.label, text)
    summary, attendance_import.errors = json.loads(text)
    if "rows" in (attendance_import.summary or {}):
        summary["rows"] = rows
    attendance_import.summary = summary
    after = json.dumps([summary, attendance_import.errors, rows], ensure_ascii=False)
    return after != before
