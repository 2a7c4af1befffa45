"""HTML written in Python where the template engine costs too much.

Django writes a widget's attributes with ``attrs.html``; the tags that
write inputs without templates write them with ``attributes``, the same way.
"""

from django.utils.html import conditional_escape as escape
from django.utils.safestring import SafeString


def attributes(attrs):
    """`` name="value"`` for each of ``attrs``, in order, escaped; as in
    Django's attrs.html, False leaves an attribute out and True writes its
    name alone."""
    # Joined here rather than with format_html, which costs a score sheet's
    # thirty radios more than a millisecond: the same escaping.
    return SafeString(
        "".join(
            f" {escape(name)}"
            if value is True
            else f' {escape(name)}="{escape(value)}"'
            for name, value in attrs.items()
            if value is not False
        )
    )
