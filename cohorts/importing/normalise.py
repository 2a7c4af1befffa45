"""One cell to one clean value, or a :class:`CellError` saying why not.

Nothing here guesses: a date that could be read two ways, a phone number that
does not exist or an unknown gender is an error for the organiser to fix in
the file, never a silent swap.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from vsfa.choices import Gender
from vsfa.text import canonical, fold

EXCEL_EPOCH = datetime.date(1899, 12, 30)
# Serial numbers of 1908-03-18 and 2064-04-09: anything outside is no birth date.
SERIAL_RANGE = (3_000, 60_000)

_DAY_FIRST = re.compile(
    r"^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})(?:\s+0{1,2}:00(?::00)?)?$"
)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]0{1,2}:00(?::00)?)?$")
_PHONE_PUNCTUATION = re.compile(r"[\s.\-/()]")
# "16", "16,0", "16.5", "1.234,5", "1,234.5", "1 234,5": digits with at most
# one decimal mark, the other mark only grouping thousands.
_NUMBER = re.compile(r"^[+-]?(\d{1,3}([ .,\u00a0\u202f]\d{3})+|\d+)([.,]\d+)?$")
_ROMANIAN_NATIONAL = re.compile(r"^[237]\d{8}$")
# A Romanian mobile number, what most phone cells hold. Every one of them is
# written "+40 7xx xxx xxx" (valid for the library's data or merely well
# formed); writing it directly spares the library's parse, a tenth of the
# time of a large import.
_MOBILE = re.compile(r"^(?:0|\+40)(7[0-9]{2})([0-9]{3})([0-9]{3})$")

GENDERS = {
    Gender.MALE: {
        "m",
        "masc",
        "masculin",
        "baiat",
        "b",
        "male",
        "man",
        "boy",
        "barbat",
    },
    Gender.FEMALE: {"f", "fem", "feminin", "fata", "female", "woman", "girl", "femeie"},
    Gender.NON_BINARY: {"nb", "non binar", "nonbinar", "non binary", "nonbinary"},
    Gender.UNKNOWN: {"", "-", "nu declar", "nedeclarat", "not stated", "prefer not"},
}
_GENDER_BY_WORD = {word: gender for gender, words in GENDERS.items() for word in words}
_YES = {"da", "d", "yes", "y", "x", "1", "true", "adevarat"}
_NO = {"nu", "n", "no", "0", "false", "fals"}


class CellError(ValueError):
    """A cell that cannot be used; ``code`` keys a text in ``messages``."""

    def __init__(self, code, **params):
        super().__init__(code)
        self.code = code
        self.params = params


def cell_text(value):
    """Any cell as canonical text; integral numbers lose their ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date() if value.time() == datetime.time() else value
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    return canonical(str(value))


def parse_date(value):
    """A date from a date cell, an Excel serial or day-first or ISO text."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not value == int(value) or not SERIAL_RANGE[0] <= value <= SERIAL_RANGE[1]:
            raise CellError("date_format")
        return EXCEL_EPOCH + datetime.timedelta(days=int(value))
    text = canonical(str(value))
    if not text:
        return None
    if _NUMBER.match(text):
        # A date serial that reached a text file as a number ("39522,0").
        return parse_date(_serial(text))
    match = _ISO.match(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
    else:
        match = _DAY_FIRST.match(text)
        if not match:
            raise CellError("date_format")
        day, month, year_text = match.groups()
        if len(year_text) == 2:
            raise CellError("date_two_digit_year")
        day, month, year = int(day), int(month), int(year_text)
    try:
        return datetime.date(year, month, day)
    except ValueError as error:
        raise CellError("date_impossible") from error


def _serial(text):
    try:
        number = parse_number(text)
    except CellError as error:
        raise CellError("date_format") from error
    return int(number) if number == int(number) else float(number)


def parse_number(value):
    """A number from a cell, reading decimal commas as Romanian files write them.

    ``16,0`` and ``16.0`` are sixteen; ``1.234,5`` and ``1,234.5`` are the
    same figure. A lone comma or point followed by exactly three digits
    (``1,500``) could be either: it is refused rather than guessed.
    """
    if isinstance(value, bool):
        raise CellError("number_invalid")
    if isinstance(value, int | float):
        return Decimal(str(value))
    text = cell_text(value)
    if not _NUMBER.match(text):
        raise CellError("number_invalid")
    digits = re.sub(r"[ \u00a0\u202f]", "", text)
    marks = [ch for ch in digits if ch in ".,"]
    if not marks:
        return Decimal(digits)
    decimal_mark = marks[-1]
    integral, _, fraction = digits.rpartition(decimal_mark)
    if len(marks) == 1 and len(fraction) == 3:
        raise CellError("number_ambiguous")
    if len(set(marks)) == 1 and len(marks) > 1:
        # "1.234.567": every mark groups thousands, there is no fraction.
        integral, fraction = digits.replace(decimal_mark, ""), ""
    integral = integral.replace(".", "").replace(",", "")
    try:
        return Decimal(f"{integral}.{fraction}" if fraction else integral)
    except InvalidOperation as error:
        raise CellError("number_invalid") from error


def age_on(birth_date, day):
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - before_birthday


# The ages a participant can have on the day a date of birth is recorded for.
# PROGRAMME.md: the attendees are high-school pupils, most of them 14-18, and
# the founders are the same young people up to 19 months later; the funders'
# age bands end at 18-29. Ten leaves room for a gifted pupil who skipped
# years; past thirty nobody is one of the programme's young people. Outside
# these bounds the date is a typing mistake (1940 for 2004, 2031 for 2013).
YOUNGEST = 10
OLDEST = 30


def check_birth_date(birth_date, *, today, on=None):
    """Raise :class:`CellError` when ``birth_date`` cannot be a participant's.

    The one rule for every date of birth entering the records: not after
    ``today``, and when ``on`` (the day of the conference or application it is
    recorded for) is known, not after it either and giving an age from
    ``YOUNGEST`` to ``OLDEST`` on it.
    """
    if birth_date > today:
        raise CellError("birth_date_future")
    if on is None:
        return
    if birth_date > on:
        raise CellError("birth_date_after_conference")
    age = age_on(birth_date, on)
    if age < YOUNGEST:
        raise CellError("too_young", age=YOUNGEST)
    if age > OLDEST:
        raise CellError("too_old", age=OLDEST)


def parse_phone(value):
    """International form ``+40 7xx xxx xxx``; a number that lost its 0 gets it back."""
    if value is None or value == "":
        return ""
    text = cell_text(value)
    digits = _PHONE_PUNCTUATION.sub("", text)
    if not digits:
        return ""
    # Excel stores 0734062800 typed in a number cell as 734062800.
    if digits.isdigit() and len(digits) == 9 and digits[0] != "0":
        digits = "0" + digits
    elif digits.isdigit() and len(digits) == 11 and digits.startswith("40"):
        digits = "+" + digits
    mobile = _MOBILE.match(digits)
    if mobile is not None:
        return "+40 {} {} {}".format(*mobile.groups())
    try:
        number = phonenumbers.parse(digits, "RO")
    except phonenumbers.NumberParseException as error:
        raise CellError("phone_invalid") from error
    if not (phonenumbers.is_valid_number(number) or _well_formed_romanian(number)):
        raise CellError("phone_invalid")
    return phonenumbers.format_number(
        number, phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )


def _well_formed_romanian(number):
    """A 10-digit Romanian landline or mobile number, whatever its range.

    The library's numbering-plan data lags behind the ranges operators hand
    out (it rejects some 078x mobile numbers in use), so the shape decides.
    """
    return number.country_code == 40 and bool(
        _ROMANIAN_NATIONAL.match(str(number.national_number))
    )


def parse_email(value):
    text = cell_text(value).lower().removeprefix("mailto:")
    if not text:
        return ""
    try:
        validate_email(text)
    except ValidationError as error:
        raise CellError("email_invalid") from error
    return text


def parse_gender(value):
    key = " ".join(re.sub(r"[^a-z]+", " ", fold(cell_text(value))).split())
    if key in _GENDER_BY_WORD:
        return _GENDER_BY_WORD[key]
    raise CellError("gender_unknown")


def parse_consent(value):
    """DA/NU and their cousins to True/False; empty is None (not asked)."""
    if isinstance(value, bool):
        return value
    text = fold(cell_text(value))
    if not text:
        return None
    first_word = re.split(r"[^a-z0-9]+", text)[0]
    if first_word in _YES:
        return True
    if first_word in _NO:
        return False
    raise CellError("consent_unknown")


def parse_age(value, *, low, high):
    """A whole age in years; ``16,0`` (a decimal comma) is sixteen."""
    text = cell_text(value)
    if not text:
        return None
    text = re.sub(r"\s*ani$", "", text, flags=re.IGNORECASE)
    try:
        number = parse_number(text)
    except CellError as error:
        raise CellError("age_invalid", low=low, high=high) from error
    if number != int(number) or not low <= number <= high:
        raise CellError("age_invalid", low=low, high=high)
    return int(number)


def parse_short_text(value, *, limit):
    text = cell_text(value)
    if len(text) > limit:
        raise CellError("too_long", limit=limit)
    return text
