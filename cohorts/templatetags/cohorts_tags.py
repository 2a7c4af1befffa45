from django import template
from django.utils.translation import gettext, ngettext

from cohorts import permissions, selectors
from cohorts.choices import WorkshopStatus
from cohorts.importing.messages import phrase

register = template.Library()


@register.filter
def import_count(number, key):
    """``number`` with the noun of ``key``: ``{{ 20|import_count:"people" }}``."""
    return phrase(key, number)


@register.simple_tag
def completion_rule(progress):
    """The edition's completion rule in plain words."""
    return ngettext(
        "To complete the training: at least %(modules)s of the %(total)s module "
        "done and at least %(percent)s%% of the workshops attended.",
        "To complete the training: at least %(modules)s of the %(total)s modules "
        "done and at least %(percent)s%% of the workshops attended.",
        progress.module_count,
    ) % {
        "modules": progress.min_modules,
        "total": progress.module_count,
        "percent": progress.min_workshop_percent,
    }


@register.simple_tag
def completion_standing(progress, own=True):
    """Where the member stands against each half of the rule, in plain words.

    ``own``: the participant reads it; a mentor or organiser reads it about
    them, and is not told to talk to the organisers.
    """
    figures = {
        "done": progress.modules_done,
        "needed_modules": progress.min_modules,
        "attended": progress.workshops_attended,
        "held": progress.workshops_held,
        "needed": progress.workshops_needed,
        "total": progress.workshop_count,
        "more": max(progress.workshops_needed - progress.workshops_attended, 0),
        "left": progress.workshops_left,
    }
    if progress.modules_met:
        modules = gettext(
            "Modules: %(done)s done, the %(needed_modules)s needed are reached."
        )
    else:
        modules = gettext("Modules: %(done)s done of the %(needed_modules)s needed.")
    if progress.workshops_met:
        workshops = gettext(
            "Workshops: %(attended)s attended, enough for the rule "
            "(%(needed)s of the %(total)s planned)."
        )
    elif figures["more"] <= progress.workshops_left:
        workshops = gettext(
            "Workshops: %(attended)s attended of the %(held)s held so far; the rule "
            "asks for %(needed)s of the %(total)s planned: still %(more)s to attend "
            "of the %(left)s to come."
        )
    elif own:
        workshops = gettext(
            "Workshops: %(attended)s attended of the %(held)s held so far; the rule "
            "asks for %(needed)s of the %(total)s planned, more than the %(left)s "
            "still to come allow: talk to the organisers."
        )
    else:
        workshops = gettext(
            "Workshops: %(attended)s attended of the %(held)s held so far; the rule "
            "asks for %(needed)s of the %(total)s planned, more than the %(left)s "
            "still to come allow."
        )
    return [modules % figures, workshops % figures]


@register.filter
def workshop_status(value):
    """The label of a workshop attendance status; blank when none is recorded."""
    return WorkshopStatus(value).label if value else ""


@register.inclusion_tag("cohorts/_progress_card.html", takes_context=True)
def my_progress_card(context):
    """The signed-in participant's progress in a card, or nothing."""
    request = context["request"]
    member = permissions.membership_of(request.user, request.edition)
    if member is None:
        return {"progress": None}
    return {"progress": selectors.member_progress(member)}
