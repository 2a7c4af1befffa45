from django import template

from vsfa import privacy
from vsfa.audit_labels import action_label

register = template.Library()


@register.filter
def photo_allowed(person):
    """``{% if person|photo_allowed %}``: the one photo rule, for templates."""
    return privacy.may_show_photo(person)


@register.filter
def audit_action(action):
    return action_label(action)


@register.filter
def reading_purpose(purpose):
    return privacy.READING_PURPOSES.get(purpose, purpose)
