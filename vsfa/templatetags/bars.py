"""The indicators' bar charts, drawn by a tag rather than an included template.

A page of indicators draws one bar per figure, stage and group: an include
per bar cost more than the rest of the table.
"""

from django import template
from django.utils.formats import localize
from django.utils.html import format_html
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
