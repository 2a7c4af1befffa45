from django import template
from django.utils.translation import gettext

from cohorts import permissions, selectors
from cohorts.choices import WorkshopStatus

register = template.Library()


@register.simple_tag
def completion_rule(progress):
    """The edition's completion rule in plain words."""
    return gettext(
        "To complete the training: at least %(modules)s of the %(total)s modules "
        "done and at least %(percent)s%% of the workshops attended."
    ) % {
        "modules": progress.min_modules,
        "total": progress.module_count,
        "percent": progress.min_workshop_percent,
    }


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
