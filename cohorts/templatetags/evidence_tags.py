from django import template

from cohorts import selectors_evidence

register = template.Library()


@register.inclusion_tag("cohorts/_evidence_waiting.html", takes_context=True)
def evidence_waiting_card(context):
    """A mentor's count of modules waiting for them; organisers have theirs
    in the home page's list of what needs attention."""
    request = context["request"]
    return {"count": selectors_evidence.waiting_count(request.user, request.edition)}
