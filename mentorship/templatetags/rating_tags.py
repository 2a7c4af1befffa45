from django import template

from mentorship import services_ratings

register = template.Library()


@register.simple_tag
def rating_averages(sessions):
    """``{session id: (average, count)}`` for a page of sessions, in one query."""
    return services_ratings.averages_of(sessions)


@register.filter
def rating_of_session(averages, session):
    return averages.get(session.pk)
