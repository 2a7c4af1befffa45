"""Every URL pattern of the project, tried with every persona.

The URLconf is walked, not listed by hand: a pattern added without an entry
in ``tests/security/access.py`` fails here, and one that answers someone it
should not fails the matrix.
"""

import pytest
from django.test import Client

from tests.security import access, builders
from tests.security.matrix import (
    ADMIN,
    BY_KEY,
    DECLARED,
    ROUTES,
    agrees,
    client_as,
    outcome_of,
    url_for,
)
from vsfa.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_every_url_pattern_is_declared():
    undeclared = sorted(
        route.key
        for route in ROUTES
        if not route.route.startswith("admin/") and route.key not in DECLARED
    )

    assert undeclared == [], (
        "Declare who may open these URL patterns in tests/security/access.py: "
        + ", ".join(undeclared)
    )


def test_every_declaration_names_each_persona():
    incomplete = sorted(
        key
        for key, declared in DECLARED.items()
        if set(declared.outcomes) != set(access.PERSONAS)
    )

    assert incomplete == []


@pytest.mark.parametrize("key", [key for key in DECLARED if key in BY_KEY])
def test_each_persona_gets_what_is_declared(key, world, personas):
    """GET as every persona; those refused may not POST either."""
    url = url_for(key, world)
    wrong = []

    for persona, expected in DECLARED[key].outcomes.items():
        client = client_as(personas[persona])
        audited = AuditEvent.objects.count()
        got = client.get(url)
        if not agrees(expected, got):
            wrong.append(f"GET as {persona}: {outcome_of(got)}, declared {expected}")
        if expected in (access.NOT_FOUND, access.SIGN_IN):
            posted = client.post(url, {"name": "Intrus", "email": "x@example.org"})
            if outcome_of(posted) != expected:
                wrong.append(f"POST as {persona}: {outcome_of(posted)}")
            # A refusal leaves no trace; an export that is allowed is audited.
            if AuditEvent.objects.count() != audited:
                wrong.append(f"refused {persona} changed the audit trail")

    assert wrong == [], f"{url}: " + "; ".join(wrong)


POST_ONLY = [
    key
    for key, declared in DECLARED.items()
    if key in BY_KEY and access.POST_ONLY in declared.outcomes.values()
]


@pytest.mark.parametrize("key", POST_ONLY)
def test_post_only_page_refuses_get_and_changes_nothing(key, world, personas):
    """An action changes things on POST only: a GET is a 405 for everyone."""
    url = url_for(key, world)
    audited = AuditEvent.objects.count()

    outcomes = {
        persona: outcome_of(client_as(personas[persona]).get(url))
        for persona, expected in DECLARED[key].outcomes.items()
        if expected == access.POST_ONLY
    }

    assert set(outcomes.values()) == {access.POST_ONLY}
    assert AuditEvent.objects.count() == audited


@pytest.mark.parametrize("route", ADMIN, ids=[route.key for route in ADMIN])
def test_admin_sends_everyone_but_staff_to_its_sign_in(route, personas):
    url = builders.url_of(route.route, {})

    outcomes = {
        persona: outcome_of(client_as(user).get(url))
        for persona, user in personas.items()
    }

    assert outcomes == dict.fromkeys(personas, access.ADMIN_SIGN_IN)


ANONYMOUS_ALLOWED = {
    key
    for key, declared in DECLARED.items()
    if declared.outcomes["anonymous"] not in (access.SIGN_IN,)
} | access.ADMIN_PUBLIC


@pytest.mark.parametrize("route", ROUTES, ids=[route.key for route in ROUTES])
def test_no_pattern_answers_anonymous_unless_allowed(route):
    """Converters filled with a pk that exists nowhere; sign-in comes first."""
    url = builders.url_of(route.route, {})

    response = Client().get(url)

    if route.key in ANONYMOUS_ALLOWED:
        assert response.status_code < 500
    else:
        assert outcome_of(response) in (access.SIGN_IN, access.ADMIN_SIGN_IN), (
            f"{url} answers an anonymous visitor with {response.status_code}"
        )


@pytest.mark.parametrize("route", ROUTES, ids=[route.key for route in ROUTES])
def test_csrf_token_is_required_on_every_pattern(route, organiser):
    client = Client(enforce_csrf_checks=True)
    client.force_login(organiser)

    response = client.post(builders.url_of(route.route, {}), {"x": "1"})

    assert response.status_code == 403
