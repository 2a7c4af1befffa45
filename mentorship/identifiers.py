"""Romanian company identifiers, checked with python-stdnum.

Each function returns the value to store or raises ``ValidationError`` with a
message an organiser can act on.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as NumberError
from stdnum.ro import cui as stdnum_cui
from stdnum.ro import onrc as stdnum_onrc

_CAEN = re.compile(r"^\d{4}$")


def normalise_cui(value):
    """``"RO 185 472 90"`` -> ``"18547290"``: digits only, check digit verified."""
    try:
        return stdnum_cui.validate(value or "")
    except InvalidChecksum:
        raise ValidationError(
            _("The check digit of this fiscal code (CUI) is wrong: check the number."),
            code="cui_checksum",
        ) from None
    except NumberError:
        raise ValidationError(
            _(
                "A fiscal code (CUI) has 2 to 10 digits, optionally after RO, "
                "and does not start with 0."
            ),
            code="cui_format",
        ) from None


def normalise_trade_register(value, *, check_digit_confirmed=False):
    """Return ``(number, euid)`` for a Trade Register number in either form.

    The old form is ``J40/1234/2020`` (type, county, serial, year); the form
    used since July 2024 has 14 characters, e.g. ``J2025000123009``. The EUID
    is the number after the ``ROONRC.`` prefix.

    The check digit of the 2024 form follows a rule that is not officially
    published, so a number that fails only that check is a warning: it raises
    ``onrc_checksum`` unless ``check_digit_confirmed`` (someone has checked
    the number against the registration certificate), and is then kept as
    typed. A number of the wrong shape is always refused.
    """
    try:
        number = stdnum_onrc.validate(value or "")
    except InvalidChecksum:
        if not check_digit_confirmed:
            raise ValidationError(
                _(
                    "The last digit of this Trade Register number does not match "
                    "the usual check digit. That rule is not officially published, "
                    "so the number may still be right: compare it with the "
                    "registration certificate."
                ),
                code="onrc_checksum",
            ) from None
        number = stdnum_onrc.compact(value)
    except NumberError:
        raise ValidationError(
            _(
                "Enter a Trade Register number like J40/1234/2020, or in the "
                "form used since 2024, like J2025000123009."
            ),
            code="onrc_format",
        ) from None
    return number, f"ROONRC.{number}"


def validate_caen(value):
    if not _CAEN.match(value or ""):
        raise ValidationError(
            _("A CAEN code has exactly 4 digits."), code="caen_format"
        )
    return value
