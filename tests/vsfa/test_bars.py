from django.template import Context, Template
from django.utils import translation

from vsfa.suppression import Cell

TRACK = (
    '<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" '
    'aria-hidden="true" focusable="false">'
    '<rect class="bar-track" width="100" height="10"/>'
)


def _bar(width, extra=""):
    template = Template("{% load bars %}{% indicator_bar width extra %}")
    return template.render(Context({"width": width, "extra": extra}))


def test_a_bar_is_filled_to_its_width_with_a_point_in_any_language():
    with translation.override("ro"):
        written = _bar(42.5, "stage-reached")

    assert written == (
        f'{TRACK}<rect class="bar-fill stage-reached" width="42.5" height="10"/></svg>'
    )


def test_an_empty_bar_draws_only_its_track():
    assert [_bar(0), _bar(None)] == [f"{TRACK}</svg>", f"{TRACK}</svg>"]


def test_the_extra_class_is_escaped():
    assert _bar(10, '"x') == (
        f'{TRACK}<rect class="bar-fill &quot;x" width="10" height="10"/></svg>'
    )


def test_figure_cells_mark_the_hidden_and_take_the_extra_class():
    template = Template("{% load bars %}{% figure_cells cells extra %}")
    cells = [Cell(12), Cell(3, hidden=True, primary=True), Cell(7, hidden=True)]

    written = template.render(Context({"cells": cells, "extra": "fw-semibold"}))

    assert written == (
        '<td class="text-end fw-semibold">12</td>'
        '<td class="text-end fw-semibold suppressed">&lt;5</td>'
        '<td class="text-end fw-semibold suppressed">*</td>'
    )


def test_figure_cells_group_thousands_as_romanian_writes_them():
    template = Template("{% load bars %}{% figure_cells cells %}")
    cells = [Cell(1553), Cell(1200300), Cell(1553, hidden=True)]

    with translation.override("ro"):
        written = template.render(Context({"cells": cells}))

    assert written == (
        '<td class="text-end">1.553</td>'
        '<td class="text-end">1.200.300</td>'
        '<td class="text-end suppressed">*</td>'
    )


def test_cell_text_groups_a_shown_count_and_keeps_a_hidden_mark():
    template = Template("{% load bars %}{{ shown|cell_text }} {{ small|cell_text }}")
    context = Context({"shown": Cell(1500), "small": Cell(3, True, True)})

    with translation.override("ro"):
        written = template.render(context)

    assert written == "1.500 &lt;5"
