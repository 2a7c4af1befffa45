"""HTML written in Python where the template engine costs too much.

Django writes a widget's attributes with ``attrs.html``; the tags that
write inputs without templates write them with ``attributes``, the same way.
"""

from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


def attributes(attrs):
    """`` name="value"`` for each of ``attrs``, in order, escaped; as in
    Django's attrs.html, False leaves an attribute out and True writes its
    name alone."""
    # Joined here rather than with format_html, which costs a score sheet's
    # thirty radios more than a millisecond. Each value is escaped as the
    # template escapes ``value|stringformat:'s'``: its text, unless that is
    # marked safe.
    written = "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )
    return mark_safe(written)  # noqa: S308  # nosec B308 B703
