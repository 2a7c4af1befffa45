"""Browser tests: Playwright driving Debian's Chromium against a live server.

Without Chromium they are skipped with a visible reason; CI sets
VSFA_REQUIRE_BROWSER=1 and installs Chromium, so there they must run.
"""

import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
REQUIRED = os.environ.get("VSFA_REQUIRE_BROWSER") == "1"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1366, "height": 768}

# Playwright's sync API runs an event loop in this thread; the ORM calls made
# by the test itself (arranging data) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if REQUIRED:
            pytest.fail("Chromium is required (VSFA_REQUIRE_BROWSER=1) but missing.")
        pytest.skip("Browser tests skipped: Chromium is not installed here.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=LAUNCH_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page_for(browser, live_server):
    """Open a page of the given size, signed in as ``user`` (None: anonymous)."""
    contexts = []

    def open_page(user=None, *, viewport=LAPTOP, password="correct-horse-battery"):
        context = browser.new_context(
            viewport=viewport, base_url=live_server.url, locale="ro-RO"
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
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
