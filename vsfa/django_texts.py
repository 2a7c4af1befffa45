"""Django's own form and validator sentences that our users read.

Django's Romanian catalogue writes some of them with the old cedilla letters
(ş, ţ instead of ș, ț) and a space before the full stop ("mai mare sau egală
cu 5 ."). Listing them here puts them in our catalogue, which is read before
Django's and so wins: their Romanian is corrected in
locale/ro/LC_MESSAGES/django.po. The text of each must stay exactly Django's.
"""

from django.utils.translation import gettext_noop

DJANGO_TEXTS = (
    # Validators of numbers, lists and addresses.
    gettext_noop("Enter a number."),
    gettext_noop("Enter a whole number."),
    gettext_noop("Ensure this value is greater than or equal to %(limit_value)s."),
    gettext_noop("Ensure this value is less than or equal to %(limit_value)s."),
    gettext_noop("Ensure this value is %(limit_value)s (it is %(show_value)s)."),
    gettext_noop("Enter only digits separated by commas."),
    gettext_noop("Enter a valid IPv4 address."),
    # Files and images.
    gettext_noop("Please either submit a file or check the clear checkbox, not both."),
    gettext_noop(
        "Upload a valid image. The file you uploaded was either not an image or a "
        "corrupted image."
    ),
    # Lists of forms that repeat a value.
    gettext_noop("Please correct the duplicate data for %(field)s."),
    gettext_noop(
        "Please correct the duplicate data for %(field)s, which must be unique."
    ),
    gettext_noop(
        "Please correct the duplicate data for %(field_name)s which must be unique "
        "for the %(lookup)s in %(date_field)s."
    ),
    gettext_noop("Please correct the duplicate values below."),
)
