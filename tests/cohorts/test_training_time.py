import datetime

import pytest
from django.core.exceptions import ValidationError

from cohorts.choices import MemberStatus, WorkshopStatus
from cohorts.models import Workshop
from cohorts.services import save_workshop
from cohorts.training_time import (
    check_within_edition,
    completions_lost_by,
    in_edition_over,
    training_over,
)
from tests import factories
from tests.cohorts import builders

pytestmark = pytest.mark.django_db

# 10 March 2027, 18:00 in Bucharest.
LAST = datetime.datetime(2027, 3, 10, 16, 0, tzinfo=datetime.UTC)


def at(day):
    return datetime.datetime.combine(day, datetime.time(10), tzinfo=datetime.UTC)


def test_training_between_two_workshops_is_not_over(edition):
    factories.make_workshop(
        edition, title="Primul", starts_at=LAST - datetime.timedelta(days=30)
    )
    factories.make_workshop(edition, title="Ultimul", starts_at=LAST)

    over = training_over(edition, datetime.date(2027, 3, 20))

    assert over is False


@pytest.mark.parametrize(
    ("today", "over"),
    [
        (datetime.date(2027, 9, 19), False),
        (datetime.date(2027, 9, 20), False),
        (datetime.date(2027, 9, 21), True),
    ],
)
def test_training_is_over_the_day_after_the_final(edition, today, over):
    factories.make_workshop(edition, title="Ultimul", starts_at=LAST)
    factories.make_final(edition, date=datetime.date(2027, 9, 20))

    assert training_over(edition, today) is over


@pytest.mark.parametrize(
    ("today", "over"),
    [
        (datetime.date(2028, 3, 31), False),
        (datetime.date(2028, 4, 1), True),
    ],
)
def test_without_a_final_training_is_over_once_the_edition_ends(edition, today, over):
    factories.make_workshop(edition, title="Ultimul", starts_at=LAST)

    assert training_over(edition, today) is over


def test_a_final_to_come_keeps_the_training_running_after_the_edition(edition):
    factories.make_final(edition, date=datetime.date(2028, 5, 10))

    over = training_over(edition, datetime.date(2028, 4, 15))

    assert over is False


def test_in_edition_over_answers_for_each_row(edition):
    ended = factories.make_edition(current=False, ends_on=datetime.date(2027, 1, 31))
    final_held = factories.make_edition(current=False)
    factories.make_final(final_held, date=datetime.date(2027, 2, 1))
    factories.make_final(final_held, title="A doua", date=datetime.date(2027, 2, 2))
    for each in (edition, ended, final_held):
        factories.make_workshop(each, starts_at=LAST)

    over = dict(
        Workshop.objects.annotate(
            over=in_edition_over(datetime.date(2027, 3, 1))
        ).values_list("edition", "over")
    )

    assert over == {edition.pk: False, ended.pk: True, final_held.pk: True}


@pytest.mark.parametrize("day", [datetime.date(2026, 9, 1), datetime.date(2028, 3, 31)])
def test_workshop_on_the_edition_first_or_last_day_is_within(edition, day):
    check_within_edition(edition, at(day))


@pytest.mark.parametrize("day", [datetime.date(2026, 8, 31), datetime.date(2028, 4, 1)])
def test_workshop_outside_the_edition_is_refused(edition, day):
    with pytest.raises(ValidationError) as caught:
        check_within_edition(edition, at(day))

    assert caught.value.messages == [
        "Un atelier trebuie să aibă loc în timpul ediției, între 01.09.2026 și "
        "31.03.2028."
    ]


def test_save_workshop_refuses_a_date_after_the_edition(organiser, edition):
    workshop = Workshop(
        edition=edition, title="Târziu", starts_at=at(datetime.date(2028, 5, 2))
    )

    with pytest.raises(ValidationError) as caught:
        save_workshop(actor=organiser, workshop=workshop)

    assert list(caught.value.message_dict) == ["starts_at"]
    assert Workshop.objects.count() == 0


def rule(edition, modules, percent):
    edition.min_modules_completed = modules
    edition.min_workshop_percent = percent
    edition.save()


def graduates(edition, count, modules, workshops):
    members = builders.make_members(edition, count)
    for member in members:
        builders.complete(member, modules)
        builders.mark(member, workshops)
    return members


def test_a_new_workshop_loses_the_graduates_at_the_limit(edition):
    rule(edition, modules=1, percent=75)
    modules = [factories.make_module(edition)]
    workshops = builders.make_workshops(edition, 4)
    graduates(edition, 2, modules, workshops[:3])
    graduates(edition, 1, modules, workshops)
    builders.make_members(edition, 1)
    builders.make_members(edition, 1, status=MemberStatus.WAITLISTED)

    lost = completions_lost_by(Workshop(edition=edition, title="Nou", starts_at=LAST))

    # 3 of 4 is 75%, 3 of 5 is 60%; 4 of 5 is still 80%.
    assert lost == 2


def test_moving_a_workshop_loses_nobody(edition):
    rule(edition, modules=0, percent=75)
    workshops = builders.make_workshops(edition, 4)
    graduates(edition, 2, [], workshops[:3])
    moved = workshops[0]
    moved.starts_at = LAST

    assert completions_lost_by(moved) == 0


def test_a_late_attendance_counts_for_completion(edition):
    rule(edition, modules=0, percent=100)
    (member,) = builders.make_members(edition, 1)
    builders.mark(member, builders.make_workshops(edition, 1), WorkshopStatus.LATE)

    assert (
        completions_lost_by(Workshop(edition=edition, title="Nou", starts_at=LAST)) == 1
    )
