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


def normalise_trade_register(value):
    """Return ``(number, euid)`` for a Trade Register number in either form.

    The old form is ``J40/1234/2020`` (type, county, serial, year); the form
    used since July 2024 has 14 characters, e.g. ``J2025000123009``. The EUID
    is the number after the ``ROONRC.`` prefix.
    """
    try:
        number = stdnum_onrc.validate(value or "")
    except InvalidChecksum:
        raise ValidationError(
            _("The check digit of this Trade Register number is wrong."),
            code="onrc_checksum",
        ) from None
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
