from django import forms
from django.utils.translation import gettext_lazy as _

from vsfa.audit_labels import action_choices
from vsfa.choices import ConsentKind, Declared
from vsfa.forms import DateInput, UsersByName
from vsfa.models import AuditEvent, Consent, Edition, Person, User
from vsfa.privacy import SENSITIVE_FIELDS


class ConsentForm(forms.ModelForm):
    class Meta:
        model = Consent
        fields = ["kind", "scope", "given_by", "evidence"]
        labels = {"kind": _("Consent to")}

    def __init__(self, *args, guardian_needed=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["given_by"].required = True
        self.fields["evidence"].required = True
        if guardian_needed:
            self.fields["given_by"].help_text = _(
                "Under 16: the parent's or guardian's name."
            )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == ConsentKind.PHOTO and not cleaned.get("scope"):
            self.add_error(
                "scope",
                _("Say where the photos may be used, e.g. the city hall's website."),
            )
        return cleaned


class PersonReportingForm(forms.ModelForm):
    """What the funders' reports ask about a participant at entry."""

    class Meta:
        model = Person
        fields = ["education_level", "labour_status"]


ANSWER_CHOICES = [("", _("Not asked")), *Declared.choices]


class SensitiveForm(forms.Form):
    """Self-declared answers; refused without an explicit consent."""

    roma = forms.ChoiceField(label=_("Roma"), required=False)
    other_minority = forms.ChoiceField(
        label=_("Another ethnic minority"), required=False
    )
    disability = forms.ChoiceField(label=_("Disability"), required=False)
    low_income = forms.ChoiceField(label=_("Low income"), required=False)
    rural = forms.ChoiceField(label=_("From a rural area"), required=False)
    consent = forms.BooleanField(
        label=_("The person gives explicit consent to record these answers"),
        required=False,
    )
    given_by = forms.CharField(
        label=_("Consent given by"),
        max_length=200,
        required=False,
        help_text=_("The person themself, or for under-16s a parent or guardian."),
    )
    evidence = forms.CharField(
        label=_("Evidence of the consent"),
        max_length=300,
        required=False,
        help_text=_("E.g. signed form no. 12."),
    )

    def __init__(self, *args, has_consent=False, self_service=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_consent = has_consent
        self.self_service = self_service
        for name in SENSITIVE_FIELDS:
            self.fields[name].choices = ANSWER_CHOICES
            self.fields[name].widget = forms.RadioSelect(choices=ANSWER_CHOICES)
        if self_service:
            del self.fields["given_by"]
            del self.fields["evidence"]
            self.fields["consent"].label = _(
                "I agree that the programme keeps these answers to report "
                "equal access, only as totals"
            )
        if has_consent:
            del self.fields["consent"]
            self.fields.pop("given_by", None)
            self.fields.pop("evidence", None)

    @property
    def answers(self):
        return {name: self.cleaned_data.get(name, "") for name in SENSITIVE_FIELDS}

    def clean(self):
        cleaned = super().clean()
        answered = any(cleaned.get(name) for name in SENSITIVE_FIELDS)
        if not answered or self.has_consent:
            return cleaned
        if not cleaned.get("consent"):
            self.add_error(
                "consent" if "consent" in self.fields else None,
                _("These answers may be recorded only with explicit consent."),
            )
        elif not self.self_service:
            for name in ("given_by", "evidence"):
                if not cleaned.get(name, "").strip():
                    self.add_error(name, _("Say who gave the consent and how."))
        return cleaned

    @property
    def consent_data(self):
        if self.has_consent or not self.cleaned_data.get("consent"):
            return None
        return {
            "given_by": self.cleaned_data.get("given_by", ""),
            "evidence": self.cleaned_data.get("evidence", ""),
        }


class EraseForm(forms.Form):
    reason = forms.CharField(
        label=_("Why"),
        max_length=200,
        help_text=_("E.g. the person's request of 3 March, by e-mail."),
    )
    confirm = forms.BooleanField(
        label=_("I understand that the name and contact details cannot be restored"),
    )


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False)
    actor = forms.ModelChoiceField(
        label=_("Who"), queryset=User.objects.none(), required=False
    )
    edition = forms.ModelChoiceField(
        label=_("Edition"), queryset=Edition.objects.all(), required=False
    )
    since = forms.DateField(label=_("From"), required=False, widget=DateInput())
    until = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def __init__(self, *args, actions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [
            ("", _("Any action")),
            *action_choices(actions),
        ]
        # Only people who appear in the trail: the list stays short.
        self.fields["actor"].iterator = UsersByName
        self.fields["actor"].queryset = User.objects.filter(
            pk__in=AuditEvent.objects.values("actor")
        )
        self.fields["actor"].empty_label = _("Anyone")
        self.fields["edition"].empty_label = _("Any edition")

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end cannot be before the start."))
        return cleaned


PERSON_FILTERS = [
    ("", _("Everyone")),
    ("no_guardian", _("Under 16 without a guardian's consent")),
    ("no_processing", _("Without consent to data processing")),
    ("photo", _("Photo consent given")),
    ("anonymised", _("Anonymised")),
]
