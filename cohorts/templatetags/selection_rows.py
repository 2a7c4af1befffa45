"""The buttons of the selection board's rows, written without a template.

Each row holds up to three buttons (forms, or links to a confirmation page),
each named for the person for screen readers: written by template nodes, with
a CSRF field per form, they cost more than the rest of the row. What every row
shares (the hidden fields, the page to come back to, the labels) is worked out
once, by ``selection_forms``; ``selection_buttons`` then writes one row's
buttons.
"""

from dataclasses import dataclass
from urllib.parse import quote

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from cohorts.choices import MemberStatus

register = template.Library()


@dataclass(frozen=True)
class RowForms:
    hidden: SafeString
    next_query: str
    select: str
    waitlist: str
    remove: str


@register.simple_tag(takes_context=True)
def selection_forms(context):
    """``{% selection_forms as forms %}``: what every row's buttons share."""
    here = context["request"].get_full_path()
    return RowForms(
        # The CSRF token and the way back are the same in every row's form.
        hidden=format_html(
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
            '<input type="hidden" name="next" value="{}">',
            context["csrf_token"],
            here,
        ),
        # As ``{{ next|urlencode }}`` writes it.
        next_query=f"next={quote(here, safe='/')}",
        select=gettext("Select"),
        waitlist=gettext("Waiting list"),
        remove=gettext("Remove"),
    )


@register.simple_tag
def selection_buttons(person, forms):
    """``{% selection_buttons person forms %}``: select, put on the waiting
    list and remove, as far as each changes the person's decision."""
    buttons = []
    if person.member_status == MemberStatus.SELECTED:
        # A selected member loses their place: asked first, on a page.
        buttons.append(
            _link(
                person.waitlist_confirm_url,
                forms,
                "btn-outline-secondary",
                forms.waitlist,
                person,
            )
        )
    else:
        buttons.append(
            _form(person.select_url, forms, "btn-success", forms.select, person)
        )
        if person.member_status != MemberStatus.WAITLISTED:
            buttons.append(
                _form(
                    person.waitlist_url,
                    forms,
                    "btn-outline-secondary",
                    forms.waitlist,
                    person,
                )
            )
    if person.member_id:
        buttons.append(
            _link(person.remove_url, forms, "btn-outline-danger", forms.remove, person)
        )
    return format_html_join("", "{}", ((button,) for button in buttons))


def _link(url, forms, style, label, person):
    return format_html(
        '<a class="btn btn-sm {}" href="{}?{}">{}'
        '<span class="visually-hidden"> {}</span></a>',
        style,
        url,
        forms.next_query,
        label,
        person.full_name,
    )


def _form(action, forms, style, label, person):
    return format_html(
        '<form method="post" action="{}">{}<button class="btn btn-sm {}" '
        'type="submit">{}<span class="visually-hidden"> {}</span></button></form>',
        action,
        forms.hidden,
        style,
        label,
        person.full_name,
    )
