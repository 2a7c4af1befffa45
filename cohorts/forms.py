import phonenumbers
from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from cohorts.choices import MemberStatus, WorkshopStatus
from cohorts.models import Conference, Guest, Module, School, Workshop
from vsfa.choices import Gender
from vsfa.forms import DateInput
from vsfa.text import canonical


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class SchoolForm(forms.ModelForm):
    class Meta:
        model = School
        fields = ["name", "short_name", "address"]
        help_texts = {"short_name": _("Shown in lists, e.g. CT Gheorghe Airinei.")}

    def clean_name(self):
        return canonical(self.cleaned_data["name"])


class ConferenceForm(forms.ModelForm):
    class Meta:
        model = Conference
        fields = ["school", "date", "venue", "expected_audience", "notes"]
        widgets = {"date": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}


GuestFormSet = inlineformset_factory(
    Conference,
    Guest,
    fields=["name", "company"],
    extra=2,
    max_num=2,
    can_delete=False,
)


class AttendeeForm(forms.Form):
    """One attendee typed in by hand on the conference page."""

    given_name = forms.CharField(label=_("Given name"), max_length=120)
    family_name = forms.CharField(label=_("Family name"), max_length=120)
    birth_date = forms.DateField(
        label=_("Date of birth"), required=False, widget=DateInput()
    )
    class_name = forms.CharField(
        label=_("Class"), max_length=20, required=False, help_text=_("e.g. 10B")
    )
    school = forms.ModelChoiceField(
        label=_("Pupil's school"),
        queryset=School.objects.all(),
        required=False,
        help_text=_("Only when it is not the conference's school."),
    )
    email = forms.EmailField(label=_("E-mail address"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    gender = forms.ChoiceField(
        label=_("Gender"), choices=Gender.choices, required=False
    )
    photo_consent = forms.NullBooleanField(
        label=_("Photo consent"),
        required=False,
        widget=forms.NullBooleanSelect(),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["photo_consent"].widget.choices = [
            ("unknown", _("Not asked")),
            ("true", _("Yes")),
            ("false", _("No")),
        ]

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if not phone:
            return ""
        try:
            number = phonenumbers.parse(phone, "RO")
        except phonenumbers.NumberParseException:
            number = None
        if number is None or not phonenumbers.is_valid_number(number):
            raise forms.ValidationError(_("Enter a valid phone number."))
        return phonenumbers.format_number(
            number, phonenumbers.PhoneNumberFormat.INTERNATIONAL
        )

    def person_fields(self):
        data = self.cleaned_data
        return {
            "given_name": data["given_name"],
            "family_name": data["family_name"],
            "birth_date": data["birth_date"],
            "email": data["email"],
            "phone": data["phone"],
            "gender": data["gender"],
            "photo_consent": data["photo_consent"],
        }


class ModuleForm(forms.ModelForm):
    lesson_url = forms.URLField(
        label=Module._meta.get_field("lesson_url").verbose_name,
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = Module
        fields = ["number", "title", "description", "lesson_url", "due_month"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def clean_number(self):
        number = self.cleaned_data["number"]
        others = Module.objects.filter(edition=self.instance.edition, number=number)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("Another module of this edition has this number.")
            )
        return number


class WorkshopForm(forms.ModelForm):
    class Meta:
        model = Workshop
        fields = ["title", "starts_at", "place", "capacity"]
        widgets = {"starts_at": DateTimeInput()}
        help_texts = {"starts_at": _("Bucharest time.")}


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawing"),
        max_length=250,
        help_text=_("Kept with their record."),
    )


class WorkshopAttendanceForm(forms.Form):
    """One status per selected member of the cohort, on a single form.

    Each row also sends back the status it showed, so that only the rows the
    organiser changed are saved: what a colleague recorded on another screen
    in the meantime is kept.
    """

    def __init__(self, *args, members, statuses, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members
        choices = [("", _("Not recorded")), *WorkshopStatus.choices]
        for member in members:
            self.fields[f"member_{member.pk}"] = forms.ChoiceField(
                label=member.person.full_name,
                choices=choices,
                required=False,
                initial=statuses.get(member.pk, ""),
                widget=forms.RadioSelect,
                show_hidden_initial=True,
            )

    def rows(self):
        """``(member, field, hidden input with the status shown)`` per member."""
        rows = []
        for member in self.members:
            field = self[f"member_{member.pk}"]
            rows.append((member, field, field.as_hidden(only_initial=True)))
        return rows

    def statuses(self):
        """The statuses changed on this form, by member id."""
        changed = set(self.changed_data)
        return {
            member.pk: self.cleaned_data[f"member_{member.pk}"]
            for member in self.members
            if f"member_{member.pk}" in changed
        }


def _cell(member_id, module_id):
    return f"{member_id}:{module_id}"


def _pair(cell):
    member_id, module_id = cell.split(":")
    return int(member_id), int(module_id)


class CompletionGridForm(forms.Form):
    """Which member has completed which module: every box of the grid at once.

    ``done`` holds the boxes ticked; ``shown``, one hidden field, the boxes
    that were ticked when the page was opened. Only the difference is saved,
    so that boxes changed by someone else in the meantime are left alone.
    """

    done = forms.MultipleChoiceField(
        required=False,
        error_messages={
            "invalid_choice": _(
                "The cohort or its modules changed since this page was opened, "
                "so nothing was saved. Check the ticks and save again."
            )
        },
    )
    shown = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, members, modules, done, **kwargs):
        super().__init__(*args, **kwargs)
        self.members, self.modules = members, modules
        self.cells = {_cell(m.pk, n.pk) for m in members for n in modules}
        self.recorded = {_cell(*pair) for pair in done} & self.cells
        self.fields["done"].choices = [(cell, "") for cell in sorted(self.cells)]
        self.fields["shown"].initial = " ".join(sorted(self.recorded))

    def clean_shown(self):
        # Only cells still on the grid: a member who left the cohort since
        # the page was opened is not touched.
        shown = self.cleaned_data["shown"].split()
        return {_pair(cell) for cell in shown if cell in self.cells}

    def _done(self):
        return {_pair(cell) for cell in self.cleaned_data["done"]}

    def ticked(self):
        """The boxes ticked that the page showed cleared."""
        return self._done() - self.cleaned_data["shown"]

    def cleared(self):
        """The boxes the page showed ticked that are cleared now."""
        return self.cleaned_data["shown"] - self._done()

    def rows(self):
        """``(member, [(module, cell, checked), ...])`` per member.

        A form sent back with an error shows the boxes as they were sent.
        """
        checked = set(self.data.getlist("done")) if self.is_bound else self.recorded
        rows = []
        for member in self.members:
            cells = [(module, _cell(member.pk, module.pk)) for module in self.modules]
            rows.append(
                (member, [(module, cell, cell in checked) for module, cell in cells])
            )
        return rows


class SelectionFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False)
    school = forms.ModelChoiceField(
        label=_("School"),
        queryset=School.objects.all(),
        required=False,
        empty_label=_("All schools"),
    )
    status = forms.ChoiceField(
        label=_("Decision"),
        required=False,
        choices=[
            ("", _("Everyone")),
            ("none", _("Not decided")),
            *MemberStatus.choices,
        ],
    )
