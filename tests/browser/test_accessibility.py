"""Every page, as every persona sees it, checked by axe-core: WCAG 2.1 A and AA.

The pages are those of ``tests/security/access.py`` that a persona may open,
with the records of the security tests' world in their paths, plus the sign-in
page and the "not found" page. A failure lists each node in violation: the
address, the persona, axe's rule and the CSS path of the element.
"""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.browser.pages import axe_violations, context_as, keys_shown_to, open_document
from tests.security import access
from tests.security.conftest import personas, world  # noqa: F401 -- shared fixtures
from tests.security.matrix import DECLARED, url_for

pytestmark = [
    pytest.mark.browser,
    pytest.mark.a11y,
    pytest.mark.django_db(transaction=True),
]

# The organiser sees most pages: in parts, so that two test processes share
# them, each part with a world and a browser context of its own.
PART_SIZE = 30
PARTS = [
    pytest.param(persona, keys[start : start + PART_SIZE], id=f"{persona}-{start}")
    for persona in access.PERSONAS
    for keys in [keys_shown_to(persona)]
    for start in range(0, len(keys), PART_SIZE)
]


def _violations(page, url, persona):
    return [
        f"{url} as {persona}: {rule} ({impact}) at {target}"
        for rule, impact, target in axe_violations(page)
    ]


@pytest.mark.parametrize(("persona", "keys"), PARTS)
def test_every_page_of_each_persona_passes_axe(
    persona,
    keys,
    world,  # noqa: F811 -- the fixture imported above
    personas,  # noqa: F811
    browser,
    live_server,
):
    context = context_as(browser, live_server, personas[persona])
    page = context.new_page()
    checked = set()
    found = []

    for key in keys:
        url = url_for(key, world)
        response = open_document(page, url)
        if response is None or page.url in checked:
            continue
        checked.add(page.url)
        if DECLARED[key].outcomes[persona] == access.OK and response.status != 200:
            found.append(f"{url} as {persona}: answered {response.status}")
            continue
        found += _violations(page, url, persona)
    context.close()

    assert checked
    assert found == [], "\n".join(found)


def test_not_found_page_passes_axe(browser, live_server):
    context = context_as(browser, live_server, None)
    page = context.new_page()

    response = page.goto("/nu-exista/")
    found = _violations(page, "/nu-exista/", "anonymous")
    context.close()

    assert response.status == 404
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("language", ["ro", "en"])
def test_page_says_its_language_so_screen_readers_pronounce_it(
    language, browser, live_server
):
    context = context_as(browser, live_server, None)
    context.add_cookies(
        [
            {
                "name": settings.LANGUAGE_COOKIE_NAME,
                "value": language,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()

    page.goto(reverse("account_login"))
    declared = page.get_attribute("html", "lang")
    found = _violations(page, reverse("account_login"), f"anonymous ({language})")
    context.close()

    assert declared == language
    assert found == [], "\n".join(found)
