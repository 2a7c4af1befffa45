"""Text normalisation shared by imports, matching and search, and the
Romanian alphabetical order of names.

Romanian has two spellings of ş/ţ: the old cedilla letters (U+015F, U+0163)
that Windows code page 1250 still produces, and the correct comma-below letters
(U+0219, U+021B). Both, composed or decomposed, are stored as comma-below NFC,
and compared without diacritics and case.
"""

import functools
import re
import unicodedata

from django.db import connections
from django.db.backends.signals import connection_created
from django.db.models import F, Func, TextField
from django.db.models.functions import Collate
from django.utils import formats

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


# Romanian alphabetical order. ă, â, î, ș and ț are letters of their own, each
# right after its base letter; other accented Latin letters (é, ö, ç...) sort
# as their base letter, and case is ignored.
_ROMANIAN_ALPHABET = "aăâbcdefghiîjklmnopqrsștțuvwxyz"
_ROMANIAN_LETTERS = frozenset("ăâîșț")
# Letters sort after digits, spaces and punctuation, and Latin letters before
# those of other scripts; every other character keeps its code point.
_LETTERS_FROM = 0x110000
_WEIGHTS = {
    letter: _LETTERS_FROM + index for index, letter in enumerate(_ROMANIAN_ALPHABET)
}
_OTHER_LETTERS_FROM = _LETTERS_FROM + len(_ROMANIAN_ALPHABET)


def romanian_sort_key(text):
    """A key that sorts text in Romanian alphabetical order.

    Texts equal but for case or accents other than Romanian ones compare by
    their canonical form, so that the order never depends on the input order.
    """
    return _romanian_sort_key(canonical(text))


@functools.lru_cache(maxsize=_REMEMBERED)
def _romanian_sort_key(text):
    weights = []
    for char in text.casefold():
        letters = char if char in _ROMANIAN_LETTERS else _fold(char)
        for letter in letters:
            if letter in _WEIGHTS:
                weights.append(_WEIGHTS[letter])
            elif letter.isalpha():
                weights.append(_OTHER_LETTERS_FROM + ord(letter))
            else:
                weights.append(ord(letter))
    return tuple(weights), text


def person_sort_key(person):
    """Family name, then given name, in Romanian alphabetical order."""
    return (
        romanian_sort_key(person.family_name),
        romanian_sort_key(person.given_name),
    )


def by_name(items, person=None):
    """``items`` as a list in Romanian alphabetical order of their person.

    ``person`` names the attribute that holds the person (``"person"`` for
    cohort members and attendances); without it the items are people. Items
    of the same name keep the order of their primary keys.
    """

    def key(item):
        of = item if person is None else getattr(item, person)
        return (*person_sort_key(of), item.pk)

    return sorted(items, key=key)


def by_text(items, text=str):
    """``items`` as a list in Romanian alphabetical order of ``text(item)``
    (their text as shown by default); items of the same text keep the order of
    their primary keys."""
    return sorted(items, key=lambda item: (romanian_sort_key(text(item)), item.pk))


def by_full_name(items, account=None):
    """``items`` as a list in Romanian alphabetical order of their account's
    full name, then e-mail address.

    ``account`` names the attribute that holds the account (``"user"`` for
    mentors and jurors); without it the items are accounts.
    """

    def key(item):
        user = item if account is None else getattr(item, account)
        return (romanian_sort_key(user.full_name), user.email, item.pk)

    return sorted(items, key=key)


# Paginated lists are ordered by the database, in the order ``by_name`` gives
# in Python: with PostgreSQL's ICU collation for Romanian, and on SQLite, which
# has none, by a function each connection is given (``sqlite_sort_function``)
# whose text sorts in binary order as ``romanian_sort_key`` does.
ROMANIAN_COLLATION = "ro-RO-x-icu"
SQLITE_SORT_FUNCTION = "vsfa_romanian_order"
# Each weight of ``romanian_sort_key`` becomes two characters: its kind, then
# its value, so that comparing the texts compares the weights one by one. The
# canonical text follows a separator below every kind, as in the key.
_SEPARATOR, _OTHER, _ROMANIAN, _FOREIGN = "\x01", "\x02", "\x03", "\x04"


def romanian_sort_text(text):
    """``romanian_sort_key(text)`` as text whose binary (UTF-8) order is the
    key's order."""
    return _romanian_sort_text(canonical(text))


@functools.lru_cache(maxsize=_REMEMBERED)
def _romanian_sort_text(text):
    weights, text = _romanian_sort_key(text)
    units = []
    for weight in weights:
        if weight >= _OTHER_LETTERS_FROM:
            units.append(_FOREIGN + chr(weight - _OTHER_LETTERS_FROM))
        elif weight >= _LETTERS_FROM:
            units.append(_ROMANIAN + chr(0x21 + weight - _LETTERS_FROM))
        else:
            units.append(_OTHER + chr(weight))
    return "".join(units) + _SEPARATOR + text


def _give_sort_function(sender, connection, **kwargs):
    if connection.vendor == "sqlite" and connection.connection is not None:
        connection.connection.create_function(
            SQLITE_SORT_FUNCTION, 1, romanian_sort_text, deterministic=True
        )


def install_sort_function():
    """Gives every SQLite connection, open or to come, the function that
    ``collated`` orders by."""
    connection_created.connect(_give_sort_function, dispatch_uid="vsfa.text.sort")
    for connection in connections.all(initialized_only=True):
        _give_sort_function(None, connection)


def collated(queryset, *fields):
    """Terms ordering ``queryset`` by the text ``fields`` in Romanian
    alphabetical order."""
    vendor = connections[queryset.db].vendor
    if vendor == "postgresql":
        return [Collate(field, ROMANIAN_COLLATION).asc() for field in fields]
    if vendor == "sqlite":
        return [
            Func(F(field), function=SQLITE_SORT_FUNCTION, output_field=TextField())
            for field in fields
        ]
    return list(fields)


def name_order(queryset, prefix=""):
    """The terms ordering ``queryset`` by family then given name.

    ``prefix`` leads to the names (``"person__"`` for cohort members).
    """
    return collated(queryset, f"{prefix}family_name", f"{prefix}given_name")


def person_order(queryset, prefix="", first=()):
    """``queryset`` ordered by ``first``, then by name, then by primary key."""
    return queryset.order_by(*first, *name_order(queryset, prefix), "pk")


def grouped(number):
    """``number`` as the active language writes a count: "1.500" in Romanian,
    "1,500" in English.

    Django groups digits only where asked: grouping every number in every
    template would write years as 2.026 and break record numbers in links and
    form values, so counts are grouped where they are shown.
    """
    return formats.number_format(number, force_grouping=True)
