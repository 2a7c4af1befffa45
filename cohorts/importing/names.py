"""Splitting names and deciding, per file, whether the family name comes first.

Romanian school lists put the family name first ("POPESCU Ana Maria"); forms
usually give the given name first ("Ana Maria Popescu"). Each row whose first
or last word is a common given name votes; the file follows the majority, and
the organiser can flip the decision on the preview.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cohorts.importing.given_names import GIVEN_NAMES
from vsfa.text import canonical, fold, name_case


class NameOrder(models.TextChoices):
    FAMILY_FIRST = "family_first", _("Family name first (Popescu Ana)")
    GIVEN_FIRST = "given_first", _("Given name first (Ana Popescu)")
    COLUMNS = "columns", _("As the column headers say")
    COLUMNS_SWAPPED = "columns_swapped", _("Family and given name columns swapped")


def is_given_name(word):
    """True when the word, or a part of a hyphenated one, is a known given name."""
    return any(part in GIVEN_NAMES for part in fold(word).split("-") if part)


def _is_capitals(word):
    return len(word) > 1 and word == word.upper() and word != word.lower()


def vote(full_name):
    """The order this one name suggests, or None when it says nothing."""
    words = canonical(full_name).split(" ")
    if len(words) < 2:
        return None
    first, last = is_given_name(words[0]), is_given_name(words[-1])
    if last and not first:
        return NameOrder.FAMILY_FIRST
    if first and not last:
        return NameOrder.GIVEN_FIRST
    return None


def decide(full_names):
    """``(order, votes)`` for a one-column file; ties go to family name first."""
    votes = {NameOrder.FAMILY_FIRST: 0, NameOrder.GIVEN_FIRST: 0}
    for full_name in full_names:
        choice = vote(full_name)
        if choice is not None:
            votes[choice] += 1
    if votes[NameOrder.GIVEN_FIRST] > votes[NameOrder.FAMILY_FIRST]:
        order = NameOrder.GIVEN_FIRST
    else:
        order = NameOrder.FAMILY_FIRST
    return order, {str(key): value for key, value in votes.items()}


def columns_look_swapped(pairs):
    """True when the "given name" column mostly holds family names."""
    swapped = sum(
        1
        for family, given in pairs
        if is_given_name(family) and not is_given_name(given)
    )
    straight = sum(
        1
        for family, given in pairs
        if is_given_name(given) and not is_given_name(family)
    )
    return swapped > straight


def split_full_name(full_name, order):
    """``(given, family)`` from one cell.

    Words in capitals among words that are not mark the family name whatever
    the file's order ("Ana Maria POPESCU"). Otherwise the family name is the
    first word (family first) or the last one (given first); hyphenated names
    are one word.
    """
    words = canonical(full_name).split(" ")
    if len(words) < 2:
        return "", ""
    capitals = [_is_capitals(word) for word in words]
    if any(capitals) and not all(capitals):
        family = [word for word, caps in zip(words, capitals, strict=True) if caps]
        given = [word for word, caps in zip(words, capitals, strict=True) if not caps]
    elif order == NameOrder.GIVEN_FIRST:
        given, family = words[:-1], words[-1:]
    else:
        family, given = words[:1], words[1:]
    return clean(" ".join(given)), clean(" ".join(family))


def clean(name):
    """Canonical letters, and name case for names typed in capitals."""
    return name_case(canonical(name))
