import datetime

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from mentorship import identifiers, selectors
from mentorship.models import Mentor, MentorGroup, Startup
from vsfa.forms import DateInput, MembersByName, MentorsByName, PeopleByName
from vsfa.timezones import LocalTimeFormMixin
from vsfa.uploads import CheckedFileField, validate_image

CHECKBOXES = forms.CheckboxSelectMultiple()


class ServiceErrorsMixin:
    """Shows a service's ``ValidationError`` on the form."""

    # A service's argument -> the form field where its errors show.
    service_fields = {}

    def add_service_errors(self, error):
        """Each message under its field when the form has it, else above."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for field, errors in error.error_dict.items():
            field = self.service_fields.get(field, field)
            self.add_error(field if field in self.fields else None, errors)


class MemberChoiceField(forms.ModelMultipleChoiceField):
    """Cohort members, labelled by the person's name."""

    iterator = MembersByName

    def label_from_instance(self, obj):
        return obj.person.full_name


class MentorChoiceField(forms.ModelMultipleChoiceField):
    iterator = MentorsByName

    def label_from_instance(self, obj):
        if obj.company:
            return f"{obj.user} ({obj.company})"
        return str(obj.user)


def mentor_queryset():
    return Mentor.objects.select_related("user").filter(user__is_active=True)


class MentorForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"))
    company = forms.CharField(label=_("Company"), max_length=200, required=False)
    expertise = forms.CharField(label=_("Expertise"), max_length=300, required=False)


class GroupForm(ServiceErrorsMixin, forms.ModelForm):
    mentors = MentorChoiceField(
        label=_("Mentors"), queryset=Mentor.objects.none(), widget=CHECKBOXES
    )
    members = MemberChoiceField(
        label=_("Participants"),
        queryset=selectors.cohort_choices(None),
        widget=CHECKBOXES,
        required=False,
        help_text=_("A participant can be in one group of the edition."),
    )

    class Meta:
        model = MentorGroup
        fields = ["name"]

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentors"].queryset = mentor_queryset()
        self.fields["members"].queryset = selectors.cohort_choices(edition)
        if self.instance.pk:
            self.initial["mentors"] = list(
                self.instance.mentors.values_list("pk", flat=True)
            )
            self.initial["members"] = list(
                self.instance.members.values_list("pk", flat=True)
            )

    def validate_unique(self):
        # The name is unique per edition, which the form does not hold: the
        # service checks it.
        pass


class SessionForm(LocalTimeFormMixin, ServiceErrorsMixin, forms.Form):
    """A group session, quick to fill in on a phone right after it ends."""

    service_fields = {"starts_at": "date"}
    local_time_field = "time"

    date = forms.DateField(label=_("Date"), widget=DateInput())
    time = forms.TimeField(
        label=_("Start time"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"),
        min_value=5,
        max_value=600,
        initial=60,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 5}),
    )
    topics = forms.CharField(label=_("Topics"), max_length=300)
    attendees = MemberChoiceField(
        label=_("Who attended"),
        queryset=selectors.cohort_choices(None),
        widget=CHECKBOXES,
        required=False,
        help_text=_("Tick each participant who came."),
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only mentors and organisers read these."),
    )
    follow_ups = forms.CharField(
        label=_("Follow-ups"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the participants do next; they see this."),
    )
    notes_for_participants = forms.CharField(
        label=_("Notes for the participants"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The group reads these on their pages; the notes above stay private."
        ),
    )

    def __init__(self, *args, group, choose_mentor=False, **kwargs):
        super().__init__(*args, **kwargs)
        members = selectors.group_members(group).order_by(
            "person__family_name", "person__given_name", "pk"
        )
        # Nobody is ticked at first: a list left as it came then records
        # nobody, not the whole group, as present.
        self.fields["attendees"].queryset = members
        self.fields["date"].initial = timezone.localdate()
        if choose_mentor:
            self.fields["mentor"] = forms.ModelChoiceField(
                label=_("Mentor who led it"),
                queryset=mentor_queryset().filter(groups=group),
            )

    def clean(self):
        cleaned = super().clean()
        day, time = cleaned.get("date"), cleaned.get("time")
        if day is None or time is None:
            return cleaned
        starts_at = self.local_datetime(datetime.datetime.combine(day, time))
        if starts_at is not None:
            cleaned["starts_at"] = starts_at
        return cleaned


class StartupForm(ServiceErrorsMixin, forms.ModelForm):
    founders = forms.ModelMultipleChoiceField(
        label=_("Founders"),
        queryset=selectors.founder_candidates(None),
        widget=CHECKBOXES,
        help_text=_(
            "Cohort members and finalists of the edition; each 18 or over on "
            "the registration date."
        ),
    )
    emancipated_founder = forms.ModelChoiceField(
        label=_("Founder emancipated by a court"),
        queryset=selectors.founder_candidates(None),
        required=False,
        help_text=_("Only for a founder under 18: upload the court's decision."),
    )
    emancipation_document = CheckedFileField(
        label=_("Court emancipation document"),
        required=False,
        help_text=_("A PDF, or a photo as JPEG or PNG."),
    )
    logo = CheckedFileField(
        label=_("Logo"),
        check=validate_image,
        required=False,
        help_text=_("A PNG or JPEG image; a new one replaces the old."),
    )
    mentors = MentorChoiceField(
        label=_("Mentors"),
        queryset=Mentor.objects.none(),
        widget=CHECKBOXES,
        help_text=_("One or two."),
    )
    # Typed identifiers may carry spaces or the RO prefix: longer than stored.
    cui = forms.CharField(
        label=capfirst(Startup._meta.get_field("cui").verbose_name),
        max_length=20,
        help_text=_("With or without RO; stored as digits only."),
        error_messages={
            "unique": _("A startup with this fiscal code is already registered.")
        },
    )
    # Shown only once the check digit of a 2024-form number does not match.
    trade_register_confirmed = forms.BooleanField(
        label=_(
            "I have compared the Trade Register number with the registration "
            "certificate: save it as typed"
        ),
        required=False,
        widget=forms.HiddenInput(),
    )

    field_order = [
        "legal_form",
        "name",
        "cui",
        "trade_register_number",
        "trade_register_confirmed",
    ]

    class Meta:
        model = Startup
        fields = [
            "legal_form",
            "name",
            "cui",
            "trade_register_number",
            "caen_code",
            "caen_revision",
            "registration_date",
            "share_capital",
        ]
        widgets = {"registration_date": DateInput()}
        help_texts = {
            "trade_register_number": _(
                "J40/1234/2020, or since 2024 fourteen characters, like J2025000123009."
            ),
        }

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        candidates = selectors.founder_candidates(edition)
        # The iterator first: setting the queryset hands the choices to the widget.
        self.fields["founders"].iterator = PeopleByName
        self.fields["emancipated_founder"].iterator = PeopleByName
        self.fields["founders"].queryset = candidates
        self.fields["emancipated_founder"].queryset = candidates
        self.fields["mentors"].queryset = mentor_queryset()
        self.fields["trade_register_number"].required = True
        self.fields["caen_code"].widget.attrs["inputmode"] = "numeric"
        self.fields["caen_revision"].widget = forms.Select(
            choices=[(2, _("Revision 2")), (3, _("Revision 3"))]
        )
        # The warning about the check digit; set when the service raises it.
        self.trade_register_warning = None
        # Once ticked, the box stays in sight while other fields are fixed.
        ticked = forms.CheckboxInput().value_from_datadict(
            self.data, self.files, self.add_prefix("trade_register_confirmed")
        )
        if self.is_bound and ticked:
            self._offer_trade_register_confirmation()
        if self.instance.pk:
            self.initial["founders"] = list(
                self.instance.founders.values_list("pk", flat=True)
            )
            self.initial["mentors"] = list(
                self.instance.mentors.values_list("pk", flat=True)
            )

    def clean_cui(self):
        return identifiers.normalise_cui(self.cleaned_data["cui"])

    def clean_trade_register_number(self):
        # Only the shape here: whether a check digit that does not match may
        # be kept is the service's to decide.
        number, _euid = identifiers.normalise_trade_register(
            self.cleaned_data["trade_register_number"], check_digit_confirmed=True
        )
        return number

    def clean_caen_code(self):
        return identifiers.validate_caen(self.cleaned_data["caen_code"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("emancipation_document") and not cleaned.get(
            "emancipated_founder"
        ):
            self.add_error(
                "emancipated_founder", _("Choose whose emancipation document it is.")
            )
        return cleaned

    def add_service_errors(self, error):
        """As the mixin, but a check digit that does not match is a warning.

        The warning is shown above the form and the box to confirm the number
        appears, with what to do as its error.
        """
        by_field = getattr(error, "error_dict", {})
        number_errors = by_field.get("trade_register_number", [])
        for warning in [e for e in number_errors if e.code == "onrc_checksum"]:
            number_errors.remove(warning)
            self.trade_register_warning = warning.messages[0]
            self._offer_trade_register_confirmation()
            self.add_error(
                "trade_register_confirmed",
                _("Tick this box to keep the number as typed, or correct it."),
            )
        if "trade_register_number" in by_field and not number_errors:
            del by_field["trade_register_number"]
        if by_field or not hasattr(error, "error_dict"):
            super().add_service_errors(error)

    def _offer_trade_register_confirmation(self):
        self.fields["trade_register_confirmed"].widget = forms.CheckboxInput()

    def service_arguments(self):
        """The keyword arguments of ``register_startup`` / ``update_startup``."""
        data = dict(self.cleaned_data)
        founder = data.pop("emancipated_founder")
        document = data.pop("emancipation_document")
        documents = {founder.pk: document} if founder and document else {}
        return {**data, "documents": documents}
