from operator import attrgetter

import phonenumbers
from django import forms
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cohorts.choices import MemberStatus, WorkshopStatus
from cohorts.importing.messages import validate_birth_date
from cohorts.importing.normalise import CellError, parse_phone
from cohorts.models import (
    Application,
    ApplicationCall,
    Conference,
    Guest,
    Module,
    School,
    Workshop,
)
from cohorts.training_time import check_within_edition
from vsfa.choices import Declared, Gender
from vsfa.forms import ByLabel, DateInput
from vsfa.text import by_text, canonical
from vsfa.timezones import LocalDateTimeField, LocalTimeFormMixin


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class SchoolChoiceField(forms.ModelChoiceField):
    """A school to choose, the list in Romanian alphabetical order of the names
    shown (short names where there are)."""

    iterator = ByLabel


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
        field_classes = {"school": SchoolChoiceField}
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
    school = SchoolChoiceField(
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

    def __init__(self, *args, conference=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.conference = conference
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

    def clean_birth_date(self):
        birth_date = self.cleaned_data["birth_date"]
        if birth_date is None:
            return None
        on = self.conference.date if self.conference is not None else None
        validate_birth_date(birth_date, today=timezone.localdate(), on=on)
        return birth_date

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


class WorkshopForm(LocalTimeFormMixin, forms.ModelForm):
    starts_at = LocalDateTimeField(
        label=_("Starts at"), widget=DateTimeInput(), help_text=_("Bucharest time.")
    )
    # The room code works until the end: a workshop lasts at least a quarter hour.
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"),
        min_value=15,
        max_value=720,
        required=False,
        help_text=_("Left empty: three hours."),
    )

    class Meta:
        model = Workshop
        fields = ["title", "starts_at", "duration_minutes", "place", "capacity"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial_local_time(self.instance.starts_at)

    def clean_duration_minutes(self):
        minutes = self.cleaned_data["duration_minutes"]
        if minutes is None:
            return Workshop._meta.get_field("duration_minutes").get_default()
        return minutes

    def clean(self):
        cleaned = super().clean()
        starts_at = self.local_datetime(cleaned.get("starts_at"))
        if starts_at is not None:
            cleaned["starts_at"] = starts_at
        # A form made without an edition (a bare check of its fields) has no
        # dates to hold the workshop to.
        if starts_at is not None and self.instance.edition_id is not None:
            try:
                check_within_edition(self.instance.edition, starts_at)
            except forms.ValidationError as error:
                self.add_error("starts_at", error)
        return cleaned


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


class _CellsField(forms.MultipleChoiceField):
    """Boxes checked against the set of cells on the grid.

    A full grid has nearly a thousand cells: as choices, they would be
    normalised on every page and each box sent searched through the list.
    """

    cells = frozenset()

    def valid_value(self, value):
        return value in self.cells


class CompletionGridForm(forms.Form):
    """Which member has completed which module: every box of the grid at once.

    ``done`` holds the boxes ticked; ``shown``, one hidden field, the boxes
    that were ticked when the page was opened. Only the difference is saved,
    so that boxes changed by someone else in the meantime are left alone.
    """

    done = _CellsField(
        required=False,
        error_messages={
            "invalid_choice": _(
                "The cohort or its modules changed since this page was opened, "
                "so nothing was saved. Check the ticks and save again."
            )
        },
    )
    shown = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, members, modules, done, claims=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.members, self.modules = members, modules
        # Claims not confirmed show unticked, with their evidence.
        self.claims = claims or {}
        self.cells = {_cell(m.pk, n.pk) for m in members for n in modules}
        self.recorded = {_cell(*pair) for pair in done} & self.cells
        self.fields["done"].cells = self.cells
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
        """``(member, [(module, cell, checked, claim), ...])`` per member.

        ``claim`` is the participant's completion not yet confirmed, or None.
        A form sent back with an error shows the boxes as they were sent.
        """
        checked = set(self.data.getlist("done")) if self.is_bound else self.recorded
        rows = []
        for member in self.members:
            cells = [
                (
                    module,
                    _cell(member.pk, module.pk),
                    self.claims.get((member.pk, module.pk)),
                )
                for module in self.modules
            ]
            rows.append(
                (
                    member,
                    [
                        (module, cell, cell in checked, claim)
                        for module, cell, claim in cells
                    ],
                )
            )
        return rows


class SelectionFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False)
    school = SchoolChoiceField(
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

    def __init__(self, *args, schools=None, **kwargs):
        super().__init__(*args, **kwargs)
        if schools is not None:
            # The board reads the schools once, for the rows as for this list.
            field = self.fields["school"]
            field.choices = [
                ("", field.empty_label),
                *((school.pk, str(school)) for school in by_text(schools)),
            ]


# Applications: the public form, and the organisers' forms around it.

OTHER_SCHOOL = "other"
# "Prefer not to say" is stored as gender not stated.
GENDER_UNSTATED = "unstated"
SENSITIVE_QUESTIONS = {
    "roma": _("Do you belong to the Roma minority?"),
    "other_minority": _("Do you belong to another ethnic minority?"),
    "disability": _("Do you have a disability?"),
    "low_income": _("Does your family have a low income?"),
    "rural": _("Do you live in a rural area?"),
}


class ApplicationForm(forms.Form):
    """The public application form of an edition; nobody needs an account.

    ``token`` is the form's one-time token: the same form sent twice is one
    application. The self-declared answers are optional and refused without
    the explicit consent box; under 16, a parent's or guardian's name and
    contact are needed.
    """

    token = forms.UUIDField(widget=forms.HiddenInput)
    given_name = forms.CharField(label=_("Given name"), max_length=120)
    family_name = forms.CharField(label=_("Family name"), max_length=120)
    birth_date = forms.DateField(label=_("Date of birth"), widget=DateInput())
    email = forms.EmailField(
        label=_("E-mail address"), help_text=_("We write to you at this address.")
    )
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    school = forms.ChoiceField(label=_("School"))
    other_school = forms.CharField(
        label=_("Other school"),
        max_length=200,
        required=False,
        help_text=_("Only if your school is not in the list."),
    )
    class_name = forms.CharField(
        label=_("Class"), max_length=20, help_text=_("e.g. 10B")
    )
    gender = forms.ChoiceField(
        label=_("Gender"),
        choices=[
            ("", "—"),
            (Gender.FEMALE, Gender.FEMALE.label),
            (Gender.MALE, Gender.MALE.label),
            (Gender.NON_BINARY, Gender.NON_BINARY.label),
            (GENDER_UNSTATED, _("Prefer not to say")),
        ],
    )
    motivation = forms.CharField(
        label=_("Why do you want to join the training?"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    idea = forms.CharField(
        label=_("Your business idea"),
        max_length=3000,
        help_text=_(
            "A few sentences: the problem, who has it, how you would solve it."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    team = forms.CharField(
        label=_("Your team"),
        max_length=1000,
        required=False,
        help_text=_("The names of colleagues you would work with, if any."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    data_consent = forms.BooleanField(
        label=_(
            "I agree that the programme's organisers process the personal data "
            "on this form to handle my application and, if I am selected, my "
            "participation in the programme."
        ),
        error_messages={
            "required": _("The application can be handled only with this consent.")
        },
    )
    guardian_name = forms.CharField(
        label=_("Parent's or guardian's name"), max_length=200, required=False
    )
    guardian_contact = forms.CharField(
        label=_("Parent's or guardian's phone or e-mail"),
        max_length=200,
        required=False,
    )
    guardian_agrees = forms.BooleanField(
        label=_(
            "My parent or guardian knows that I am applying and will sign the "
            "consent form the organisers send."
        ),
        required=False,
    )
    sensitive_consent = forms.BooleanField(
        label=_(
            "I agree that the organisers keep the answers I give below, which "
            "are sensitive data, to give equal access to the programme and to "
            "report anonymous totals to its funders. Only authorised organisers "
            "can read them."
        ),
        required=False,
    )

    def __init__(self, *args, schools=(), today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.schools = {
            str(school.pk): school for school in by_text(schools, attrgetter("name"))
        }
        self.fields["school"].choices = [
            ("", "—"),
            *((pk, school.name) for pk, school in self.schools.items()),
            (OTHER_SCHOOL, _("Another school")),
        ]
        answers = [("", _("Not answered")), *Declared.choices]
        for name, question in SENSITIVE_QUESTIONS.items():
            self.fields[name] = forms.ChoiceField(
                label=question, choices=answers, required=False
            )

    def sensitive_fields(self):
        return [self[name] for name in SENSITIVE_QUESTIONS]

    def clean_given_name(self):
        return canonical(self.cleaned_data["given_name"])

    def clean_family_name(self):
        return canonical(self.cleaned_data["family_name"])

    def clean_class_name(self):
        return canonical(self.cleaned_data["class_name"])

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_phone(self):
        try:
            return parse_phone(self.cleaned_data["phone"].strip())
        except CellError as error:
            raise forms.ValidationError(_("Enter a valid phone number.")) from error

    def clean_birth_date(self):
        birth_date = self.cleaned_data["birth_date"]
        # The application is the event the date is recorded for: sent today.
        validate_birth_date(birth_date, today=self.today, on=self.today, applicant=True)
        return birth_date

    def under_guardian_age(self):
        # Imported here: vsfa.privacy reads the apps that import cohorts.
        from vsfa.privacy import GUARDIAN_AGE

        birth_date = self.cleaned_data.get("birth_date")
        if birth_date is None:
            return False
        return Application(birth_date=birth_date).age_on(self.today) < GUARDIAN_AGE

    def clean(self):
        data = super().clean()
        if data.get("school") == OTHER_SCHOOL and not canonical(
            data.get("other_school")
        ):
            self.add_error("other_school", _("Write the name of your school."))
        if self.under_guardian_age():
            required = _("Needed because you are under 16.")
            for name in ("guardian_name", "guardian_contact", "guardian_agrees"):
                if not data.get(name):
                    self.add_error(name, required)
        answered = any(data.get(name) for name in SENSITIVE_QUESTIONS)
        if answered and not data.get("sensitive_consent"):
            self.add_error(
                "sensitive_consent",
                _("Tick this box to send the answers below, or leave them unanswered."),
            )
        return data

    def applicant(self):
        """The applicant's details, as ``services.submit_application`` takes them."""
        data = self.cleaned_data
        school = self.schools.get(data["school"])
        under_age = self.under_guardian_age()
        return {
            "given_name": data["given_name"],
            "family_name": data["family_name"],
            "birth_date": data["birth_date"],
            "email": data["email"],
            "phone": data["phone"],
            "school": school,
            "other_school": "" if school else canonical(data["other_school"]),
            "class_name": data["class_name"],
            "gender": "" if data["gender"] == GENDER_UNSTATED else data["gender"],
            "motivation": data["motivation"].strip(),
            "idea": data["idea"].strip(),
            "team": data["team"].strip(),
            "guardian_name": canonical(data["guardian_name"]) if under_age else "",
            "guardian_contact": (
                canonical(data["guardian_contact"]) if under_age else ""
            ),
        }

    def sensitive_answers(self):
        """``{question: answer}`` when the consent box is ticked, else None."""
        if not self.cleaned_data.get("sensitive_consent"):
            return None
        answers = {name: self.cleaned_data[name] for name in SENSITIVE_QUESTIONS}
        return answers if any(answers.values()) else None


class ApplicationCallForm(forms.ModelForm):
    class Meta:
        model = ApplicationCall
        fields = ["opens_on", "closes_on", "introduction"]
        widgets = {
            "opens_on": DateInput(),
            "closes_on": DateInput(),
            "introduction": forms.Textarea(attrs={"rows": 4}),
        }

    def clean(self):
        data = super().clean()
        opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error("closes_on", _("The call closes before it opens."))
        return data


class ApplicationReviewForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Your score"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[("", _("No score yet")), *((n, str(n)) for n in range(1, 6))],
        help_text=_("From 1 (weak) to 5 (excellent)."),
    )
    notes = forms.CharField(
        label=_("Your notes"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ApplicationFilterForm(forms.Form):
    SORTS = {
        "newest": _("Newest first"),
        "score": _("Best score first"),
        "name": _("Name"),
    }

    q = forms.CharField(label=_("Name"), required=False)
    school = SchoolChoiceField(
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
    sort = forms.ChoiceField(
        label=_("Order"), required=False, choices=list(SORTS.items())
    )


class GuardianConsentForm(forms.Form):
    evidence = forms.CharField(
        label=_("Signed form"),
        max_length=300,
        help_text=_("E.g. signed form no. 12, received on 3 March."),
    )


class NotifyDecisionsForm(forms.Form):
    include_not_selected = forms.BooleanField(
        label=_("Also tell the applicants who were not selected"),
        required=False,
        help_text=_("Only once the selection is final: they are told only once."),
    )


class WaitlistRankForm(forms.Form):
    rank = forms.IntegerField(label=_("Place on the waiting list"), min_value=1)
