"""A row of the check-in list at a conference's door, written without a template.

The door page lists fifty people a page, and its script puts a row back after
each tap. Written by the template language one variable at a time, the rows
were a third of the page's time, on the phones of the staff at the door when
a class arrives at once. ``door_row`` writes the same markup in Python, for
the page and for the script's answers alike. Every value that comes from the
database or a translation is escaped before it is joined.
"""

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import time_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def door_row(row, conference):
    """``{% door_row row conference %}``: one ``DoorRow`` as a list item,
    with its button (present, or undo for someone checked in)."""
    person_id = row.person.pk
    name = escape(row.person.full_name)
    details = [escape(text) for text in (row.class_name, row.school) if text]
    if row.attendance is None:
        details.append(escape(gettext("not on the list")))
    elif row.attendance.walk_in:
        details.append(escape(gettext("walk-in")))
    present = ""
    style, action = "btn-success", "cohorts:door_check_in"
    label = gettext("Present")
    if row.present:
        checked_in_at = row.attendance.checked_in_at
        at = (
            f" {time_format(timezone.localtime(checked_in_at), 'H:i')}"
            if checked_in_at
            else ""
        )
        present = (
            '<span class="d-block small fw-semibold text-success-emphasis">'
            f'<span aria-hidden="true">✓</span> {escape(label)}{at}</span>'
        )
        style, action = "btn-outline-secondary", "cohorts:door_undo"
        label = gettext("Undo")
    url = reverse(action, args=[conference.pk])
    written = (
        f'<li class="list-group-item door-row d-flex align-items-center gap-2" '
        f'id="door-row-{person_id}"><div class="flex-grow-1 text-break">'
        f'<span class="fw-semibold">{name}</span>'
        f'<span class="d-block small text-body-secondary">{" · ".join(details)}'
        f"</span>{present}</div>"
        f'<button class="btn {style} btn-door" type="submit" name="person" '
        f'value="{person_id}" formaction="{url}" data-door-action>'
        f"{escape(label)}"
        f'<span class="visually-hidden">: {name}</span></button></li>'
    )
    # Every value is escaped above; format_html for each part would cost
    # what the template did.
    return mark_safe(written)  # noqa: S308  # nosec B308 B703
