from django import template

from mentorship import selectors

register = template.Library()


@register.inclusion_tag("mentorship/_participant_sessions.html")
def participant_sessions(member):
    """The mentoring sessions ``member`` (a CohortMember) attended."""
    return {"member": member, "sessions": selectors.sessions_attended_by(member)}
