from django import template

from mentorship import permissions, selectors
from mentorship.models import Startup

register = template.Library()


@register.inclusion_tag("mentorship/_participant_sessions.html")
def participant_sessions(member):
    """The mentoring sessions ``member`` (a CohortMember) attended."""
    return {"member": member, "sessions": selectors.sessions_attended_by(member)}


@register.inclusion_tag("mentorship/_mentor_panel.html")
def mentor_home_panel(user, edition):
    """A mentor's home page panel: their groups and startups' next check-ins."""
    mentor = permissions.mentor_of(user)
    if mentor is None:
        return {"groups": [], "startups": []}
    return selectors.mentor_home(mentor, edition or None)


@register.inclusion_tag("mentorship/_founder_panel.html")
def founder_home_panel(user):
    """A participant's home page panel: the startups they founded, if any."""
    return {
        "startups": selectors.portfolio(Startup.objects.filter(founders__user=user))
    }
