"""Family names whose Romanian alphabetical order is not their binary order.

"Ştefan" is written with the old cedilla letter; people are stored with the
comma-below one, so their names read "Ștefan".
"""

from tests import factories

FAMILY_NAMES = [
    "Zărnescu",
    "Șerbănescu",
    "Bălan",
    "Bratu",
    "Dănilă",
    "Dobrescu",
    "Ştefan",
    "Stan",
    "Îonescu",
    "Ionescu",
    "Ănghel",
    "Rotaru",
    "Răducanu",
]
ROMANIAN_ORDER = [
    "Ănghel",
    "Bălan",
    "Bratu",
    "Dănilă",
    "Dobrescu",
    "Ionescu",
    "Îonescu",
    "Răducanu",
    "Rotaru",
    "Stan",
    "Șerbănescu",
    "Ştefan",
    "Zărnescu",
]


def stored(name):
    return name.replace("Ş", "Ș")


def full_names(given="Ana"):
    """The people ``make_members`` makes, as pages show them, in Romanian order."""
    return [f"{given} {stored(family)}" for family in ROMANIAN_ORDER]


def make_members(edition, given="Ana", **fields):
    """Selected members of ``edition``, one for each family name, not in order."""
    return [
        factories.make_member(edition, factories.make_person(given, family, **fields))
        for family in FAMILY_NAMES
    ]
