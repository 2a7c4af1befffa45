import datetime

import pytest
from django.utils.translation import gettext

from cohorts.forms import WorkshopForm
from tests import factories
from vsfa.timezones import AmbiguousTime, NonexistentTime, make_local

UTC = datetime.UTC


def naive(text):
    return datetime.datetime.fromisoformat(text)


@pytest.mark.parametrize(
    ("local", "expected"),
    [
        # Spring forward, 29 March 2026: 03:00 becomes 04:00 (UTC+2 to UTC+3).
        ("2026-03-29T02:59", datetime.datetime(2026, 3, 29, 0, 59, tzinfo=UTC)),
        ("2026-03-29T04:00", datetime.datetime(2026, 3, 29, 1, 0, tzinfo=UTC)),
        # Fall back, 25 October 2026: 04:00 becomes 03:00 again.
        ("2026-10-25T02:59", datetime.datetime(2026, 10, 24, 23, 59, tzinfo=UTC)),
        ("2026-10-25T04:00", datetime.datetime(2026, 10, 25, 2, 0, tzinfo=UTC)),
        ("2026-07-01T18:00", datetime.datetime(2026, 7, 1, 15, 0, tzinfo=UTC)),
        ("2026-12-01T18:00", datetime.datetime(2026, 12, 1, 16, 0, tzinfo=UTC)),
    ],
)
def test_make_local_times_around_the_changes(local, expected):
    result = make_local(naive(local))

    assert result == expected


@pytest.mark.parametrize("local", ["2026-03-29T03:00", "2026-03-29T03:59"])
def test_make_local_refuses_the_skipped_hour(local):
    with pytest.raises(NonexistentTime):
        make_local(naive(local))


@pytest.mark.parametrize("local", ["2026-10-25T03:00", "2026-10-25T03:59"])
def test_make_local_asks_about_the_repeated_hour(local):
    with pytest.raises(AmbiguousTime):
        make_local(naive(local))


def test_make_local_repeated_hour_first_and_second_time():
    first = make_local(naive("2026-10-25T03:30"), fold="0")
    second = make_local(naive("2026-10-25T03:30"), fold="1")

    assert (first, second) == (
        datetime.datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
        datetime.datetime(2026, 10, 25, 1, 30, tzinfo=UTC),
    )


def workshop_form(starts_at, **extra):
    data = {"title": "Atelier", "starts_at": starts_at, "duration_minutes": "180"}
    data.update(extra)
    return WorkshopForm(data)


@pytest.mark.django_db
def test_workshop_form_refuses_a_time_that_does_not_exist():
    form = workshop_form("2027-03-28T03:30")

    assert form.errors == {
        "starts_at": [
            gettext("This time does not exist that night: the clocks go forward.")
        ]
    }


@pytest.mark.django_db
def test_workshop_form_asks_which_repeated_time_and_shows_the_choice():
    form = workshop_form("2027-10-31T03:30")

    assert form.errors == {
        "starts_at": [
            gettext(
                "This time happens twice that night, as the clocks go back: "
                "choose below which one you mean."
            )
        ]
    }
    assert 'type="radio"' in str(form["fold"])
    assert "a doua oară" in str(form["fold"])


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fold", "expected"),
    [
        ("0", datetime.datetime(2027, 10, 31, 0, 30, tzinfo=UTC)),
        ("1", datetime.datetime(2027, 10, 31, 1, 30, tzinfo=UTC)),
    ],
)
def test_workshop_form_repeated_time_with_a_choice(fold, expected):
    form = workshop_form("2027-10-31T03:30", fold=fold)

    assert form.is_valid(), form.errors
    assert form.cleaned_data["starts_at"] == expected


@pytest.mark.django_db
def test_workshop_form_ordinary_time_needs_no_choice():
    form = workshop_form("2027-05-12T16:00")

    assert form.is_valid(), form.errors
    assert form.cleaned_data["starts_at"] == datetime.datetime(
        2027, 5, 12, 13, 0, tzinfo=UTC
    )
    assert 'type="hidden"' in str(form["fold"])


@pytest.mark.django_db
def test_workshop_form_editing_shows_which_repeated_time_is_saved(edition):
    workshop = factories.make_workshop(
        edition, starts_at=datetime.datetime(2027, 10, 31, 1, 30, tzinfo=UTC)
    )

    form = WorkshopForm(instance=workshop)

    assert form["starts_at"].value() == datetime.datetime(2027, 10, 31, 3, 30)
    assert form["fold"].value() == "1"
