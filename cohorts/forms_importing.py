"""Forms of the attendance import."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cohorts.importing.names import NameOrder


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Attendance file"),
        help_text=_(
            "The school's list as it came: Excel (.xlsx, .xls), CSV or text. "
            "Nothing is saved before you confirm the preview."
        ),
    )


class ImportOptionsForm(forms.Form):
    """How to read the file: which sheet, and in which order the names are."""

    sheet = forms.ChoiceField(label=_("Sheet"), required=False)
    order = forms.ChoiceField(label=_("Name order"), required=False)

    def __init__(self, *args, sheets=(), two_columns=False, **kwargs):
        super().__init__(*args, **kwargs)
        if len(sheets) > 1:
            self.fields["sheet"].choices = [(name, name) for name in sheets]
        else:
            del self.fields["sheet"]
        orders = (
            [NameOrder.COLUMNS, NameOrder.COLUMNS_SWAPPED]
            if two_columns
            else [NameOrder.FAMILY_FIRST, NameOrder.GIVEN_FIRST]
        )
        self.fields["order"].choices = [(order.value, order.label) for order in orders]


class MatchDecisionForm(forms.Form):
    SAME = "same"
    DIFFERENT = "different"

    decision = forms.ChoiceField(
        choices=[(SAME, _("Same person")), (DIFFERENT, _("Different people"))]
    )
