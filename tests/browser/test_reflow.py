"""The key pages at 320 CSS pixels wide and with text at 200% (WCAG 1.4.10, 1.4.4).

Nothing makes the page scroll sideways and nothing is cut off. A data table
may scroll inside its ``.table-responsive`` box, which WCAG allows for
content that needs two dimensions.
"""

import pytest

from tests.browser.pages import KEY_PAGES, context_as
from tests.security.conftest import personas, world  # noqa: F401 -- shared fixtures
from tests.security.matrix import url_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NARROW = {"width": 320, "height": 640}
WIDE = {"width": 1280, "height": 800}

# Elements that hide overflowing content, less those meant to: text for screen
# readers only, closed menus and the scrolling boxes of tables.
_CLIPPED = """() => {
    const allowed = ".visually-hidden, .visually-hidden-focusable, .table-responsive, "
        + ".collapse:not(.show), .dropdown-menu, [hidden]";
    const found = [];
    for (const element of document.body.querySelectorAll("*")) {
        if (element.closest(allowed)) continue;
        const style = getComputedStyle(element);
        const hides = ["hidden", "clip"];
        const cutX = hides.includes(style.overflowX)
            && element.scrollWidth > element.clientWidth + 1;
        const cutY = hides.includes(style.overflowY)
            && element.scrollHeight > element.clientHeight + 1;
        const ellipsis = style.textOverflow === "ellipsis"
            && element.scrollWidth > element.clientWidth + 1;
        if (cutX || cutY || ellipsis) {
            const name = element.id ? "#" + element.id : element.className;
            found.push(element.tagName.toLowerCase() + " " + name);
        }
    }
    return found;
}"""


def _problems(page, url, persona):
    problems = []
    page_width = page.evaluate("document.documentElement.scrollWidth")
    view_width = page.evaluate("window.innerWidth")
    if page_width > view_width:
        problems.append(f"{url} as {persona}: {page_width}px wide in {view_width}px")
    problems += [
        f"{url} as {persona}: {element} cut off" for element in page.evaluate(_CLIPPED)
    ]
    return problems


def _walk(browser, live_server, world, personas, viewport, *, font_size=None):  # noqa: F811
    contexts = {}
    problems = []
    for persona, key in KEY_PAGES:
        if persona not in contexts:
            contexts[persona] = context_as(
                browser, live_server, personas[persona], viewport=viewport
            )
        page = contexts[persona].pages[0] if contexts[persona].pages else None
        page = page or contexts[persona].new_page()
        url = url_for(key, world)
        page.goto(url)
        if font_size:
            page.evaluate(
                "size => { document.documentElement.style.fontSize = size; }",
                font_size,
            )
        problems += _problems(page, url, persona)
    for context in contexts.values():
        context.close()
    return problems


def test_key_pages_fit_320_css_pixels(browser, live_server, world, personas):  # noqa: F811
    problems = _walk(browser, live_server, world, personas, NARROW)

    assert problems == [], "\n".join(problems)


def test_key_pages_fit_with_text_at_200_percent(
    browser,
    live_server,
    world,  # noqa: F811 -- the fixture imported above
    personas,  # noqa: F811
):
    problems = _walk(browser, live_server, world, personas, WIDE, font_size="200%")

    assert problems == [], "\n".join(problems)
