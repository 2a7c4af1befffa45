"""The indicators' bar charts and breakdown cells, drawn by tags.

A page of indicators draws one bar per figure, stage and group, and a cell per
group and stage: an include per bar, or a loop of template tags per cell, cost
more than the rest of the table.
"""

from django import template
from django.template.defaultfilters import floatformat
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

# Literal markup, nothing from outside: safe as written.
_TRACK = mark_safe(  # nosec B308
    '<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" '
    'aria-hidden="true" focusable="false">'
    '<rect class="bar-track" width="100" height="10"/>'
)


@register.simple_tag
def indicator_bar(width, extra=""):
    """A bar ``width`` long out of 100, none drawn at 0; ``extra``: more classes.

    The width is written with a point whatever the language: it is SVG, not text.
    """
    if not width:
        return _TRACK + mark_safe("</svg>")  # nosec B308 (a literal)
    classes = f"bar-fill {extra}" if extra else "bar-fill"
    return format_html(
        '{}<rect class="{}" width="{}" height="10"/></svg>',
        _TRACK,
        classes,
        localize(width, use_l10n=False),
    )


@register.filter
def cell_text(cell):
    """A :class:`~vsfa.suppression.Cell` as the page writes it: a count grouped
    in thousands as the language writes numbers ("1.500"), a hidden one by its
    mark."""
    if cell.hidden:
        return cell.display
    return floatformat(cell.value, "g")


@register.simple_tag
def figure_cells(cells, extra=""):
    """A right-aligned ``<td>`` per :class:`~vsfa.suppression.Cell`, hidden marked.

    ``extra``: more classes for every cell (the totals are bold).
    """
    shown = f"text-end {extra}" if extra else "text-end"
    hidden = f"{shown} suppressed"
    return format_html_join(
        "",
        '<td class="{}">{}</td>',
        ((hidden if cell.hidden else shown, cell_text(cell)) for cell in cells),
    )
