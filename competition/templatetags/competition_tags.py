from django import template

from competition import selectors

register = template.Library()


@register.inclusion_tag("competition/_pitch_list.html", takes_context=True)
def juror_pitches(context, user, edition):
    """A juror's own pitches in ``edition`` with their status, for the home page."""
    pitches = selectors.juror_pitches(user, edition) if edition else []
    return {
        "pitches": pitches,
        "next_pitch": selectors.next_pitch(pitches),
        "request": context.get("request"),
    }
