"""The completion grid's cells, drawn in Python.

A full cohort is 75 members by 13 modules: nearly a thousand boxes, each with
its label. Drawn by the template language, one variable at a time, they took
most of the page's time; here each cell is a few string joins. Every value
that comes from the database or a translation is escaped before it is joined.
"""

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from cohorts.choices import EvidenceStatus

register = template.Library()


@register.simple_tag
def completion_cells(member, cells):
    """The ``<td>`` of one member's row: ``cells`` as ``CompletionGridForm.rows``
    gives them, ``(module, cell, checked, claim)`` per module.

    Each box has a hidden label naming the member, the module and, for a
    module the participant claimed, the claim's status; such a cell also
    shows a mark linking to the evidence when there is some.
    """
    label = escape(gettext("%(name)s, module %(number)s"))
    name = escape(member.person.full_name)
    prefix = f"done-{member.pk}-"
    parts = []
    for module, cell, checked, claim in cells:
        box = f"{prefix}{module.pk}"
        text = label % {"name": name, "number": module.number}
        checkbox = (
            f'<input class="form-check-input" type="checkbox" name="done" '
            f'value="{cell}" id="{box}"{" checked" if checked else ""}>'
        )
        if claim is None:
            parts.append(
                f'<td>{checkbox}<label class="visually-hidden" for="{box}">'
                f"{text}</label></td>"
            )
            continue
        waiting = claim.status == EvidenceStatus.SUBMITTED
        parts.append(
            f'<td class="{"claim-waiting" if waiting else "claim-returned"}">'
            f'{checkbox}<label class="visually-hidden" for="{box}">{text}, '
            f"{escape(claim.get_status_display())}</label>"
            f"{_claim_mark(claim, waiting)}</td>"
        )
    # Every value is escaped above and the test of the grid's escaping holds
    # that; format_html per cell would cost as much as the template did.
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703


def _claim_mark(claim, waiting):
    """``?`` for evidence waiting, ``!`` for evidence sent back: a link to the
    evidence when there is some, read out in words."""
    what = escape(
        gettext("Evidence waiting for confirmation")
        if waiting
        else gettext("Evidence sent back")
    )
    inner = (
        f'<span aria-hidden="true">{"?" if waiting else "!"}</span>'
        f'<span class="visually-hidden">{what}</span>'
    )
    if claim.evidence_file:
        url = reverse("cohorts:evidence_file", args=[claim.pk])
        return f'<a class="claim-mark" href="{url}" title="{what}">{inner}</a>'
    if claim.evidence_url:
        return (
            f'<a class="claim-mark" href="{escape(claim.evidence_url)}" '
            f'rel="noopener noreferrer" target="_blank" title="{what}">{inner}</a>'
        )
    return f'<span class="claim-mark" title="{what}">{inner}</span>'
