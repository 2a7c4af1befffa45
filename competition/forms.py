from django import forms
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from cohorts.models import CohortMember, School
from competition import selectors, services
from competition.choices import TieBreak
from competition.models import Criterion, Final, Finalist, Prize
from mentorship.models import Mentor
from vsfa import uploads
from vsfa.forms import ByLabel, DateInput, MembersByName, MentorsByName


def validate_deck(upload):
    """A pitch deck is a PDF by its content (``%PDF-``), within the upload limit."""
    checked = uploads.validate_document(upload)
    if checked.extension != "pdf":
        raise ValidationError(
            _("A pitch deck must be a PDF, whatever its name says."), code="not_pdf"
        )
    return checked


class FinalForm(forms.ModelForm):
    class Meta:
        model = Final
        fields = [
            "title",
            "date",
            "venue",
            "scale_min",
            "scale_max",
            "peer_vote_percent",
            "appeal_days",
        ]
        widgets = {"date": DateInput()}
        help_texts = {
            "scale_max": _(
                "Jurors pick one whole number from the lowest to the highest."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Empty means "as it is" (the defaults for a new final).
        for name in ("peer_vote_percent", "appeal_days"):
            self.fields[name].required = False

    def clean(self):
        cleaned = super().clean()
        for name in ("peer_vote_percent", "appeal_days"):
            if cleaned.get(name) is None and name not in self.errors:
                cleaned[name] = getattr(self.instance, name)
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

    # Unticked (or not sent) means counted, as most criteria are.
    optional = forms.BooleanField(
        label=_("Optional: shown and scored, not counted in the result"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False
        self.fields["optional"].initial = not self.instance.counted
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
        services.check_weights(
            [
                form.cleaned_data["weight"]
                for form in kept
                if not form.cleaned_data.get("optional")
            ]
        )

    def rows(self):
        """The criteria as ``services.replace_criteria`` takes them."""
        return [
            {
                "pk": form.instance.pk,
                "order": form.cleaned_data.get("order") or position,
                "name": form.cleaned_data["name"],
                "description": form.cleaned_data.get("description", ""),
                "weight": form.cleaned_data["weight"],
                "counted": not form.cleaned_data.get("optional"),
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
    iterator = MembersByName
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
    override_reason = forms.CharField(
        label=_("Reason for an exception to the completion rule"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Only for a member who has not completed the training: it is "
            "recorded and shown with the finalist."
        ),
    )
    deck = uploads.CheckedFileField(
        label=_("Pitch deck (PDF)"),
        required=False,
        check=validate_deck,
        help_text=_("Shown only to the organisers and this final's jurors."),
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
    # One per page shown: a submission sent again with it is counted once.
    submission_key = forms.CharField(
        required=False, max_length=64, widget=forms.HiddenInput
    )

    def __init__(self, *args, criteria, final, **kwargs):
        super().__init__(*args, **kwargs)
        self.final = final
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

    def levels(self):
        """``[(score, what it means)]`` for the scale, where described."""
        described = self.final.level_descriptions or {}
        return [
            (value, described[str(value)])
            for value in range(self.final.scale_min, self.final.scale_max + 1)
            if described.get(str(value))
        ]

    def values(self):
        return {
            criterion.pk: self.cleaned_data.get(self.field_name(criterion))
            for criterion in self.criteria
        }


class PrizeForm(forms.ModelForm):
    class Meta:
        model = Prize
        fields = ["name", "place", "amount_lei", "finalist", "decision", "note"]
        help_texts = {
            "place": _(
                "A ranked prize goes to whoever holds this place in the "
                "certified results. Leave it empty for a special award."
            ),
            "finalist": _("For a special award only."),
        }

    def __init__(self, *args, final, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["finalist"].queryset = final.finalists.order_by("pitch_order")


class LevelsForm(forms.Form):
    """One text per score of the final's scale: what that score means."""

    def __init__(self, *args, final, **kwargs):
        super().__init__(*args, **kwargs)
        described = final.level_descriptions or {}
        for value in range(final.scale_min, final.scale_max + 1):
            self.fields[f"level_{value}"] = forms.CharField(
                label=_("%(score)s means") % {"score": value},
                required=False,
                max_length=300,
                initial=described.get(str(value), ""),
            )

    def initial_levels(self):
        """``[(score, text)]`` as saved, for showing."""
        return [
            (name.removeprefix("level_"), field.initial)
            for name, field in self.fields.items()
        ]

    def descriptions(self):
        return {
            name.removeprefix("level_"): value
            for name, value in self.cleaned_data.items()
        }


TIE_BREAK_STEPS = 4


class TieBreakForm(forms.Form):
    """Up to four steps, in order; an empty step ends the chain."""

    def __init__(self, *args, final, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = {c.pk: c for c in final.criteria.all()}
        choices = [("", _("(none)"))]
        choices += [
            (f"criterion:{c.pk}", _("Higher average on %(name)s") % {"name": c.name})
            for c in self.criteria.values()
        ]
        choices += [
            (TieBreak.FIRST_PLACES.value, TieBreak.FIRST_PLACES.label),
            (TieBreak.CASTING_VOTE.value, TieBreak.CASTING_VOTE.label),
        ]
        current = [
            f"criterion:{step.criterion_id}"
            if step.kind == TieBreak.CRITERION
            else step.kind
            for step in final.tie_break_steps.all()
        ]
        for number in range(1, TIE_BREAK_STEPS + 1):
            self.fields[f"step_{number}"] = forms.ChoiceField(
                label=_("Step %(number)s") % {"number": number},
                choices=choices,
                required=False,
                initial=current[number - 1] if number <= len(current) else "",
            )

    def steps(self):
        """``[(kind, criterion or None)]`` up to the first empty step."""
        steps = []
        for number in range(1, TIE_BREAK_STEPS + 1):
            value = self.cleaned_data.get(f"step_{number}")
            if not value:
                break
            if value.startswith("criterion:"):
                pk = int(value.split(":", 1)[1])
                steps.append((TieBreak.CRITERION, self.criteria[pk]))
            else:
                steps.append((value, None))
        return steps


class ConflictForm(forms.Form):
    schools = forms.ModelMultipleChoiceField(
        label=_("Schools you are tied to (you work, teach or study there)"),
        queryset=School.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    members = forms.ModelMultipleChoiceField(
        label=_("Participants you are tied to (family, pupils, friends)"),
        queryset=CohortMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    mentors = forms.ModelMultipleChoiceField(
        label=_("Mentors you are tied to (colleagues, family, business)"),
        queryset=Mentor.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    finalists = forms.ModelMultipleChoiceField(
        label=_("Teams you are tied to (you advised or invested in them)"),
        queryset=Finalist.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=_("Other ties the organisers should know of"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    confirm = forms.BooleanField(
        label=_(
            "I have declared every tie I have. I understand this is declared "
            "once, and that I will not score the teams concerned."
        ),
    )

    def __init__(self, *args, final, **kwargs):
        super().__init__(*args, **kwargs)
        # The iterator first: setting the queryset hands the choices to the widget.
        self.fields["schools"].iterator = ByLabel
        self.fields["schools"].queryset = School.objects.all()
        self.fields["members"].iterator = MembersByName
        self.fields["members"].queryset = selectors.finalist_members(final)
        self.fields["members"].label_from_instance = lambda m: m.person.full_name
        self.fields["mentors"].iterator = MentorsByName
        self.fields["mentors"].queryset = Mentor.objects.select_related("user")
        self.fields["finalists"].iterator = ByLabel
        self.fields["finalists"].queryset = final.finalists.all()


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (recorded)"), widget=forms.Textarea(attrs={"rows": 2})
    )


class CastingVoteForm(forms.Form):
    """The chair gives each tied finalist a place within the group."""

    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=300)

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = list(group)
        places = [(n, str(n)) for n in range(1, len(self.group) + 1)]
        for finalist in self.group:
            self.fields[f"place_{finalist.pk}"] = forms.TypedChoiceField(
                label=finalist.name, choices=places, coerce=int
            )

    def clean(self):
        cleaned = super().clean()
        chosen = [cleaned.get(f"place_{f.pk}") for f in self.group]
        if None not in chosen and sorted(chosen) != list(range(1, len(chosen) + 1)):
            raise ValidationError(_("Give each finalist a different place."))
        return cleaned

    def order(self):
        return sorted(self.group, key=lambda f: self.cleaned_data[f"place_{f.pk}"])


class PeerVoteForm(forms.Form):
    choice = forms.ModelChoiceField(
        label=_("Your team's vote goes to"),
        queryset=Finalist.objects.none(),
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, voter, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["choice"].queryset = voter.final.finalists.exclude(
            pk=voter.pk
        ).order_by("pitch_order")


class AppealForm(forms.Form):
    text = forms.CharField(
        label=_("Your appeal: what you contest, and why"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer to the finalist"), widget=forms.Textarea(attrs={"rows": 4})
    )
