"""Option inputs written without a template.

Django renders each radio or checkbox of a choice field through the form
renderer's templates: on a juror's score sheet that is half the page's time.
``option_input`` writes the same ``<input>`` from the option's data.
"""

from django import template
from django.utils.html import format_html

from vsfa.markup import attributes

register = template.Library()


@register.filter
def option_input(option):
    """``{{ radio|option_input }}``: what ``{{ radio.tag }}`` writes."""
    data = option.data
    attrs = {"type": data["type"], "name": data["name"]}
    if data["value"] is not None:
        attrs["value"] = data["value"]
    # id, class, checked, aria-invalid..., in the widget's order.
    attrs.update(data["attrs"])
    # ``attributes`` escapes each one: one format_html for the whole input.
    return format_html("<input{}>", attributes(attrs))
