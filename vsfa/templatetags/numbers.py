from django import template

from vsfa.text import grouped as group_thousands

register = template.Library()


@register.filter
def grouped(number):
    """``{{ counts.rows_read|grouped }}``: "10.000" in Romanian, "10,000" in
    English; nothing (None, "") stays as it is."""
    if number is None or number == "":
        return number
    return group_thousands(number)
