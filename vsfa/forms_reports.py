import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from vsfa.forms import DateInput
from vsfa.models import Cost, Edition


class BudgetForm(forms.ModelForm):
    class Meta:
        model = Edition
        fields = [
            "budget_curriculum",
            "budget_running",
            "budget_events",
            "retention_years",
        ]

    def clean(self):
        cleaned = super().clean()
        for name in ("budget_curriculum", "budget_running", "budget_events"):
            value = cleaned.get(name)
            if value is not None and value < 0:
                self.add_error(name, _("A budget cannot be negative."))
        return cleaned


class CostForm(forms.ModelForm):
    # A one-time token: a second submit of the same form records nothing more.
    form_token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    class Meta:
        model = Cost
        fields = ["line", "spent_on", "amount", "description"]
        widgets = {"spent_on": DateInput()}

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount <= 0:
            raise forms.ValidationError(_("Enter an amount greater than zero."))
        return amount
