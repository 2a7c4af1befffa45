"""Text normalisation shared by imports, matching and search.

Romanian has two spellings of ş/ţ: the old cedilla letters (U+015F, U+0163)
that Windows code page 1250 still produces, and the correct comma-below letters
(U+0219, U+021B). Both, composed or decomposed, are stored as comma-below NFC,
and compared without diacritics and case.
"""

import functools
import re
import unicodedata

_CEDILLA_TO_COMMA = str.maketrans(
    {"ş": "ș", "Ş": "Ș", "ţ": "ț", "Ţ": "Ț"},
)
_SPACES = re.compile(r"\s+")


# An import of thousands of rows folds the same few hundred names again and
# again (each row is compared several ways): both are pure, so remembered.
_REMEMBERED = 1 << 16


def canonical(text):
    """NFC text with comma-below ș/ț and single spaces, trimmed."""
    if text is None:
        return ""
    return _canonical(str(text))


@functools.lru_cache(maxsize=_REMEMBERED)
def _canonical(text):
    text = unicodedata.normalize("NFC", text).translate(_CEDILLA_TO_COMMA)
    return _SPACES.sub(" ", text).strip()


def fold(text):
    """Lower-case ASCII form used to compare and search names."""
    return _fold(canonical(text))


@functools.lru_cache(maxsize=_REMEMBERED)
def _fold(text):
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold()


def name_case(text):
    """Title-case a name typed in capitals, keeping hyphens and apostrophes.

    ``LĂZĂRESCU-ENE`` becomes ``Lăzărescu-Ene``; a name already in mixed case
    is left as typed (``McArthur``, ``de la Cruz``).
    """
    text = canonical(text)
    if not text or (text != text.upper() and text != text.lower()):
        return text
    return re.sub(
        r"[^\W\d_]+",
        lambda match: match.group(0)[0].upper() + match.group(0)[1:].lower(),
        text,
    )
