"""Forms of the check-in at the door and of the late entry from the paper sheet."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cohorts.forms import AttendeeForm
from vsfa.forms import DateInput

# Long enough for a full name with its diacritics; a search, not a record.
QUERY_MAX_LENGTH = 100


class DoorSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name"),
        max_length=QUERY_MAX_LENGTH,
        required=False,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "class": "form-control",
                "aria-describedby": "door-q-help",
                "autocomplete": "off",
                "autocapitalize": "none",
                "spellcheck": "false",
                "enterkeyhint": "search",
            }
        ),
    )


class WalkInForm(forms.Form):
    """Someone who came without being on the list: enough to find them again."""

    given_name = forms.CharField(label=_("Given name"), max_length=120)
    family_name = forms.CharField(label=_("Family name"), max_length=120)
    class_name = forms.CharField(
        label=_("Class"), max_length=20, required=False, help_text=_("e.g. 10B")
    )
    birth_date = forms.DateField(
        label=_("Date of birth"), required=False, widget=DateInput()
    )
    email = forms.EmailField(label=_("E-mail address"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)

    def __init__(self, *args, conference=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.conference = conference

    # The same rules as the attendee typed in on the conference page.
    clean_phone = AttendeeForm.clean_phone
    clean_birth_date = AttendeeForm.clean_birth_date

    def person_fields(self):
        data = self.cleaned_data
        return {
            "given_name": data["given_name"],
            "family_name": data["family_name"],
            "birth_date": data["birth_date"],
            "email": data["email"],
            "phone": data["phone"],
        }


class BaseWalkInFormSet(forms.BaseFormSet):
    def walk_ins(self):
        """The lines filled in, as ``services.record_late_entry`` takes them."""
        return [
            {
                "person_fields": form.person_fields(),
                "class_name": form.cleaned_data["class_name"],
            }
            for form in self.forms
            if form.has_changed()
        ]


# Blank lines at the bottom of the paper sheet, entered afterwards.
WalkInFormSet = forms.formset_factory(
    WalkInForm, formset=BaseWalkInFormSet, extra=5, max_num=50
)


class LateEntryForm(forms.Form):
    """A present box per person on the list, as ticked on the paper sheet.

    ``shown`` carries the boxes that were ticked when the page was opened, so
    that only what the organiser changed is saved: someone checked in at the
    door in the meantime stays present.
    """

    present = forms.MultipleChoiceField(
        required=False,
        error_messages={
            "invalid_choice": _(
                "The list changed since this page was opened, so nothing was "
                "saved. Check the ticks and save again."
            )
        },
    )
    shown = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, attendances, **kwargs):
        super().__init__(*args, **kwargs)
        self.attendances = attendances
        self.ids = {str(attendance.pk) for attendance in attendances}
        self.fields["present"].choices = [(pk, "") for pk in sorted(self.ids)]
        self.fields["shown"].initial = " ".join(
            str(attendance.pk) for attendance in attendances if attendance.present
        )

    def clean_shown(self):
        # Only people still on the list: someone taken off it meanwhile is
        # not touched.
        return {int(pk) for pk in self.cleaned_data["shown"].split() if pk in self.ids}

    def _present(self):
        return {int(pk) for pk in self.cleaned_data["present"]}

    def ticked(self):
        return self._present() - self.cleaned_data["shown"]

    def cleared(self):
        return self.cleaned_data["shown"] - self._present()

    def rows(self):
        """``(attendance, checked)`` per person; a form sent back with an
        error shows the boxes as they were sent."""
        if self.is_bound:
            checked = set(self.data.getlist("present"))
        else:
            checked = {str(a.pk) for a in self.attendances if a.present}
        return [
            (attendance, str(attendance.pk) in checked)
            for attendance in self.attendances
        ]
