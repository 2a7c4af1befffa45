"""Counts are written grouped in thousands, as each language writes them."""

import pytest
from django.core.paginator import Paginator
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import translation

from vsfa.templatetags.numbers import grouped


@pytest.mark.parametrize(
    ("language", "number", "expected"),
    [
        ("ro", 999, "999"),
        ("ro", 1_500, "1.500"),
        ("ro", 75_000, "75.000"),
        ("en", 1_500, "1,500"),
        ("ro", None, None),
        ("ro", "", ""),
    ],
)
def test_counts_are_grouped_in_thousands(language, number, expected):
    with translation.override(language):
        written = grouped(number)

    assert written == expected


def test_a_template_groups_a_count_and_leaves_record_numbers_alone():
    template = Template('{% load numbers %}<a href="/p/{{ pk }}/">{{ n|grouped }}</a>')

    with translation.override("ro"):
        written = template.render(Context({"pk": 1234, "n": 1234}))

    assert written == '<a href="/p/1234/">1.234</a>'


def test_pages_are_counted_in_thousands():
    page = Paginator(range(60_000), 50).page(1)

    with translation.override("ro"):
        written = render_to_string("_pagination.html", {"page_obj": page})

    assert "Pagina 1 din 1.200" in written
