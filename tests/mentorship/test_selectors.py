import datetime

import pytest
from django.utils import timezone, translation

from mentorship import selectors
from mentorship.choices import Light
from mentorship.models import Job, Startup
from mentorship.schedule import add_months
from tests.mentorship.builders import confirm, make_followed_startup

TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def months_ago(months, days=0):
    return add_months(TODAY, -months) - datetime.timedelta(days=days)


def test_jobs_created_counts_employment_contracts_only():
    assert (
        selectors.jobs_created_from(
            ["full_time", "part_time", "collaboration", "founder", "full_time"]
        )
        == 3
    )


# "Jobs created" and "still active after six months"


def test_portfolio_figures_follow_their_definitions(edition):
    active = make_followed_startup(edition, registration_date=months_ago(7))
    confirm(
        active.checkins.get(number=6),
        jobs=["full_time", "part_time", "founder", "collaboration"],
    )
    # An earlier check-in does not count once a later one is confirmed.
    confirm(active.checkins.get(number=2), jobs=["full_time"] * 5)
    closed = make_followed_startup(edition, registration_date=months_ago(6, days=3))
    confirm(closed.checkins.get(number=6), status="closed", jobs=["full_time"])
    unknown = make_followed_startup(edition, registration_date=months_ago(8))
    confirm(unknown.checkins.get(number=5), jobs=["founder"])
    young = make_followed_startup(edition, registration_date=months_ago(2))
    confirm(young.checkins.get(number=1), jobs=["part_time"])
    # Numbers the founders filled in count only once a mentor confirms them.
    draft = young.checkins.get(number=2)
    draft.submitted_at = timezone.now()
    draft.jobs_created = 9
    draft.save()
    Job.objects.bulk_create(
        Job(checkin=draft, contract_type="full_time", started_on=TODAY)
        for _ in range(9)
    )

    figures = selectors.portfolio_figures(Startup.objects.filter(edition=edition))

    assert figures.startups == 4
    assert figures.jobs_created == 4
    assert figures.working == {
        "full_time": 2,
        "part_time": 2,
        "collaboration": 1,
        "founder": 2,
    }
    assert (figures.six_months_old, figures.still_active, figures.not_known) == (
        3,
        1,
        1,
    )


def test_portfolio_figures_six_months_counted_from_the_registration_date(edition):
    registered = months_ago(6)
    startup = make_followed_startup(edition, registration_date=registered)
    # Confirmed the day before the six-month anniversary: not yet known.
    confirm(
        startup.checkins.get(number=6),
        done_on=add_months(registered, 6) - datetime.timedelta(days=1),
    )

    figures = selectors.portfolio_figures(Startup.objects.all())

    assert (figures.six_months_old, figures.still_active, figures.not_known) == (
        1,
        0,
        1,
    )


def test_portfolio_figures_of_no_startup(db):
    figures = selectors.portfolio_figures(Startup.objects.none())

    assert (figures.startups, figures.jobs_created, figures.six_months_old) == (0, 0, 0)


# The traffic light


def portfolio_row(startup):
    return selectors.portfolio(Startup.objects.filter(pk=startup.pk)).get()


@pytest.mark.parametrize(
    ("late_days", "light", "reason"),
    [
        (14, Light.RED, "A check-in is 14 days late"),
        (30, Light.RED, "A check-in is 30 days late"),
        (13, Light.AMBER, "A check-in is 13 days late"),
        (1, Light.AMBER, "A check-in is 1 day late"),
    ],
)
def test_traffic_light_by_how_late(edition, late_days, light, reason):
    startup = make_followed_startup(edition, registration_date=months_ago(3))
    startup.checkins.filter(number__lte=2).update(done_on=TODAY, status="active")
    startup.checkins.filter(number=3).update(
        due_on=TODAY - datetime.timedelta(days=late_days)
    )

    result = selectors.traffic_light(portfolio_row(startup), TODAY)

    assert (result.light, str(result.reason)) == (light, reason)


@pytest.mark.parametrize(
    ("status", "light", "label", "icon", "colour", "reason"),
    [
        ("active", Light.GREEN, "On track", "✔", "success", "Check-ins up to date"),
        ("paused", Light.AMBER, "Needs a look", "▲", "warning", "Paused"),
        ("closed", Light.RED, "Act now", "✖", "danger", "Closed"),
    ],
)
def test_traffic_light_by_last_status_has_icon_and_words(
    edition, status, light, label, icon, colour, reason
):
    startup = make_followed_startup(edition, registration_date=months_ago(1, days=2))
    confirm(startup.checkins.get(number=1), status=status)

    result = selectors.traffic_light(portfolio_row(startup), TODAY)

    assert (result.light, result.label, result.icon, result.colour) == (
        light,
        label,
        icon,
        colour,
    )
    assert str(result.reason) == reason


def test_traffic_light_amber_while_founders_numbers_wait(edition):
    startup = make_followed_startup(edition, registration_date=TODAY)
    startup.checkins.filter(number=1).update(submitted_at=timezone.now())

    result = selectors.traffic_light(portfolio_row(startup), TODAY)

    assert (result.light, str(result.reason)) == (
        Light.AMBER,
        "Numbers from the founders to confirm",
    )


def test_portfolio_last_checkin_is_the_latest_confirmed(edition):
    startup = make_followed_startup(edition, registration_date=months_ago(3))
    confirm(startup.checkins.get(number=1), status="active", jobs=["full_time"])
    confirm(startup.checkins.get(number=2), status="paused", jobs=["full_time"] * 2)
    startup.checkins.filter(number=3).update(submitted_at=timezone.now())

    row = selectors.with_lights([portfolio_row(startup)], TODAY)[0]

    assert (row.last_number, row.last_status, row.last_jobs, row.to_confirm) == (
        2,
        "paused",
        2,
        1,
    )
    assert str(row.last_status_label) == "Paused"


# Reminders


def test_reminders_to_send_lists_the_organisers_alert(edition, mentor_user):
    startup = make_followed_startup(
        edition, mentors=[mentor_user.mentor], registration_date=months_ago(2)
    )
    first, second = startup.checkins.get(number=1), startup.checkins.get(number=2)
    first.due_on = TODAY - datetime.timedelta(days=14)
    first.save()
    second.due_on = TODAY + datetime.timedelta(days=3)
    second.save()

    due = selectors.reminders_to_send(TODAY)

    assert due == [(second.pk, "due"), (first.pk, "late"), (first.pk, "alert")]
