"""Texts of the import's errors, warnings and reasons.

Outcomes are stored as a code and its parameters, not as text, so that a
stored preview reads in the language of whoever opens it later.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from cohorts.importing.normalise import CellError, check_birth_date
from vsfa.text import grouped

TEXTS = {
    # File-level refusals.
    "file_too_large": _(
        "The file is larger than %(limit)s MB. Split it or remove what is not "
        "the attendance list."
    ),
    "file_empty": _("The file is empty."),
    "file_unreadable": _(
        "This file could not be read. Upload the list as an Excel workbook "
        "(.xlsx or .xls) or as a CSV or text file."
    ),
    "file_too_many_rows": ngettext_lazy(
        "The list has more than %(limit)s row; split it into several files.",
        "The list has more than %(limit)s rows; split it into several files.",
        "count",
    ),
    "no_sheet": _("The workbook has no sheet named %(sheet)s."),
    "no_header": _(
        "No column with the pupils' names was found. Headers found: %(headers)s. "
        "Name the columns Nume and Prenume, or Nume și prenume, and upload the "
        "file again."
    ),
    "no_rows": _("The list has a header but no pupils below it."),
    "processing_failed": _(
        "Something went wrong while reading this file; nothing from it was "
        "saved. Upload it again, and tell the site's administrators if it "
        "happens again."
    ),
    "cancelled_erased": _(
        "Cancelled: the list held data erased on request, so it was deleted "
        "and nothing from it was saved. Upload it again if it is still needed."
    ),
    # Row errors.
    "name_missing": _("The name is missing."),
    "name_incomplete": _("Both the family name and the given name are needed."),
    "too_long": ngettext_lazy(
        "Longer than %(limit)s character.", "Longer than %(limit)s characters.", "count"
    ),
    "date_impossible": _("There is no such date."),
    "date_format": _(
        "Not a date in a known format; write it day first, as 15.03.2008."
    ),
    "date_two_digit_year": _("The year must have four digits, as 15.03.2008."),
    "too_young": ngettext_lazy(
        "Younger than %(age)s year at the conference.",
        "Younger than %(age)s years at the conference.",
        "count",
    ),
    "too_old": ngettext_lazy(
        "Older than %(age)s year at the conference.",
        "Older than %(age)s years at the conference.",
        "count",
    ),
    "birth_date_future": _("The date of birth is in the future."),
    "birth_date_after_conference": _(
        "The date of birth is after the date of the conference."
    ),
    # The same refusals on the public application form, checked on the day
    # it is sent.
    "too_young_applicant": ngettext_lazy(
        "Check the date of birth: it gives an age under %(age)s year.",
        "Check the date of birth: it gives an age under %(age)s years.",
        "count",
    ),
    "too_old_applicant": ngettext_lazy(
        "Check the date of birth: it gives an age over %(age)s year.",
        "Check the date of birth: it gives an age over %(age)s years.",
        "count",
    ),
    "age_invalid": _("The age must be a whole number between %(low)s and %(high)s."),
    "number_invalid": _("Not a number."),
    "number_ambiguous": _(
        "This number can be read two ways; write it without a thousands "
        "separator, as 1500 or 1,5."
    ),
    "phone_invalid": _("Not a valid phone number."),
    "email_invalid": _("Not a valid e-mail address."),
    "gender_unknown": _("Unknown gender; write M or F."),
    "consent_unknown": _("Write DA or NU, or leave the cell empty."),
    # Warnings.
    "cnp_dropped": _(
        "Column %(header)s holds personal numeric codes (CNP): it was dropped "
        "and is not stored anywhere."
    ),
    "column_ignored": _("Column %(header)s was not recognised and is ignored."),
    "column_repeated": _(
        "Column %(header)s repeats an earlier column of the same kind and is ignored."
    ),
    "school_unknown": _(
        "School %(name)s is not in the list of schools (rows %(rows)s): those "
        "attendances are recorded without a school."
    ),
    "same_file": _(
        "This same file was already imported for this conference on %(date)s; "
        "rows already recorded are not added again."
    ),
    "names_look_swapped": _(
        "The given names seem to be in the family name column. Check the "
        "names below and swap the columns if needed."
    ),
    "sheet_without_header": _(
        "Sheet %(sheet)s has no recognisable header; the first sheet with one was read."
    ),
    "sanitised_copy": _(
        "Because of the personal numeric codes, a copy of the file without that "
        "column is kept instead of the original."
    ),
    # Why a row became what it is.
    "same_email": _("same e-mail address"),
    "same_name_birth_date": _("same name and date of birth"),
    "same_name_birth_date_on_list": _(
        "same name and date of birth, already on this list"
    ),
    "same_name_class_on_list": _("same name and class, already on this list"),
    "proposal_name_birth_date": _("same name and date of birth"),
    "proposal_school_class": _(
        "same name, school and class; the date of birth is missing on one side"
    ),
    "proposal_email_other_name": _("same e-mail address, but a different name"),
}


# The parameter whose number picks the plural form of these texts.
COUNTED = {
    "file_too_many_rows": "limit",
    "too_long": "limit",
    "too_young": "age",
    "too_old": "age",
    "too_young_applicant": "age",
    "too_old_applicant": "age",
}


def text(code, params=None):
    """The message for ``code`` in the active language."""
    template = TEXTS.get(code)
    if template is None:
        return code
    if not params:
        return str(template)
    if code in COUNTED:
        # Stored parameters may hold the number already formatted ("10,000").
        key = COUNTED[code]
        count = int("".join(c for c in str(params[key]) if c.isdigit()) or 0)
        params = {
            **params,
            key: grouped(count),
            "count": count,
        }
    return str(template % params)


# Counts of what an import did, each with its noun in the right plural form.
PHRASES = {
    "people": ngettext_lazy("%(shown)s person", "%(shown)s people", "count"),
    "attendances": ngettext_lazy(
        "%(shown)s attendance", "%(shown)s attendances", "count"
    ),
    "people_created": ngettext_lazy(
        "%(shown)s person created", "%(shown)s people created", "count"
    ),
    "attendances_recorded": ngettext_lazy(
        "%(shown)s attendance recorded", "%(shown)s attendances recorded", "count"
    ),
    "present_marked": ngettext_lazy(
        "%(shown)s registered person marked present",
        "%(shown)s registered people marked present",
        "count",
    ),
    "attendances_removed": ngettext_lazy(
        "%(shown)s attendance removed", "%(shown)s attendances removed", "count"
    ),
    "people_removed": ngettext_lazy(
        "%(shown)s person removed", "%(shown)s people removed", "count"
    ),
    "people_kept": ngettext_lazy(
        "%(shown)s person kept because other records point at them",
        "%(shown)s people kept because other records point at them",
        "count",
    ),
}


def phrase(key, number):
    """``number`` with the noun of ``key``, as "20 de persoane", in the active
    language, the number grouped in thousands; a missing number counts as 0."""
    number = number or 0
    return str(PHRASES[key] % {"count": number, "shown": grouped(number)})


def birth_date_text(error, *, applicant=False):
    """The message of a date of birth refused by ``normalise.check_birth_date``.

    ``applicant`` words the age bounds for the public application form, where
    the day checked is the day it is sent rather than a conference.
    """
    code = error.code
    if applicant and code in ("too_young", "too_old"):
        code = f"{code}_applicant"
    return text(code, error.params)


def validate_birth_date(birth_date, *, today, on, applicant=False):
    """``normalise.check_birth_date`` for a form: its refusal as the form
    field's error, in the words of ``birth_date_text``."""
    try:
        check_birth_date(birth_date, today=today, on=on)
    except CellError as error:
        raise ValidationError(birth_date_text(error, applicant=applicant)) from error
