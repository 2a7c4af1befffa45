import os
import sys
import uuid

import pytest
from django.db import connection
from huey.contrib.djhuey import HUEY

from tests import browser_support, factories


@pytest.fixture(scope="session", autouse=True)
def _test_database_left_free(django_db_setup, django_db_blocker):
    """On PostgreSQL, end any other session on the test database before it is
    dropped: a connection a test thread or live server has not closed yet
    would make DROP DATABASE fail after every test passed. Said on stderr,
    so that a leak stays visible."""
    yield
    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT application_name, state, left(query, 80),"
            " pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        for row in cursor.fetchall():
            sys.stderr.write(f"Ended a session left on the test database: {row}\n")


@pytest.fixture(autouse=True)
def _huey_immediate():
    # Tasks run inline, inside the test, so their effects can be asserted.
    HUEY.immediate = True
    yield
    HUEY.immediate = False


@pytest.fixture(autouse=True)
def _own_cache(settings):
    # Rate-limit counters and kept parts of pages live in caches; with
    # REDIS_URL set they would outlive a test and leak into the next one, so
    # each test gets fresh ones.
    settings.CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"test-{alias}-{uuid.uuid4().hex}",
        }
        for alias in ("default", "pages")
    }
    settings.VSFA_PAGES_GENERATION_FILE = None


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VSFA_PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _romanian_by_default(settings):
    settings.LANGUAGE_CODE = "ro"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The production hasher is slow by design; tests create hundreds of users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def edition(db):
    return factories.make_edition("2026/2027")


@pytest.fixture
def organiser(db):
    return factories.make_user("organiser", full_name="Oana Organizatoare")


@pytest.fixture
def mentor_user(db):
    user = factories.make_user("mentor", full_name="Mihai Mentor")
    factories.make_mentor(user=user)
    return user


@pytest.fixture
def juror_user(db):
    return factories.make_user("juror", full_name="Ioana Jurata")


@pytest.fixture
def participant(db, edition):
    """The cohort member whose pages are being tested."""
    return factories.make_participant(edition, given_name="Ștefan", family_name="Niță")


@pytest.fixture
def other_participant(db, edition):
    return factories.make_participant(edition, given_name="Maria", family_name="Ene")


@pytest.fixture
def client_for(client):
    """Return a test client signed in as ``user`` (or anonymous for None)."""

    def sign_in(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return sign_in


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the test process (Playwright allows one per thread).

    Without Chromium the browser tests are skipped with a visible reason; CI
    sets VSFA_REQUIRE_BROWSER=1 and installs Chromium, so there they must run.
    """
    if not os.path.exists(browser_support.CHROMIUM):
        if browser_support.REQUIRED:
            pytest.fail("Chromium is required (VSFA_REQUIRE_BROWSER=1) but missing.")
        pytest.skip("Browser tests skipped: Chromium is not installed here.")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls
    # the tests make to arrange data stay synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=browser_support.CHROMIUM,
            args=browser_support.LAUNCH_ARGS,
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page_for(browser, live_server):
    """Open a page of the given size, signed in as ``user`` (None: anonymous)."""
    contexts = []

    def open_page(
        user=None,
        *,
        viewport=browser_support.LAPTOP,
        password=browser_support.DEMO_PASSWORD,
    ):
        context = browser.new_context(
            viewport=viewport, base_url=live_server.url, locale="ro-RO"
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(30_000)
        if user is not None:
            page.goto("/accounts/login/")
            page.fill("input[name=login]", user.email)
            page.fill("input[name=password]", password)
            page.click("button[type=submit]")
            page.wait_for_url(f"{live_server.url}/")
        return page

    yield open_page
    for context in contexts:
        context.close()
