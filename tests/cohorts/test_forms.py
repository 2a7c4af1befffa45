import datetime

import pytest

from cohorts import forms
from tests import factories

pytestmark = pytest.mark.django_db

# Shown in this order in Romanian; ordered by their full names, Airinei would
# come first.
SHOWN = [
    "CT Elena Caragiani",
    "CT Gheorghe Airinei",
    "Seminarul Teologic",
    "Școala Gimnazială 5",
    "Tudor Vianu",
]


@pytest.fixture
def schools(db):
    return factories.make_schools_to_order()


def _labels(field):
    return [str(label) for value, label in field.choices if value]


@pytest.mark.parametrize(
    "form_class",
    [
        forms.ConferenceForm,
        forms.AttendeeForm,
        forms.SelectionFilterForm,
        forms.ApplicationFilterForm,
    ],
)
def test_school_choices_are_in_romanian_order_of_the_name_shown(form_class, schools):
    form = form_class()

    assert _labels(form.fields["school"]) == SHOWN


def test_selection_filter_orders_the_schools_it_is_given(schools):
    form = forms.SelectionFilterForm(schools=schools)

    assert _labels(form.fields["school"]) == SHOWN


def test_application_form_lists_full_school_names_in_romanian_order(schools):
    form = forms.ApplicationForm(schools=schools, today=datetime.date(2026, 9, 1))

    assert _labels(form.fields["school"])[:-1] == [
        "Colegiul Tehnic de Poștă Gheorghe Airinei",
        "Colegiul Tehnic nr. 2 Elena Caragiani",
        "Seminarul Teologic",
        "Școala Gimnazială nr. 5",
        "Tudor Vianu",
    ]
