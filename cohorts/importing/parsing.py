"""A read file to clean rows, or to the list of everything wrong with it.

Nothing here writes. The outcome, :class:`Analysis`, is what the preview shows
and what a commit saves; it is rebuilt from the stored file at commit time so
that the choices made on the preview (sheet, name order) always apply.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.utils import timezone

from cohorts.importing import headers as h
from cohorts.importing import names
from cohorts.importing.normalise import (
    OLDEST,
    YOUNGEST,
    CellError,
    cell_text,
    check_birth_date,
    parse_age,
    parse_consent,
    parse_date,
    parse_email,
    parse_gender,
    parse_phone,
    parse_short_text,
)
from vsfa.text import fold

# A declared age outside the ages a date of birth may give is a typing mistake.
MIN_AGE = YOUNGEST
MAX_AGE = OLDEST
NAME_LIMIT = 120
CLASS_LIMIT = 20
EMAIL_LIMIT = 254

# The step reported to ``progress`` while cells are read.
READING = "reading"

_QUOTED = re.compile(r"[„“”\"«»]([^„“”\"«»]+)[„“”\"«»]")


@dataclass(frozen=True)
class Row:
    """One pupil line of the file, cleaned (unchangeable: analyses share it)."""

    row: int  # as numbered in the file (a spreadsheet's row number)
    given_name: str
    family_name: str
    class_name: str = ""
    birth_date: datetime.date | None = None
    declared_age: int | None = None
    email: str = ""
    phone: str = ""
    gender: str = ""
    photo_consent: bool | None = None
    school_id: int | None = None

    @property
    def key(self):
        """The folded full name, compared with ``Person.search_name``."""
        return fold(f"{self.given_name} {self.family_name}")

    def as_dict(self):
        return {
            "row": self.row,
            "given_name": self.given_name,
            "family_name": self.family_name,
            "class_name": self.class_name,
            "birth_date": self.birth_date.isoformat() if self.birth_date else None,
            "declared_age": self.declared_age,
            "email": self.email,
            "phone": self.phone,
            "gender": self.gender,
            "photo_consent": self.photo_consent,
            "school_id": self.school_id,
        }


@dataclass
class Analysis:
    kind: str = ""
    encoding: str = ""
    separator: str = ""
    sheets: list = field(default_factory=list)
    sheet: str = ""
    header_row: int | None = None
    columns: list = field(default_factory=list)
    name_order: str = ""
    name_order_detected: str = ""
    name_votes: dict = field(default_factory=dict)
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    cnp_columns: list = field(default_factory=list)
    lines_read: int = 0  # pupil lines, usable or not

    @property
    def refused(self):
        return bool(self.errors)

    def refuse(self, code, **params):
        self.errors.append(
            {"row": None, "column": "", "value": "", "code": code, "params": params}
        )
        return self

    def warn(self, code, **params):
        self.warnings.append({"code": code, "params": params})

    def meta(self):
        """What the preview shows about how the file was read."""
        return {
            "kind": self.kind,
            "encoding": self.encoding,
            "separator": self.separator,
            "sheets": self.sheets,
            "sheet": self.sheet,
            "header_row": self.header_row,
            "columns": [column.as_dict() for column in self.columns],
            "name_order": self.name_order,
            "name_order_detected": self.name_order_detected,
            "name_votes": self.name_votes,
            "warnings": self.warnings,
            "cnp_columns": self.cnp_columns,
        }


class SchoolDirectory:
    """Finds a school from what a form's pupil typed, by folded name.

    "Colegiul Tehnic „Iuliu Maniu”" matches the school of that name, and so
    does "CT Iuliu Maniu" when exactly one school's quoted name is in it.
    """

    def __init__(self, schools):
        self.by_name = {}
        self.by_quoted = {}
        for school_id, name, short_name in schools:
            self.by_name[fold(name)] = school_id
            if short_name:
                self.by_name.setdefault(fold(short_name), school_id)
            quoted = self.quoted(name)
            if quoted:
                self.by_quoted.setdefault(quoted, school_id)

    @staticmethod
    def quoted(text):
        match = _QUOTED.search(text or "")
        return fold(match.group(1)) if match else ""

    def find(self, text):
        folded = fold(text)
        if folded in self.by_name:
            return self.by_name[folded]
        quoted = self.quoted(text)
        if quoted in self.by_quoted:
            return self.by_quoted[quoted]
        inside = {
            school_id
            for name, school_id in self.by_quoted.items()
            if re.search(rf"\b{re.escape(name)}\b", folded)
        }
        return inside.pop() if len(inside) == 1 else None


def choose_sheet(book, sheet_name, analysis, locate):
    """The sheet to read and its header, or None after refusing the file.

    ``locate(sheet)`` gives ``(header index, columns)`` or None.
    """
    analysis.sheets = [sheet.name for sheet in book.sheets if book.kind != "text"]
    if sheet_name:
        sheet = book.sheet(sheet_name)
        if sheet is None:
            analysis.refuse("no_sheet", sheet=sheet_name)
            return None, None
        candidates = [sheet]
    else:
        candidates = book.sheets
    for sheet in candidates:
        found = locate(sheet)
        if found is not None:
            if sheet is not candidates[0]:
                analysis.warn("sheet_without_header", sheet=candidates[0].name)
            analysis.sheet = sheet.name
            return sheet, found
    first = candidates[0] if candidates else None
    analysis.sheet = first.name if first else ""
    headers = h.headers_found(first.rows) if first else []
    analysis.refuse("no_header", headers=", ".join(headers) or "—")
    return None, None


def _locator(remembered, header_row, overrides):
    """Find the header by recognition, or take the row the organiser named."""

    def locate(sheet):
        if not header_row:
            return h.find_header(sheet.rows, remembered)
        if header_row > len(sheet.rows):
            return None
        columns = h.map_header(sheet.rows[header_row - 1], remembered, overrides)
        return (header_row - 1, columns) if h.has_name(columns) else None

    return locate


def analyse(
    book,
    *,
    conference_date,
    default_school_id,
    today=None,
    schools,
    sheet="",
    order="",
    remembered=None,
    header_row=None,
    overrides=None,
    progress=None,
):
    """Read ``book`` into an :class:`Analysis` (rows, or errors that refuse it).

    ``schools`` is an iterable of ``(id, name, short_name)``; ``order`` forces
    a :class:`names.NameOrder` instead of the detected one. ``remembered`` is
    the school's remembered header mapping; ``header_row`` (counted from 1)
    and ``overrides`` ({column index: field}) are the organiser's own mapping.
    ``progress(step, done, total)`` is told of every pupil line read.
    ``today`` (the local date when not given) bounds the dates of birth.
    """
    today = today or timezone.localdate()
    analysis = Analysis(
        kind=book.kind, encoding=book.encoding, separator=book.separator
    )
    locate = _locator(remembered, header_row, overrides)
    chosen, found = choose_sheet(book, sheet, analysis, locate)
    if chosen is None:
        return analysis
    header_index, columns = found
    analysis.header_row = header_index + 1
    analysis.columns = columns
    body = [
        (index + 1, row)
        for index, row in enumerate(chosen.rows)
        if index > header_index
    ]
    _drop_cnp_columns(analysis, body)
    for column in columns:
        if column.field is None:
            analysis.warn("column_ignored", header=column.header)
        elif column.field == h.REPEATED:
            analysis.warn("column_repeated", header=column.header)

    by_field = {c.field: c for c in columns if c.field not in h.SKIPPED_FIELDS}
    lines = [(number, row) for number, row in body if _has_data(row, by_field)]
    analysis.lines_read = len(lines)
    if not lines:
        return analysis.refuse("no_rows")
    _decide_name_order(analysis, lines, by_field, order)

    reading = _Reading(
        analysis=analysis,
        by_field=by_field,
        conference_date=conference_date,
        today=today,
        directory=SchoolDirectory(schools),
        default_school_id=default_school_id,
    )
    for done, (number, row) in enumerate(lines, start=1):
        parsed = _parse_row(reading, number, row)
        if progress is not None:
            progress(READING, done, len(lines))
        if parsed is not None:
            analysis.rows.append(parsed)
    for name, rows in reading.unknown_schools.items():
        shown = ", ".join(str(number) for number in rows[:10])
        analysis.warn(
            "school_unknown", name=name, rows=shown + (" …" if len(rows) > 10 else "")
        )
    return analysis


def _cell(row, column):
    if column is None or column.index >= len(row):
        return None
    value = row[column.index]
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _has_data(row, by_field):
    return any(_cell(row, column) is not None for column in by_field.values())


def _drop_cnp_columns(analysis, body):
    for column in analysis.columns:
        if column.field in h.NAME_FIELDS:
            continue
        values = [_cell(row, column) for _number, row in body]
        if column.field == h.CNP or h.looks_like_cnp_column(values):
            column.field = h.CNP
            analysis.cnp_columns.append(column.index)
            analysis.warn("cnp_dropped", header=column.header)


def _decide_name_order(analysis, lines, by_field, order):
    full = by_field.get(h.FULL_NAME)
    if full is not None:
        detected, votes = names.decide(
            cell_text(_cell(row, full)) for _number, row in lines
        )
        analysis.name_votes = votes
        if order not in (names.NameOrder.FAMILY_FIRST, names.NameOrder.GIVEN_FIRST):
            order = detected
    else:
        detected = names.NameOrder.COLUMNS
        pairs = [
            (
                cell_text(_cell(row, by_field[h.FAMILY_NAME])),
                cell_text(_cell(row, by_field[h.GIVEN_NAME])),
            )
            for _number, row in lines
        ]
        if names.columns_look_swapped(pairs):
            analysis.warn("names_look_swapped")
        if order != names.NameOrder.COLUMNS_SWAPPED:
            order = names.NameOrder.COLUMNS
    analysis.name_order = str(order)
    analysis.name_order_detected = str(detected)


@dataclass
class _Reading:
    """What every pupil line of a file is read with."""

    analysis: Analysis
    by_field: dict
    conference_date: datetime.date | None
    today: datetime.date
    directory: SchoolDirectory
    default_school_id: int | None
    # {school name as written: [row numbers]} of schools not found.
    unknown_schools: dict = field(default_factory=dict)


def _parse_row(reading, number, row):
    analysis, by_field = reading.analysis, reading.by_field
    errors = []

    def read(field_name, parser, **kwargs):
        column = by_field.get(field_name)
        value = _cell(row, column)
        if column is None or value is None:
            return None
        try:
            return parser(value, **kwargs)
        except CellError as error:
            errors.append(
                {
                    "row": number,
                    "column": column.header,
                    "value": cell_text(value)[:200],
                    "code": error.code,
                    "params": error.params,
                }
            )
            return None

    given, family, name_column = _names(analysis, row, by_field)
    if not given or not family:
        value = " ".join(
            cell_text(_cell(row, by_field.get(f)))
            for f in (h.FULL_NAME, h.FAMILY_NAME, h.GIVEN_NAME)
        ).strip()
        errors.append(
            {
                "row": number,
                "column": name_column.header,
                "value": value[:200],
                "code": "name_incomplete" if value else "name_missing",
                "params": {},
            }
        )
    elif max(len(given), len(family)) > NAME_LIMIT:
        errors.append(
            {
                "row": number,
                "column": name_column.header,
                "value": f"{given} {family}"[:200],
                "code": "too_long",
                "params": {"limit": NAME_LIMIT},
            }
        )

    birth_date = read(h.BIRTH_DATE, parse_date)
    if birth_date is not None:
        try:
            check_birth_date(
                birth_date, today=reading.today, on=reading.conference_date
            )
        except CellError as error:
            errors.append(
                {
                    "row": number,
                    "column": by_field[h.BIRTH_DATE].header,
                    "value": birth_date.strftime("%d.%m.%Y"),
                    "code": error.code,
                    "params": error.params,
                }
            )
    # A school named in the row, else the conference's; one not found is None.
    school_text = cell_text(_cell(row, by_field.get(h.SCHOOL)))
    school_id = (
        reading.directory.find(school_text)
        if school_text
        else reading.default_school_id
    )
    if school_text and school_id is None:
        reading.unknown_schools.setdefault(school_text, []).append(number)
    parsed = Row(
        row=number,
        given_name=given,
        family_name=family,
        class_name=read(h.CLASS_NAME, parse_short_text, limit=CLASS_LIMIT) or "",
        birth_date=birth_date,
        declared_age=read(h.AGE, parse_age, low=MIN_AGE, high=MAX_AGE),
        email=read(h.EMAIL, parse_email) or "",
        phone=read(h.PHONE, parse_phone) or "",
        gender=read(h.GENDER, parse_gender) or "",
        photo_consent=read(h.PHOTO_CONSENT, parse_consent),
        school_id=school_id,
    )
    if len(parsed.email) > EMAIL_LIMIT:
        column = by_field[h.EMAIL]
        errors.append(
            {
                "row": number,
                "column": column.header,
                "value": parsed.email[:200],
                "code": "too_long",
                "params": {"limit": EMAIL_LIMIT},
            }
        )

    # Reported left to right, as the organiser reads the row.
    position = {column.header: column.index for column in by_field.values()}
    errors.sort(key=lambda error: position.get(error["column"], 0))
    analysis.errors.extend(errors)
    return None if errors else parsed


def _names(analysis, row, by_field):
    """``(given, family, column)`` of a row, following the file's name order."""
    full = by_field.get(h.FULL_NAME)
    if full is not None:
        given, family = names.split_full_name(
            cell_text(_cell(row, full)), analysis.name_order
        )
        return given, family, full
    family_column, given_column = by_field[h.FAMILY_NAME], by_field[h.GIVEN_NAME]
    if analysis.name_order == names.NameOrder.COLUMNS_SWAPPED:
        family_column, given_column = given_column, family_column
    family = names.clean(cell_text(_cell(row, family_column)))
    given = names.clean(cell_text(_cell(row, given_column)))
    return given, family, family_column if not family else given_column
