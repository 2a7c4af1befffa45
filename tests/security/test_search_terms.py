"""Search terms never reach an address: every list that searches people.

Each list's search form posts; the answer is a redirect to the list's plain
address, and the list found from there shows the matches with no part of the
term in any link, form address or title of the page.
"""

import html
import re
from dataclasses import dataclass
from urllib.parse import quote, quote_plus

import pytest
from django.urls import reverse

from tests import factories
from tests.security.matrix import client_as
from vsfa import privacy
from vsfa.models import Person

pytestmark = pytest.mark.django_db

# Attributes that hold an address the browser may visit or send.
ADDRESS = re.compile(
    r"""\b(?:href|src|action|formaction)\s*=\s*["']([^"']*)["']""", re.IGNORECASE
)
NEXT = re.compile(r"""<input[^>]*name=["']next["'][^>]*value=["']([^"']*)["']""")
TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL | re.IGNORECASE)


@dataclass(frozen=True)
class Search:
    """A list: where it is, what to type, what it then shows and hides."""

    key: str
    term: str
    shown: str
    hidden: str = ""
    record: str = ""


def _readings(world, personas):
    reader = factories.make_user("organiser", full_name="Cititor Autorizat")
    reader.can_view_sensitive = True
    reader.save()
    other = Person.objects.get(user=personas["other_participant"])
    for person in (world["person"], other):
        privacy.read_sensitive(user=reader, person=person, purpose="page")


SEARCHES = [
    Search("cohorts:person_list", "Niță", "Ștefan Niță", "Maria Ene"),
    Search("cohorts:conference_detail", "nita", "Ștefan Niță", record="conference"),
    Search("cohorts:import_list", "gresit", "gresit.csv", "lista.csv"),
    Search("cohorts:school_list", "Colegiul", "Colegiul Tehnic"),
    Search("cohorts:selection", "stefan nita", "Ștefan Niță"),
    Search("cohorts:member_list", "Niță", "Ștefan Niță", "Maria Ene"),
    Search("cohorts:application_list", "aplicanta", "Ilinca Aplicantă"),
    Search("user_list", "Ioana Jurata", "Ioana Jurata", "Mihai Mentor"),
    Search("privacy:person_list", "nita", "Ștefan Niță", "Maria Ene"),
    Search("privacy:sensitive_log", "Niță", "Ștefan Niță", "Maria Ene"),
    Search("mentorship:mentor_list", "Mihai", "Mihai Mentor"),
    Search("mentorship:startup_list", "SRL", "SRL"),
]


def _url(search, world):
    args = [world[search.record].pk] if search.record else []
    return reverse(search.key, args=args)


def _forms_of(term):
    """The ways a term, or any word of it, could be written in an address."""
    words = {term, *term.split()}
    return {
        form.lower() for word in words for form in (word, quote(word), quote_plus(word))
    }


def _addresses(page):
    return ADDRESS.findall(page) + NEXT.findall(page)


@pytest.mark.parametrize("search", SEARCHES, ids=lambda search: search.key)
def test_search_posts_and_keeps_the_term_out_of_every_address(world, personas, search):
    if search.key == "privacy:sensitive_log":
        _readings(world, personas)
    client = client_as(personas["organiser"])
    url = _url(search, world)

    answer = client.post(url, {"q": search.term})
    page = html.unescape(client.get(url).content.decode())

    assert (answer.status_code, answer["Location"]) == (302, url)
    assert search.shown in page
    if search.hidden:
        assert search.hidden not in page
    forms = _forms_of(search.term)
    leaks = [a for a in _addresses(page) if any(f in a.lower() for f in forms)]
    assert leaks == []
    title = TITLE.search(page).group(1).lower()
    assert [form for form in forms if form in title] == []
