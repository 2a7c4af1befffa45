"""The pages of the security tests' world, opened in Chromium by each persona.

The accessibility, reflow and page-budget tests share these: which pages each
persona gets (from ``tests/security/access.py``), a browser context signed in
as a persona, and axe-core run on the page shown.
"""

import os
from importlib import resources
from pathlib import Path

from django.conf import settings
from django.test import Client
from playwright.sync_api import Error

from tests.security import access
from tests.security.matrix import BY_KEY, DECLARED

# axe-core as published on the npm registry. CI fetches a pinned release
# with npm and names its axe.min.js in VSFA_AXE_SCRIPT; elsewhere the
# copy bundled in the axe-playwright-python package is used, so that running
# the tests needs no npm or node.
_AXE_PATH = os.environ.get("VSFA_AXE_SCRIPT") or (
    resources.files("axe_playwright_python") / "axe.min.js"
)
AXE_SCRIPT = Path(_AXE_PATH).read_text(encoding="utf-8")
# WCAG 2.0 and 2.1, levels A and AA: the bar of the EU's accessibility rules.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Outcomes that end on a page a persona can read.
_SHOWN = (access.OK, access.ANSWERS)


def keys_shown_to(persona):
    """URL names whose page the persona may open, in the table's order."""
    return [
        key
        for key, declared in DECLARED.items()
        if key in BY_KEY and declared.outcomes[persona] in _SHOWN
    ]


def context_as(browser, live_server, user, **options):
    """A new browser context, signed in as ``user`` (None: anonymous).

    The session is made on the server side, as the sign-in form would, so
    that dozens of contexts do not count as sign-in attempts.
    """
    options.setdefault("locale", "ro-RO")
    context = browser.new_context(base_url=live_server.url, **options)
    if user is not None:
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": session,
                    "url": live_server.url,
                }
            ]
        )
    return context


def open_document(page, url):
    """Open ``url``; the response if it is an HTML document, else None.

    Downloads (spreadsheets, PDFs), JSON and the fragments that scripts put
    into a page are not documents of their own.
    """
    try:
        response = page.goto(url)
    except Error as error:
        if "Download is starting" in error.message:
            return None
        raise
    if not response.headers.get("content-type", "").startswith("text/html"):
        return None
    if not page.evaluate("document.doctype !== null"):
        return None
    return response


def axe_violations(page):
    """Each node axe-core finds in violation: (rule id, impact, CSS target).

    The script is evaluated through the DevTools protocol, which the page's
    content security policy does not govern: a ``<script>`` tag added to the
    page would be refused by the policy (no inline scripts), and turning the
    policy off for the test would let inline styles change what is measured.
    """
    page.evaluate(AXE_SCRIPT)
    result = page.evaluate(
        """tags => axe.run(document, {
            runOnly: {type: "tag", values: tags},
            resultTypes: ["violations"],
        })""",
        AXE_TAGS,
    )
    return [
        (violation["id"], violation["impact"], " ".join(node["target"]))
        for violation in result["violations"]
        for node in violation["nodes"]
    ]


# The keyboard

# The focused element shows where it is: an outline or a focus ring (a
# box-shadow). A radio or checkbox drawn as a button (Bootstrap's .btn-check)
# is hidden itself; its label shows the focus.
_FOCUS_SHOWN = """() => {
    let element = document.activeElement;
    if (element.matches(".btn-check") && element.labels.length) {
        element = element.labels[0];
    }
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    const outlined = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    return box.width > 0 && box.height > 0 && (outlined || style.boxShadow !== "none");
}"""


def focus_shown(page):
    return page.evaluate(_FOCUS_SHOWN)


def focused_matches(page, selector):
    return page.evaluate(
        "selector => document.activeElement.matches(selector)", selector
    )


def tab_to(page, selector, *, limit=80):
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused_matches(page, selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


# The key pages: what each role opens most, and the heaviest pages.
KEY_PAGES = [
    ("organiser", "home"),
    ("mentor", "home"),
    ("juror", "home"),
    ("participant", "home"),
    ("organiser", "cohorts:conference_detail"),
    ("organiser", "cohorts:door"),
    ("organiser", "cohorts:import_upload"),
    ("organiser", "cohorts:import_detail"),
    ("organiser", "cohorts:selection"),
    ("organiser", "cohorts:completion_grid"),
    ("participant", "cohorts:my_progress"),
    ("mentor", "mentorship:session_create"),
    ("juror", "competition:sheet"),
    ("organiser", "competition:results"),
    ("organiser", "reports:edition_indicators"),
]
