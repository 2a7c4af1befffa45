"""Month names, for the project's catalogue.

Django's Romanian catalogue writes months with a capital ("3 Octombrie
2026"), where Romanian writes them in lower case. Marking the names here puts
them in our catalogue, which Django reads before its own, so that every date
formatted with "F" (DATE_FORMAT is "j F Y": pages, e-mails, the final's PDF
record) reads "3 octombrie 2026".
"""

from django.utils.translation import gettext_noop

MONTHS = (
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
)
