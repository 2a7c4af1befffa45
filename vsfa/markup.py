"""HTML written in Python where the template engine costs too much.

Django writes a widget's attributes with ``attrs.html``; the tags that
write inputs without templates write them with ``attributes``, the same way.
"""

from django.utils.html import format_html, format_html_join


def attributes(attrs):
    """`` name="value"`` for each of ``attrs``, in order, escaped; as in
    Django's attrs.html, False leaves an attribute out and True writes its
    name alone."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else _pair(name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


def _pair(name, value):
    return format_html(' {}="{}"', name, str(value))
