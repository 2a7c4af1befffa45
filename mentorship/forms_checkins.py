"""Forms of check-ins (the mentor's and the founders') and of help given."""

import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentorship.choices import ContractType
from mentorship.forms import ServiceErrorsMixin
from mentorship.models import Assistance, CheckIn
from vsfa.forms import DateInput
from vsfa.uploads import CheckedFilesField

EVIDENCE_HELP = _(
    "Contracts, invoices, bank statements, photos: PDF, JPEG, PNG or WebP. Photos "
    "are saved without their location."
)


def evidence_field():
    return CheckedFilesField(
        label=_("Add evidence files"), required=False, help_text=EVIDENCE_HELP
    )


class JobForm(forms.Form):
    """One person working at the startup; a row left empty is ignored."""

    contract_type = forms.ChoiceField(
        label=_("Contract"),
        choices=[("", "—"), *ContractType.choices],
        required=False,
    )
    started_on = forms.DateField(
        label=_("Started on"), widget=DateInput(), required=False
    )
    role = forms.CharField(
        label=_("Role (optional)"),
        max_length=120,
        required=False,
        help_text=_("What they do, not their name."),
    )

    def clean(self):
        cleaned = super().clean()
        contract, started_on = cleaned.get("contract_type"), cleaned.get("started_on")
        filled = contract or started_on or cleaned.get("role")
        if filled and not contract:
            self.add_error("contract_type", _("Choose the kind of contract."))
        if filled and not started_on and "started_on" not in self.errors:
            self.add_error("started_on", _("Enter the day they started."))
        return cleaned

    @property
    def is_blank(self):
        data = getattr(self, "cleaned_data", {})
        return not (data.get("contract_type") or data.get("started_on"))


class BaseJobFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["DELETE"].label = _("No longer works there")

    def jobs(self):
        """The people entered, as the check-in services take them."""
        return [
            {
                "contract_type": form.cleaned_data["contract_type"],
                "started_on": form.cleaned_data["started_on"],
                "role": form.cleaned_data.get("role", ""),
            }
            for form in self.forms
            if not form.is_blank and not self._should_delete_form(form)
        ]


JobFormSet = forms.formset_factory(
    JobForm, formset=BaseJobFormSet, extra=2, can_delete=True, max_num=200
)


def job_formset(data=None, *, jobs=()):
    """The people-working formset, starting from ``jobs`` (Job rows)."""
    initial = [
        {
            "contract_type": job.contract_type,
            "started_on": job.started_on,
            "role": job.role,
        }
        for job in jobs
    ]
    return JobFormSet(data, initial=initial, prefix="jobs")


NUMBER_FIELDS = [
    "status",
    "revenue_band",
    "customers",
    "money_raised",
    "risks",
    "next_steps",
]
NUMBER_WIDGETS = {
    "risks": forms.Textarea(attrs={"rows": 3}),
    "next_steps": forms.Textarea(attrs={"rows": 3}),
    "customers": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
    "money_raised": forms.NumberInput(
        attrs={"inputmode": "decimal", "min": 0, "step": "0.01"}
    ),
}


class CheckInForm(ServiceErrorsMixin, forms.ModelForm):
    """What the mentor records, or confirms after the founders filled it in."""

    files = evidence_field()

    class Meta:
        model = CheckIn
        fields = ["done_on", *NUMBER_FIELDS, "notes"]
        widgets = {
            "done_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
            **NUMBER_WIDGETS,
        }
        help_texts = {"notes": _("Only mentors and organisers see these notes.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("done_on", "status", "revenue_band"):
            self.fields[name].required = True
        if not self.instance.done_on:
            self.initial["done_on"] = timezone.localdate()


class FounderCheckInForm(ServiceErrorsMixin, forms.ModelForm):
    """The numbers the founders fill in for their mentor to confirm."""

    files = evidence_field()

    class Meta:
        model = CheckIn
        fields = NUMBER_FIELDS
        widgets = NUMBER_WIDGETS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("status", "revenue_band"):
            self.fields[name].required = True


class AssistanceForm(ServiceErrorsMixin, forms.ModelForm):
    """Legal or financial help given to a startup, with its documents."""

    files = CheckedFilesField(
        label=_("Add documents"),
        required=False,
        help_text=_("Contracts, invoices, certificates: PDF, JPEG, PNG or WebP."),
    )
    # One token per form shown: a second submit of the same form records the
    # help once.
    form_token = forms.UUIDField(widget=forms.HiddenInput(), required=False)

    class Meta:
        model = Assistance
        fields = [
            "kind",
            "description",
            "provider",
            "provided_on",
            "amount",
            "budget_line",
        ]
        widgets = {
            "provided_on": DateInput(),
            "amount": forms.NumberInput(
                attrs={"inputmode": "decimal", "min": 0, "step": "0.01"}
            ),
        }
        help_texts = {
            "budget_line": _(
                "A cost above 0 is recorded against this line of the edition's budget."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.initial.setdefault("form_token", uuid.uuid4())
            self.initial.setdefault("provided_on", timezone.localdate())
        else:
            del self.fields["form_token"]

    def clean_provided_on(self):
        provided_on = self.cleaned_data["provided_on"]
        if provided_on > timezone.localdate():
            raise forms.ValidationError(
                _("Record help once it has been given: the date is after today.")
            )
        return provided_on
