from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from vsfa.choices import Role
from vsfa.models import Edition
from vsfa.text import by_full_name, by_name, by_text


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PeopleByName(ModelChoiceIterator):
    """Choices of people in Romanian alphabetical order.

    Sorted here rather than by the database: a form lists at most a cohort,
    so one query reads them all anyway.
    """

    # The attribute of a choice that holds its person; None for people.
    person = None

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        queryset = self.queryset
        # As Django's own iterator: the field's queryset keeps no cache.
        if not queryset._prefetch_related_lookups:
            queryset = queryset.iterator()
        for obj in self.ordered(queryset):
            yield self.choice(obj)

    def ordered(self, objects):
        return by_name(objects, self.person)


class MembersByName(PeopleByName):
    """Choices of cohort members in Romanian alphabetical order of name."""

    person = "person"


class UsersByName(PeopleByName):
    """Choices of accounts in Romanian alphabetical order of full name."""

    # The attribute of a choice that holds its account; None for accounts.
    account = None

    def ordered(self, objects):
        return by_full_name(objects, self.account)


class MentorsByName(UsersByName):
    account = "user"


class ByLabel(PeopleByName):
    """Choices in Romanian alphabetical order of the label shown (a school's
    short name, a team's name), whatever the field orders them by."""

    def ordered(self, objects):
        return by_text(objects, self.field.label_from_instance)


class EditionForm(forms.ModelForm):
    make_current = forms.BooleanField(
        label=_("Make it the current edition"), required=False
    )

    class Meta:
        model = Edition
        fields = [
            "name",
            "starts_on",
            "ends_on",
            "target_conferences",
            "target_attendees",
            "cohort_size",
            "target_modules",
            "target_finals",
            "finalist_count",
            "target_startups",
            "checkin_count",
            "checkin_interval_months",
            "min_modules_completed",
            "min_workshop_percent",
            "certificate_signatory",
            "certificate_signatory_role",
        ]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}
        help_texts = {
            "name": _("For example 2026/2027."),
            "certificate_signatory": _(
                "Printed under the signature line of the certificates of "
                "completion, e.g. the programme coordinator."
            ),
        }

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The edition cannot end before it starts."))
        return cleaned


class InviteForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (Role.ORGANISER, Role.ORGANISER.label),
            (Role.MENTOR, Role.MENTOR.label),
            (Role.JUROR, Role.JUROR.label),
        ],
    )
