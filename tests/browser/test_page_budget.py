"""The key pages stay light: under 250 KB on a first visit, under 50 KB once
cached, and nothing asked of any host but the application's own.

The test server normally hands out static files through Django's finders,
uncompressed and without caching headers. Here they are served as in
production: ``collectstatic`` with the production storage (hashed names,
gzip copies) into a folder of the session, and WhiteNoise serving it, with
far-future caching of the hashed names.
"""

from functools import partial
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from pytest_django.live_server_helper import LiveServer

from tests import factories
from tests.browser.pages import KEY_PAGES, context_as
from tests.security.conftest import personas, world  # noqa: F401 -- shared fixtures
from tests.security.matrix import url_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST_VISIT_BYTES = 250 * 1024
CACHED_BYTES = 50 * 1024
# The storage vsfa/settings.py picks when DEBUG is off.
PRODUCTION_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.fixture(scope="session")
def production_static(tmp_path_factory):
    """Static files collected as ``collectstatic`` does in production."""
    root = tmp_path_factory.mktemp("staticfiles")
    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": PRODUCTION_STORAGE}}
    with override_settings(STATIC_ROOT=root, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
    return {"STATIC_ROOT": root, "STORAGES": storages}


def _static_left_to_whitenoise(application):
    # The test server's own static handler would answer first, from the
    # finders; without it, requests for static files reach WhiteNoise.
    return application


@pytest.fixture
def production_server(production_static, transactional_db):
    with override_settings(**production_static):
        server = LiveServer("localhost", start=False)
        server.thread.static_handler = _static_left_to_whitenoise
        server.start()
        yield server
        server.stop()


def _transfer(page, navigate):
    """Bytes received over the network (headers and bodies) while navigating,
    and the address of every request made."""
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    addresses = {}
    received = {}
    session.on(
        "Network.requestWillBeSent",
        lambda event: addresses.setdefault(event["requestId"], event["request"]["url"]),
    )
    session.on(
        "Network.loadingFinished",
        lambda event: received.__setitem__(
            event["requestId"], event["encodedDataLength"]
        ),
    )
    navigate()
    page.wait_for_load_state("networkidle")
    session.detach()
    return sum(received.values()), list(addresses.values())


def _foreign(addresses, server):
    own = urlsplit(server.url).netloc
    return [
        address
        for address in addresses
        if urlsplit(address).scheme in ("http", "https", "ws", "wss")
        and urlsplit(address).netloc != own
    ]


def test_key_pages_within_budget_and_from_this_site_only(
    browser,
    production_server,
    world,  # noqa: F811 -- the fixture imported above
    personas,  # noqa: F811
):
    over = []
    foreign = []

    for persona, key in KEY_PAGES:
        url = url_for(key, world)
        # A new context has an empty cache: a first visit.
        context = context_as(browser, production_server, personas[persona])
        page = context.new_page()
        first, first_addresses = _transfer(page, partial(page.goto, url))
        cached, cached_addresses = _transfer(page, page.reload)
        context.close()
        if first >= FIRST_VISIT_BYTES or cached >= CACHED_BYTES:
            over.append(f"{url} as {persona}: {first} bytes, then {cached} cached")
        foreign += _foreign(first_addresses + cached_addresses, production_server)

    assert over == [], "\n".join(over)
    assert foreign == []


def test_a_full_cohorts_completion_grid_within_budget(
    browser,
    production_server,
    world,  # noqa: F811 -- the fixture imported above
    personas,  # noqa: F811
):
    edition = world["member"].edition
    numbers = set(edition.modules.values_list("number", flat=True))
    for number in sorted(set(range(1, 14)) - numbers):
        factories.make_module(edition, number=number)
    for _ in range(75 - edition.members.count()):
        factories.make_member(edition)
    context = context_as(browser, production_server, personas["organiser"])
    page = context.new_page()

    first, _ = _transfer(
        page, partial(page.goto, url_for("cohorts:completion_grid", world))
    )
    cached, _ = _transfer(page, page.reload)
    rows = page.locator("tbody tr").count()
    context.close()

    assert rows >= 75
    assert (first < FIRST_VISIT_BYTES, cached < CACHED_BYTES) == (True, True), (
        first,
        cached,
    )
