"""Forms of the attendance import."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cohorts.importing import headers
from cohorts.importing.choices import ListKind
from cohorts.importing.names import NameOrder


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Attendance file"),
        help_text=_(
            "The school's list as it came: Excel (.xlsx, .xls), CSV or text. "
            "Nothing is saved before you confirm the preview."
        ),
    )
    list_kind = forms.ChoiceField(
        label=_("The list is of"),
        choices=ListKind.choices,
        initial=ListKind.ATTENDED,
        widget=forms.RadioSelect,
        # Left out (a script posting only the file), the list is of who attended.
        required=False,
        help_text=_(
            "People already registered who are on a list of who attended are "
            "marked present."
        ),
    )

    def clean_list_kind(self):
        return self.cleaned_data.get("list_kind") or ListKind.ATTENDED


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


class ImportMappingForm(forms.Form):
    """Which column is which, for a file whose headers were not recognised."""

    def __init__(self, *args, columns=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("Ignore this column"))] + [
            (field, label)
            for field, label in headers.FIELD_LABELS.items()
            if field != headers.REPEATED
        ]
        self.columns = list(columns)
        for index, header in self.columns:
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=header, choices=choices, required=False
            )

    def clean(self):
        cleaned = super().clean()
        chosen = [cleaned.get(f"column_{index}") or "" for index, _ in self.columns]
        stored = [
            field for field in chosen if field and field not in headers.SKIPPED_FIELDS
        ]
        if len(stored) != len(set(stored)):
            raise forms.ValidationError(_("Each kind of column can be chosen once."))
        if headers.FULL_NAME not in chosen and not {
            headers.FAMILY_NAME,
            headers.GIVEN_NAME,
        } <= set(chosen):
            raise forms.ValidationError(
                _(
                    "Choose the column with the full name, or the family name "
                    "and the given name columns."
                )
            )
        return cleaned

    def mapping(self):
        """{column index: field} from the valid form."""
        return {
            index: self.cleaned_data.get(f"column_{index}") or ""
            for index, _ in self.columns
        }
