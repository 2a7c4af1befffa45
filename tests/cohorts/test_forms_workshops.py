import pytest

from cohorts.forms import WorkshopForm

pytestmark = pytest.mark.django_db


def workshop_form(**extra):
    data = {"title": "Atelier", "starts_at": "2027-05-12T16:00"}
    data.update(extra)
    return WorkshopForm(data)


@pytest.mark.parametrize(("typed", "expected"), [("", 180), ("15", 15), ("90", 90)])
def test_workshop_form_duration_defaults_to_three_hours(typed, expected):
    form = workshop_form(duration_minutes=typed)

    assert form.is_valid(), form.errors
    assert form.cleaned_data["duration_minutes"] == expected


@pytest.mark.parametrize("typed", ["5", "721"])
def test_workshop_form_duration_out_of_range_refused(typed):
    form = workshop_form(duration_minutes=typed)

    assert list(form.errors) == ["duration_minutes"]
