"""Which column is which: header recognition in Romanian and English.

Headers are compared folded (no diacritics, no case, punctuation as spaces),
so "Data nașterii", "DATA NASTERII" and "data_nasterii" are the same header.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from vsfa.text import fold

FULL_NAME = "full_name"
FAMILY_NAME = "family_name"
GIVEN_NAME = "given_name"
CLASS_NAME = "class_name"
BIRTH_DATE = "birth_date"
AGE = "age"
PHONE = "phone"
EMAIL = "email"
GENDER = "gender"
PHOTO_CONSENT = "photo_consent"
SCHOOL = "school"
ROW_NUMBER = "row_number"
TIMESTAMP = "timestamp"
DATA_CONSENT = "data_consent"
OTHER_CONTACT = "other_contact"
CNP = "cnp"
REPEATED = "repeated"

NAME_FIELDS = {FULL_NAME, FAMILY_NAME, GIVEN_NAME}
# Recognised, shown in the mapping, but never read into any record.
SKIPPED_FIELDS = {ROW_NUMBER, TIMESTAMP, DATA_CONSENT, OTHER_CONTACT, CNP, REPEATED}

FIELD_LABELS = {
    FULL_NAME: _("Full name"),
    FAMILY_NAME: _("Family name"),
    GIVEN_NAME: _("Given name"),
    CLASS_NAME: _("Class"),
    BIRTH_DATE: _("Date of birth"),
    AGE: _("Age"),
    PHONE: _("Phone"),
    EMAIL: _("E-mail"),
    GENDER: _("Gender"),
    PHOTO_CONSENT: _("Photo consent"),
    SCHOOL: _("School"),
    ROW_NUMBER: _("Row number (not stored)"),
    TIMESTAMP: _("Form timestamp (not stored)"),
    DATA_CONSENT: _("Consent to data processing (not stored)"),
    OTHER_CONTACT: _("Parent's contact (not stored)"),
    CNP: _("Personal numeric code (dropped)"),
    REPEATED: _("Repeated column (ignored)"),
}

# How many of the first rows may hold a title, notes or blank lines.
HEADER_SEARCH_ROWS = 30

_NOT_WORD = re.compile(r"[^a-z0-9]+")
_CNP_VALUE = re.compile(r"^[1-9]\d{12}$")


@dataclass
class Column:
    index: int
    header: str
    field: str | None  # None: not recognised, ignored

    def as_dict(self):
        return {"index": self.index, "header": self.header, "field": self.field}


def _words(header):
    return _NOT_WORD.sub(" ", fold(header)).strip()


def recognise(header):
    """The field a header names, or None. Order matters: most specific first."""
    if not isinstance(header, str):
        return None
    text = _words(header)
    words = set(text.split())
    if not words:
        return None
    if "cnp" in words or text.startswith("cod numeric") or "personal code" in text:
        return CNP
    if words & {"parinte", "parintelui", "parinti", "parent", "tutore", "guardian"}:
        return OTHER_CONTACT
    if "marcaj" in words or words & {"timestamp", "ora"}:
        return TIMESTAMP
    if "mail" in text:
        return EMAIL
    if words & {"telefon", "telefonul", "tel", "phone", "mobil", "mobile"}:
        return PHONE
    if words & {"nasterii", "nastere", "birth", "dob", "born"}:
        return BIRTH_DATE
    if words & {"varsta", "age", "ani"}:
        return AGE
    if any(part in text for part in ("foto", "photo", "poze", "imagin")):
        return PHOTO_CONSENT
    if words & {"acord", "consent", "consimtamant", "gdpr", "prelucrarea"}:
        return DATA_CONSENT
    if words & {"gen", "genul", "sex", "sexul", "gender"}:
        return GENDER
    if words & {"clasa", "class", "grade", "clasei", "form"}:
        return CLASS_NAME
    if words & {"liceul", "liceu", "scoala", "school", "colegiul", "unitatea"}:
        return SCHOOL
    has_family = bool(words & {"nume", "numele", "surname", "last", "family"})
    has_given = bool(words & {"prenume", "prenumele", "first", "given", "forename"})
    if (has_family and has_given) or text in {
        "name",
        "full name",
        "nume complet",
        "numele complet",
        "elev",
        "elevul",
        "participant",
        "student",
    }:
        return FULL_NAME
    if has_given:
        return GIVEN_NAME
    if has_family:
        return FAMILY_NAME
    if words <= {"nr", "crt", "no", "numar", "curent", "n"}:
        return ROW_NUMBER
    return None


def header_key(header):
    """The form a header is remembered under for a school's next file."""
    return _words(str(header))


def map_header(cells, remembered=None, overrides=None):
    """Columns of a header row, with duplicates and lone "Nume" resolved.

    ``remembered`` maps header keys to fields, as an organiser mapped them for
    this school before; ``overrides`` maps column indexes to fields, as the
    organiser maps this file. An empty field means "ignore this column".
    """
    remembered = remembered or {}
    overrides = overrides or {}
    columns = []
    seen = set()
    for index, cell in enumerate(cells):
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            continue
        header = str(cell).strip()
        if index in overrides:
            field = overrides[index] or None
        elif header_key(header) in remembered:
            field = remembered[header_key(header)] or None
        else:
            field = recognise(header)
        if field in seen and field not in SKIPPED_FIELDS:
            field = REPEATED
        elif field is not None:
            seen.add(field)
        columns.append(Column(index=index, header=header, field=field))
    # A lone "Nume" or "Nume elev" column holds the whole name.
    if FAMILY_NAME in seen and GIVEN_NAME not in seen and FULL_NAME not in seen:
        for column in columns:
            if column.field == FAMILY_NAME and column.index not in overrides:
                column.field = FULL_NAME
    return columns


def has_name(columns):
    fields = {column.field for column in columns}
    return FULL_NAME in fields or {FAMILY_NAME, GIVEN_NAME} <= fields


def find_header(rows, remembered=None):
    """``(row_index, columns)`` of the most recognisable header, or None.

    The header is the row among the first ones with the most recognised
    columns, the names among them (a list may have nothing but names).
    """
    best = None
    best_score = 0
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns = map_header(row, remembered)
        if not has_name(columns):
            continue
        score = len({c.field for c in columns if c.field not in (None, REPEATED)})
        if score > best_score:
            best, best_score = (index, columns), score
    return best


def headers_found(rows):
    """The text cells of the row that looks most like a header, for messages."""
    candidates = [
        [str(cell).strip() for cell in row if isinstance(cell, str) and cell.strip()]
        for row in rows[:HEADER_SEARCH_ROWS]
    ]
    best = max(candidates, key=len, default=[])
    return best


def looks_like_cnp_column(values):
    """True when most filled cells are 13-digit personal numeric codes."""
    filled = [str(value).strip() for value in values if value not in (None, "")]
    if not filled:
        return False
    codes = sum(1 for value in filled if _CNP_VALUE.match(value))
    return codes * 2 >= len(filled)
