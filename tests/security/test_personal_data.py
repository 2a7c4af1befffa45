"""No personal data in addresses or page titles.

Addresses and titles end up where personal data must not: browser history on
a shared school or city hall computer, bookmarks, server and proxy logs, the
Referer header. Paths carry record ids only; titles name no person.
"""

import html
import re

import pytest

from mentorship.choices import LegalForm
from tests.security import access
from tests.security.builders import path_keywords
from tests.security.matrix import BY_KEY, ROUTES, client_as, url_for
from vsfa.models import Person, User

pytestmark = pytest.mark.django_db

# Path keywords that are not ids, and why they are not personal.
NOT_IDS = {
    "file_format": "csv or xlsx",
    "fmt": "csv, xlsx or pdf",
    "what": "which export of a final",
    "tied": "the finalists of a tie, by id",
}
# Outside the project's own pages: the admin, allauth's one-time keys (the
# address of a password reset is meant to be secret and single-use), and the
# uploads served in development.
OUTSIDE = ("admin/", "accounts/", "^media/")

TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL | re.IGNORECASE)
# Pages a persona may open, as declared: only they render a title of a record.
SHOWN = (access.OK, access.ANSWERS)


@pytest.mark.parametrize(
    "route",
    [route for route in ROUTES if not route.route.startswith(OUTSIDE)],
    ids=lambda route: route.key,
)
def test_paths_carry_ids_only(route):
    not_ids = {
        name: converter
        for name, converter in path_keywords(route.route).items()
        if converter != "int" and name not in NOT_IDS
    }

    assert not_ids == {}


def _personal_strings():
    """Every name and e-mail of the test world's people and accounts."""
    strings = set()
    for user in User.objects.all():
        strings |= {user.email, user.full_name}
    for person in Person.objects.all():
        strings |= {person.given_name, person.family_name, person.full_name}
        strings |= {person.email}
    return {text for text in strings if text}


def _named_in(title, personal):
    # Whole words only: a short given name may be part of an ordinary word.
    return sorted(
        text
        for text in personal
        if re.search(rf"(?<!\w){re.escape(text)}(?!\w)", title, re.IGNORECASE)
    )


def _trading_under_own_name(startup):
    """A PFA trades under its founder's name, as in the demo edition."""
    founder = startup.founders.get()
    startup.legal_form = LegalForm.PFA
    startup.name = f"{founder.family_name} {founder.given_name} PFA"
    startup.save(update_fields=["legal_form", "name"])


@pytest.mark.parametrize("persona", access.PERSONAS)
def test_titles_name_no_one(world, personas, persona):
    _trading_under_own_name(world["startup"])
    personal = _personal_strings()
    client = client_as(personas[persona])
    shown = [
        key
        for key, declared in access.ACCESS.items()
        if key in BY_KEY and declared.outcomes.get(persona) in SHOWN
    ]
    leaks = {}

    for key in shown:
        response = client.get(url_for(key, world))
        if "text/html" not in response.get("Content-Type", ""):
            continue
        match = TITLE.search(response.content.decode())
        title = html.unescape(match.group(1)) if match else ""
        found = _named_in(title, personal)
        if found:
            leaks[key] = found

    assert leaks == {}
