from django import template

from mentorship import permissions, selectors

register = template.Library()


@register.inclusion_tag("mentorship/_participant_sessions.html")
def participant_sessions(member):
    """The mentoring sessions ``member`` (a CohortMember) attended."""
    return {"member": member, "sessions": selectors.sessions_attended_by(member)}


@register.inclusion_tag("mentorship/_mentor_panel.html")
def mentor_home_panel(user, edition):
    """A mentor's home page panel: their groups and startups' next check-ins."""
    return selectors.mentor_home(permissions.mentor_of(user), edition or None)


@register.inclusion_tag("mentorship/_founder_panel.html")
def founder_home_panel(user):
    """A participant's home page panel: the startups they founded, if any."""
    return {"startups": selectors.portfolio(selectors.startups_founded_by(user))}
