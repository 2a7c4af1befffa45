from django import forms
from django.utils.translation import gettext_lazy as _

from cohorts.services_workshops import CODE_LENGTH


class RoomCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code shown in the room"),
        max_length=CODE_LENGTH + 4,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "class": "form-control form-control-lg text-uppercase room-code-input",
            }
        ),
        help_text=_("Six letters and digits, as on the screen."),
    )
