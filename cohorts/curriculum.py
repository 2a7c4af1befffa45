"""The starting curriculum of a new edition; organisers edit it afterwards."""

from django.utils.translation import gettext_noop

# (number, title, month of the training it is due in)
DEFAULT_MODULES = [
    (1, gettext_noop("Entrepreneurial mindset and role models"), 1),
    (2, gettext_noop("Spotting opportunities and ideas"), 1),
    (3, gettext_noop("Customer discovery"), 2),
    (4, gettext_noop("Value proposition and prototype"), 2),
    (5, gettext_noop("Business model canvas"), 3),
    (6, gettext_noop("Market and competitors"), 3),
    (7, gettext_noop("Marketing and sales channels"), 4),
    (8, gettext_noop("Pricing and unit economics"), 4),
    (9, gettext_noop("Financial plan and funding"), 5),
    (10, gettext_noop("Legal forms and setting up a company in Romania"), 5),
    (11, gettext_noop("Team and founders' agreement"), 6),
    (12, gettext_noop("Digital tools, operations and intellectual property"), 6),
    (13, gettext_noop("Pitching"), 6),
]
