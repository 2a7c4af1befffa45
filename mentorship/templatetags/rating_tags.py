from django import template

from mentorship import services_ratings

register = template.Library()


@register.simple_tag(takes_context=True)
def rating_averages(context, sessions):
    """``{session id: (average, count)}`` for a page of sessions, in one query:
    those the signed-in user may read."""
    return services_ratings.averages_of(sessions, context["request"].user)


@register.filter
def rating_of_session(averages, session):
    return averages.get(session.pk)
