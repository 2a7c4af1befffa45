from django import template

register = template.Library()


@register.filter
def checked_in_at(check_ins, member):
    """When ``member`` checked in with the room code, from the sheet's map."""
    return check_ins.get(member.pk)
