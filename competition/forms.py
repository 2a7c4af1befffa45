from django import forms
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from cohorts.models import CohortMember
from competition import selectors, services
from competition.models import Criterion, Final, Prize
from vsfa.forms import DateInput


class FinalForm(forms.ModelForm):
    class Meta:
        model = Final
        fields = ["title", "date", "venue", "scale_min", "scale_max"]
        widgets = {"date": DateInput()}
        help_texts = {
            "scale_max": _(
                "Jurors pick one whole number from the lowest to the highest."
            ),
        }

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("scale_min"), cleaned.get("scale_max")
        if low is not None and high is not None:
            try:
                services.check_scale(low, high)
            except ValidationError as error:
                self.add_error("scale_max", error)
        return cleaned


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["order", "name", "description", "weight"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"order": _("Leave it empty to put the criterion last.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False
        if self.instance.pk is None:
            # Without the model's default the empty card stays unchanged, so
            # the formset does not ask to fill it in.
            self.initial.pop("order", None)
            self.fields["order"].initial = None


class BaseCriterionFormSet(forms.BaseInlineFormSet):
    def kept_forms(self):
        return [
            form
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = self.kept_forms()
        if not kept:
            raise ValidationError(_("A final needs at least one criterion."))
        services.check_weights([form.cleaned_data["weight"] for form in kept])

    def rows(self):
        """The criteria as ``services.replace_criteria`` takes them."""
        return [
            {
                "pk": form.instance.pk,
                "order": form.cleaned_data.get("order") or position,
                "name": form.cleaned_data["name"],
                "description": form.cleaned_data.get("description", ""),
                "weight": form.cleaned_data["weight"],
            }
            for position, form in enumerate(self.kept_forms(), start=1)
        ]


CriterionFormSet = inlineformset_factory(
    Final,
    Criterion,
    form=CriterionForm,
    formset=BaseCriterionFormSet,
    extra=1,
    can_delete=True,
)


class MemberChoiceField(forms.ModelMultipleChoiceField):
    # ``{member pk: completed the training}``, set by the form for its members.
    completion = {}

    def label_from_instance(self, obj):
        if self.completion.get(obj.pk):
            status = _("completed the training")
        else:
            status = _("has not completed the training yet")
        return f"{obj.person.full_name} ({status})"


class FinalistForm(forms.Form):
    name = forms.CharField(
        label=_("Project or team name"),
        max_length=200,
        required=False,
        help_text=_("Leave it empty for one person: their name is used."),
    )
    summary = forms.CharField(
        label=_("One-line summary"), max_length=300, required=False
    )
    pitch_order = forms.IntegerField(label=_("Pitch order"), min_value=1, max_value=999)
    # Not required here: the service says what is missing in the programme's words.
    members = MemberChoiceField(
        label=_("Members"),
        queryset=CohortMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only members selected into this edition's cohort are listed."),
    )

    def __init__(self, *args, final, finalist=None, **kwargs):
        super().__init__(*args, **kwargs)
        members = selectors.eligible_members(final, finalist)
        field = self.fields["members"]
        field.queryset = members
        field.completion = selectors.completion_of(final.edition, members)


class JurorForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"))
    affiliation = forms.CharField(
        label=_("Affiliation"),
        max_length=200,
        required=False,
        help_text=_("Company or organisation, as shown to the organisers."),
    )


class ScoreSheetForm(forms.Form):
    """One choice per criterion on the final's scale, and a comment.

    Nothing is required here: a draft may be partial; the service refuses a
    submission with a criterion left out.
    """

    comment = forms.CharField(
        label=_("Comment for the finalist (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, criteria, final, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        choices = [
            (value, str(value)) for value in range(final.scale_min, final.scale_max + 1)
        ]
        for criterion in self.criteria:
            self.fields[self.field_name(criterion)] = forms.TypedChoiceField(
                label=criterion.name,
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect(attrs={"class": "btn-check"}),
            )

    @staticmethod
    def field_name(criterion):
        return f"criterion_{criterion.pk}"

    def score_fields(self):
        return [
            (criterion, self[self.field_name(criterion)]) for criterion in self.criteria
        ]

    def values(self):
        return {
            criterion.pk: self.cleaned_data.get(self.field_name(criterion))
            for criterion in self.criteria
        }


class PrizeForm(forms.ModelForm):
    class Meta:
        model = Prize
        fields = ["name", "place", "amount_lei", "finalist", "note"]

    def __init__(self, *args, final, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["finalist"].queryset = final.finalists.order_by("pitch_order")
