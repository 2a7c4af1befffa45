from django import template

from cohorts import services_workshops

register = template.Library()


@register.simple_tag
def self_check_ins(workshop):
    """``{member id: when}`` of those who checked in with the room code."""
    return services_workshops.self_check_ins(workshop)


@register.filter
def checked_in_at(check_ins, member):
    return check_ins.get(member.pk)
