"""Option inputs written without a template.

Django renders each radio or checkbox of a choice field through the form
renderer's templates: on a juror's score sheet that is half the page's time.
``option_input`` writes the same ``<input>`` from the option's data.
"""

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()


@register.filter
def option_input(option):
    """``{{ radio|option_input }}``: what ``{{ radio.tag }}`` writes."""
    data = option.data
    attrs = {"type": data["type"], "name": data["name"]}
    if data["value"] is not None:
        attrs["value"] = data["value"]
    # id, class, checked, aria-invalid..., in the widget's order; as in
    # Django's attrs.html, False leaves an attribute out and True writes
    # its name alone.
    attrs.update(data["attrs"])
    written = format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else _pair(name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )
    return format_html("<input{}>", written)


def _pair(name, value):
    return format_html(' {}="{}"', name, str(value))
