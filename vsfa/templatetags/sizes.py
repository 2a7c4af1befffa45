from django import template

from vsfa.uploads import file_size as format_file_size

register = template.Library()


@register.filter
def file_size(num_bytes):
    """``{{ attachment.size|file_size }}``: "10 MB", not filesizeformat's "10,0 MO"."""
    return format_file_size(num_bytes)
