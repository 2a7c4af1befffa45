import pytest

from cohorts import selectors
from cohorts.choices import MemberStatus, WorkshopStatus
from tests import factories
from tests.cohorts import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(edition):
    (member,) = builders.make_members(edition, 1)
    return member


@pytest.mark.parametrize(("done", "expected"), [(10, False), (11, True), (13, True)])
def test_has_completed_needs_the_edition_modules(edition, member, done, expected):
    modules = builders.make_modules(edition, 13)
    builders.complete(member, modules[:done])

    assert selectors.has_completed(member) is expected


@pytest.mark.parametrize(("attended", "expected"), [(74, False), (75, True)])
def test_has_completed_needs_the_workshop_share(edition, member, attended, expected):
    builders.complete(member, builders.make_modules(edition, 11))
    workshops = builders.make_workshops(edition, 100)
    builders.mark(member, workshops[:attended])

    assert selectors.has_completed(member) is expected


def test_has_completed_counts_late_but_not_excused(edition, member):
    builders.complete(member, builders.make_modules(edition, 11))
    workshops = builders.make_workshops(edition, 4)
    builders.mark(member, workshops[:2])
    builders.mark(member, workshops[2:3], status=WorkshopStatus.LATE)
    builders.mark(member, workshops[3:], status=WorkshopStatus.EXCUSED)

    progress = selectors.member_progress(member)

    assert (progress.workshops_attended, progress.workshops_met) == (3, True)


def test_has_completed_counts_workshops_still_to_come(edition, member):
    builders.complete(member, builders.make_modules(edition, 11))
    held = builders.make_workshops(edition, 3)
    builders.make_workshops(edition, 1, starts_at=builders.FUTURE)
    builders.mark(member, held[:2])

    progress = selectors.member_progress(member)

    # 2 of 4 planned: not complete yet, though 2 of 3 held so far.
    assert (progress.workshops_held, progress.workshop_percent) == (3, 66)
    assert progress.completed is False


def test_has_completed_is_false_once_withdrawn(edition, member):
    builders.complete(member, builders.make_modules(edition, 13))
    member.status = MemberStatus.WITHDRAWN
    member.save()

    assert selectors.has_completed(member) is False


def test_member_progress_lists_remaining_and_next_workshop(edition, member):
    modules = builders.make_modules(edition, 3)
    builders.complete(member, modules[:1])
    builders.make_workshops(edition, 1)
    later = builders.make_workshops(edition, 2, starts_at=builders.FUTURE)

    progress = selectors.member_progress(member)

    assert (progress.modules_done, progress.module_count) == (1, 3)
    assert progress.remaining == modules[1:]
    assert progress.next_workshop == later[0]


def test_member_progress_lists_completions_in_module_order(edition, member):
    modules = builders.make_modules(edition, 3)
    builders.complete(member, [modules[2], modules[0]])

    progress = selectors.member_progress(member)

    assert [c.module for c in progress.completions] == [modules[0], modules[2]]


def test_member_progress_counts_a_module_of_another_edition_as_standing_does(
    edition, member
):
    other = factories.make_edition("2040/2041", current=False)
    builders.complete(member, builders.make_modules(edition, 2))
    # Recorded by hand in the admin, which does not check the edition.
    builders.complete(member, [factories.make_module(other, number=3)])

    progress = selectors.member_progress(member)

    assert progress.modules_done == 3
    assert selectors.standing_of(member).modules_done == 3
    assert [c.module.number for c in progress.completions] == [1, 2, 3]


def test_member_progress_uses_the_edition_rule(member):
    edition = member.edition
    edition.min_modules_completed = 2
    edition.min_workshop_percent = 50
    edition.save()
    builders.complete(member, builders.make_modules(edition, 2))
    workshops = builders.make_workshops(edition, 2)
    builders.mark(member, workshops[:1])

    assert selectors.has_completed(member) is True


def test_attendees_are_unique_people_with_their_latest_school(edition):
    airinei = factories.make_school("CT Airinei")
    maniu = factories.make_school("CT Maniu")
    person = builders.attend(
        factories.make_conference(edition, school=airinei, date="2026-10-01")
    ).person
    builders.attend(
        factories.make_conference(edition, school=maniu, date="2026-11-01"),
        person=person,
        class_name="11C",
    )

    (row,) = selectors.attendees(edition)

    assert (row.pk, row.school_ref, row.class_name, row.conference_count) == (
        person.pk,
        maniu.pk,
        "11C",
        2,
    )


def test_attendees_leave_out_and_do_not_count_other_editions(edition):
    other = factories.make_edition(current=False)
    elsewhere = factories.make_conference(other)
    (other_member,) = builders.make_members(other, 1, conference=elsewhere)
    builders.attend(elsewhere)
    both = builders.attend(factories.make_conference(edition)).person
    builders.attend(elsewhere, person=both)
    factories.make_member(other, person=both, status=MemberStatus.WAITLISTED)

    rows = list(selectors.attendees(edition))
    counts = selectors.selection_counts(edition)

    assert [(row.pk, row.conference_count, row.member_status) for row in rows] == [
        (both.pk, 1, None)
    ]
    assert (counts.selected, counts.waitlisted) == (0, 0)


def test_attendees_filter_by_school_and_folded_name(edition):
    airinei = factories.make_school("CT Airinei")
    conference = factories.make_conference(edition, school=airinei)
    serban = builders.attend(conference, given_name="Ana", family_name="ŞERBAN")
    builders.attend(factories.make_conference(edition), family_name="Șerban")
    builders.attend(conference, family_name="Ionescu")

    found = selectors.attendees(edition, query="serban", school=airinei)

    assert [person.pk for person in found] == [serban.person_id]


def test_attendees_filter_by_decision(edition):
    conference = factories.make_conference(edition)
    (member,) = builders.make_members(edition, 1, conference=conference)
    undecided = builders.attend(conference).person

    assert [p.pk for p in selectors.attendees(edition, status="none")] == [undecided.pk]
    assert [p.pk for p in selectors.attendees(edition, status="selected")] == [
        member.person_id
    ]


# (modules done, present, late, excused, status, workshops still to come)
EDGES = [
    (10, 8, 0, 0, MemberStatus.SELECTED, 0),
    (11, 8, 0, 0, MemberStatus.SELECTED, 0),
    (11, 5, 2, 1, MemberStatus.SELECTED, 0),
    (11, 5, 0, 3, MemberStatus.SELECTED, 0),
    (11, 6, 0, 0, MemberStatus.SELECTED, 0),
    (11, 6, 0, 0, MemberStatus.SELECTED, 2),
    (13, 8, 0, 0, MemberStatus.WITHDRAWN, 0),
    (0, 0, 0, 0, MemberStatus.SELECTED, 0),
]


def _member_at(edition, conference, modules, workshops, edge):
    done, present, late, excused, status, _ = edge
    (member,) = builders.make_members(edition, 1, status=status, conference=conference)
    builders.complete(member, modules[:done])
    builders.mark(member, workshops[:present])
    builders.mark(member, workshops[present : present + late], WorkshopStatus.LATE)
    start = present + late
    builders.mark(member, workshops[start : start + excused], WorkshopStatus.EXCUSED)
    return member


@pytest.mark.parametrize("edge", EDGES)
def test_completion_by_member_agrees_with_the_progress_page(edition, edge):
    # 8 workshops held: 6 attended is exactly 75%.
    modules = builders.make_modules(edition, 13)
    workshops = builders.make_workshops(edition, 8)
    builders.make_workshops(edition, edge[5], starts_at=builders.FUTURE)
    member = _member_at(
        edition, factories.make_conference(edition), modules, workshops, edge
    )

    bulk = selectors.completion_by_member([member])

    assert bulk == {member.pk: selectors.member_progress(member).completed}


def test_completion_by_member_at_the_edges(edition):
    modules = builders.make_modules(edition, 13)
    workshops = builders.make_workshops(edition, 8)
    conference = factories.make_conference(edition)
    members = [
        _member_at(edition, conference, modules, workshops, edge)
        for edge in EDGES
        if not edge[5]
    ]

    completion = selectors.completion_by_member(members)

    assert [completion[member.pk] for member in members] == [
        False,
        True,
        True,
        False,
        True,
        False,
        False,
    ]


def test_completion_by_member_uses_each_member_s_edition(edition):
    older = factories.make_edition(current=False, min_modules_completed=1)
    (old_member,) = builders.make_members(older, 1)
    builders.complete(old_member, builders.make_modules(older, 1))
    builders.make_workshops(edition, 4)
    (member,) = builders.make_members(edition, 1)
    builders.complete(member, builders.make_modules(edition, 11))

    completion = selectors.completion_by_member([old_member, member])

    # The older edition has no workshop and asks for one module; this one
    # has four workshops the member missed.
    assert completion == {old_member.pk: True, member.pk: False}


def test_completion_by_member_ignores_workshops_of_another_edition(edition):
    other = factories.make_edition(current=False)
    (member,) = builders.make_members(edition, 1)
    builders.complete(member, builders.make_modules(edition, 11))
    builders.make_workshops(edition, 1)
    builders.mark(member, builders.make_workshops(other, 1))

    assert selectors.completion_by_member([member]) == {member.pk: False}
    assert selectors.member_progress(member).completed is False


@pytest.mark.parametrize("count", [1, 75])
def test_completion_by_member_costs_one_query(
    edition, django_assert_num_queries, count
):
    members = builders.make_members(edition, count)
    builders.mark(members[0], builders.make_workshops(edition, 2))
    builders.complete(members[-1], builders.make_modules(edition, 13))

    with django_assert_num_queries(1):
        completion = selectors.completion_by_member(members)

    assert len(completion) == count


def test_completion_by_member_of_nobody_asks_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert selectors.completion_by_member([]) == {}


def test_has_completed_costs_one_query(edition, django_assert_num_queries):
    (member,) = builders.make_members(edition, 1)

    with django_assert_num_queries(1):
        assert selectors.has_completed(member) is False
