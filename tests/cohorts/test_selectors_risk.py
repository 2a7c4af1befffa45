import datetime

import pytest
from django.utils import timezone

from cohorts.choices import EvidenceStatus, MemberStatus, WorkshopStatus
from cohorts.models import CohortMember, ModuleCompletion
from cohorts.selectors_risk import at_risk_in_edition, at_risk_in_groups_of
from tests import factories
from tests.cohorts import builders

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 5, 20)
SELECTED_ON = datetime.date(2027, 1, 10)
# Without any module, idleness counts from the first workshop, after selection.
IDLE_SINCE_FIRST_WORKSHOP = (TODAY - datetime.date(2027, 2, 13)).days


def _at(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _days_ago(days):
    return TODAY - datetime.timedelta(days=days)


@pytest.fixture
def modules(edition):
    return builders.make_modules(edition, 13)


@pytest.fixture
def workshops(edition):
    """Three workshops held (February, March, April) and one today."""
    return [
        factories.make_workshop(edition, title=title, starts_at=_at(day))
        for title, day in [
            ("Februarie", datetime.date(2027, 2, 13)),
            ("Martie", datetime.date(2027, 3, 13)),
            ("Aprilie", datetime.date(2027, 4, 10)),
            ("Mai", TODAY),
        ]
    ]


def _members(edition, count, selected_on=SELECTED_ON):
    members = builders.make_members(edition, count)
    CohortMember.objects.filter(pk__in=[member.pk for member in members]).update(
        decided_at=_at(selected_on)
    )
    return list(CohortMember.objects.filter(pk__in=[member.pk for member in members]))


def _member(edition, selected_on=SELECTED_ON):
    (member,) = _members(edition, 1, selected_on)
    return member


def _progressed(member, modules, days_ago, status=EvidenceStatus.CONFIRMED):
    """One module done ``days_ago`` days before today."""
    return ModuleCompletion.objects.create(
        member=member,
        module=modules[0],
        completed_on=_days_ago(days_ago),
        status=status,
    )


def _sheets_in(edition, modules, workshops):
    """A classmate present at ``workshops``: their attendance is in."""
    classmate = _member(edition)
    _progressed(classmate, modules, days_ago=1)
    builders.mark(classmate, workshops)
    return classmate


def _risks(edition):
    return {
        risk.member.pk: (
            [workshop.title for workshop in risk.missed],
            risk.idle_days,
        )
        for risk in at_risk_in_edition(edition, TODAY)
    }


# Two workshops missed in a row


@pytest.mark.parametrize(
    ("february", "march", "april", "missed"),
    [
        (None, WorkshopStatus.ABSENT, None, ["Martie", "Aprilie"]),
        (None, WorkshopStatus.ABSENT, WorkshopStatus.ABSENT, ["Martie", "Aprilie"]),
        (WorkshopStatus.PRESENT, None, None, ["Martie", "Aprilie"]),
        # Missed twice, but not the last two in a row.
        (None, WorkshopStatus.PRESENT, None, []),
        (None, None, WorkshopStatus.LATE, []),
        # An excused absence is not missed, and breaks the run.
        (None, None, WorkshopStatus.EXCUSED, []),
        (None, WorkshopStatus.EXCUSED, None, []),
    ],
)
def test_missed_the_last_two_workshops_in_a_row(
    edition, modules, workshops, february, march, april, missed
):
    _sheets_in(edition, modules, workshops[:3])
    member = _member(edition)
    _progressed(member, modules, days_ago=1)
    for workshop, status in zip(workshops, [february, march, april], strict=False):
        if status:
            builders.mark(member, [workshop], status)

    risks = _risks(edition)

    assert risks == ({member.pk: (missed, None)} if missed else {})


def test_a_workshop_without_attendance_is_not_held_yet(edition, modules, workshops):
    absent, unmarked = _members(edition, 2)
    for member in (absent, unmarked):
        _progressed(member, modules, days_ago=1)

    before = _risks(edition)
    _sheets_in(edition, modules, workshops[1:3])
    builders.mark(absent, workshops[1:3], WorkshopStatus.ABSENT)
    after = _risks(edition)

    assert before == {}
    assert after == {
        absent.pk: (["Martie", "Aprilie"], None),
        unmarked.pk: (["Martie", "Aprilie"], None),
    }


def test_a_workshop_of_today_is_not_held_yet(edition, modules, workshops):
    member = _member(edition)
    _progressed(member, modules, days_ago=1)
    builders.mark(member, workshops[:2])

    risks = _risks(edition)

    assert risks == {}


def test_workshops_before_selection_do_not_count(edition, modules, workshops):
    promoted = _member(edition, selected_on=datetime.date(2027, 3, 20))
    _progressed(promoted, modules, days_ago=1)

    risks = _risks(edition)

    assert risks == {}


def test_a_single_workshop_missed_since_selection_is_not_two(
    edition, modules, workshops
):
    promoted = _member(edition, selected_on=datetime.date(2027, 3, 20))
    _progressed(promoted, modules, days_ago=1)
    builders.mark(promoted, [workshops[2]], WorkshopStatus.ABSENT)

    risks = _risks(edition)

    assert risks == {}


# No module progress for 30 days


@pytest.mark.parametrize(("days_ago", "idle"), [(29, None), (30, 30), (45, 45)])
def test_no_module_progress_for_thirty_days(
    edition, modules, workshops, days_ago, idle
):
    member = _member(edition)
    builders.mark(member, workshops[1:3])
    _progressed(member, modules, days_ago=days_ago)

    risks = _risks(edition)

    assert risks == ({member.pk: ([], idle)} if idle else {})


def test_a_module_submitted_is_progress(edition, modules, workshops):
    member = _member(edition)
    builders.mark(member, workshops[1:3])
    _progressed(member, modules, days_ago=3, status=EvidenceStatus.SUBMITTED)

    risks = _risks(edition)

    assert risks == {}


def test_a_module_sent_back_is_not_progress(edition, modules, workshops):
    member = _member(edition)
    builders.mark(member, workshops[1:3])
    _progressed(member, modules, days_ago=3, status=EvidenceStatus.RETURNED)

    risks = _risks(edition)

    assert risks == {member.pk: ([], IDLE_SINCE_FIRST_WORKSHOP)}


def test_a_confirmation_is_progress_on_the_day_it_is_given(edition, modules, workshops):
    member = _member(edition)
    builders.mark(member, workshops[1:3])
    completion = _progressed(member, modules, days_ago=60)
    completion.reviewed_at = _at(_days_ago(29))
    completion.save()

    risks = _risks(edition)

    assert risks == {}


def test_without_any_module_counted_from_selection(edition, modules):
    member = _member(edition, selected_on=_days_ago(29))
    late = _member(edition, selected_on=_days_ago(30))

    risks = _risks(edition)

    assert risks == {late.pk: ([], 30)}
    assert member.pk not in risks


def test_without_any_module_counted_from_the_first_workshop(edition, modules):
    member = _member(edition, selected_on=_days_ago(90))
    factories.make_workshop(edition, starts_at=_at(_days_ago(29)))

    risks = _risks(edition)

    assert risks == {}
    assert member.pk not in risks


def test_every_module_in_leaves_nothing_to_progress_on(edition, modules, workshops):
    member = _member(edition)
    builders.mark(member, workshops[2:3])
    builders.complete(member, modules, on=_days_ago(100))

    risks = _risks(edition)

    assert risks == {}


def test_both_reasons_together(edition, modules, workshops):
    member = _member(edition)
    _sheets_in(edition, modules, workshops[1:3])

    (risk,) = at_risk_in_edition(edition, TODAY)

    assert risk.member == member
    assert [workshop.title for workshop in risk.missed] == ["Martie", "Aprilie"]
    assert risk.reasons == [
        "a lipsit de la ultimele două ateliere (13.03.2027, 10.04.2027)",
        f"niciun modul nou de {IDLE_SINCE_FIRST_WORKSHOP} de zile",
    ]
    assert risk.summary == (
        "A lipsit de la ultimele două ateliere (13.03.2027, 10.04.2027); "
        f"niciun modul nou de {IDLE_SINCE_FIRST_WORKSHOP} de zile"
    )


def test_reason_for_one_day_in_the_singular(edition, modules):
    member = _member(edition, selected_on=_days_ago(30))

    (risk,) = at_risk_in_edition(edition, TODAY)
    risk.idle_days = 1

    assert (risk.member, risk.summary) == (member, "Niciun modul nou de 1 zi")


# Who can be at risk


def test_members_who_met_the_rule_are_not_at_risk(edition, modules, workshops):
    member = _member(edition)
    builders.complete(member, modules[:11], on=_days_ago(100))
    builders.mark(member, workshops[:3])

    risks = _risks(edition)

    assert risks == {}


@pytest.mark.parametrize("status", [MemberStatus.WAITLISTED, MemberStatus.WITHDRAWN])
def test_only_selected_members_are_at_risk(edition, modules, workshops, status):
    member = _member(edition)
    CohortMember.objects.filter(pk=member.pk).update(status=status)

    risks = _risks(edition)

    assert risks == {}


def test_other_editions_are_left_out(edition, modules, workshops):
    other = factories.make_edition(current=False)
    _member(other)

    risks = _risks(edition)

    assert risks == {}


def test_a_mentor_sees_only_their_groups(edition, modules, workshops, mentor_user):
    theirs = _member(edition)
    other = _member(edition)
    factories.make_group(edition, mentors=[mentor_user.mentor], members=[theirs])
    factories.make_group(edition, mentors=[factories.make_mentor()], members=[other])

    risks = at_risk_in_groups_of(mentor_user.mentor, edition, TODAY)

    assert [risk.member for risk in risks] == [theirs]


@pytest.mark.parametrize("count", [1, 75])
def test_queries_do_not_grow_with_the_cohort(
    edition, modules, workshops, django_assert_num_queries, count
):
    members = _members(edition, count)
    _sheets_in(edition, modules, workshops[:3])

    with django_assert_num_queries(5):
        risks = at_risk_in_edition(edition, TODAY)

    assert sorted(risk.member.pk for risk in risks) == sorted(
        member.pk for member in members
    )


# Only while the training runs


def test_nobody_is_at_risk_once_the_final_is_held(edition, modules, workshops):
    _member(edition)
    factories.make_final(edition, date=TODAY - datetime.timedelta(days=1))

    risks = at_risk_in_edition(edition, TODAY)

    assert risks == []


def test_between_workshops_the_training_still_runs(edition, modules, workshops):
    member = _member(edition)
    _progressed(member, modules, days_ago=1)
    _sheets_in(edition, modules, workshops[1:4])
    later = TODAY + datetime.timedelta(days=10)

    risks = at_risk_in_edition(edition, later)

    assert [(risk.member, risk.missed) for risk in risks] == [
        (member, [workshops[2], workshops[3]])
    ]


def test_on_the_day_of_the_last_workshop_the_training_still_runs(
    edition, modules, workshops
):
    member = _member(edition)
    _sheets_in(edition, modules, workshops[1:3])

    risks = _risks(edition)

    assert risks == {member.pk: (["Martie", "Aprilie"], IDLE_SINCE_FIRST_WORKSHOP)}


def test_after_the_final_the_groups_have_nobody_at_risk(
    edition, modules, workshops, mentor_user
):
    member = _member(edition)
    factories.make_group(edition, mentors=[mentor_user.mentor], members=[member])
    factories.make_final(edition, date=TODAY + datetime.timedelta(days=100))

    risks = at_risk_in_groups_of(
        mentor_user.mentor, edition, TODAY + datetime.timedelta(days=101)
    )

    assert risks == []
