"""Templates keep to the content security policy: nothing inline, nothing remote.

The policy would block these in the browser and the page would quietly lose
its script or look; this finds them before a browser does.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIRS = [ROOT / "templates"] + [
    ROOT / app / "templates"
    for app in ("vsfa", "cohorts", "competition", "mentorship")
    if (ROOT / app / "templates").is_dir()
]
TEMPLATES = sorted(path for folder in TEMPLATE_DIRS for path in folder.rglob("*.html"))

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.IGNORECASE | re.DOTALL)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"javascript:", re.IGNORECASE)
REMOTE_RESOURCE = re.compile(
    r"<(?:script|img|iframe|link|source|video|audio)\b[^>]*\b(?:src|href)\s*=\s*"
    r"[\"']?(?:https?:)?//",
    re.IGNORECASE,
)
# Django template comments may talk about what they avoid.
COMMENT = re.compile(r"{#.*?#}|{% comment %}.*?{% endcomment %}", re.DOTALL)


def _text(path):
    return COMMENT.sub("", path.read_text(encoding="utf-8"))


def _name(path):
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("path", TEMPLATES, ids=_name)
def test_scripts_come_from_files(path):
    inline = [
        attributes
        for attributes, body in SCRIPT_TAG.findall(_text(path))
        if "src=" not in attributes or body.strip()
    ]

    assert inline == []


@pytest.mark.parametrize("path", TEMPLATES, ids=_name)
def test_no_inline_style_handler_or_javascript_url(path):
    text = _text(path)

    found = {
        "style attribute": bool(STYLE_ATTRIBUTE.search(text)),
        "style element": bool(STYLE_ELEMENT.search(text)),
        "event handler": bool(HANDLER.search(text)),
        "javascript: URL": bool(JAVASCRIPT_URL.search(text)),
    }

    assert [kind for kind, present in found.items() if present] == []


@pytest.mark.parametrize("path", TEMPLATES, ids=_name)
def test_nothing_is_loaded_from_another_host(path):
    assert REMOTE_RESOURCE.findall(_text(path)) == []


def test_templates_were_found():
    assert len(TEMPLATES) > 50
