import datetime

import pytest
from django.utils import timezone

from cohorts import services as cohort_services
from tests import factories
from tests.cohorts import builders as cohort_builders
from tests.vsfa import builders
from vsfa import costs, indicators, privacy
from vsfa.choices import ConsentKind, EducationLevel, Gender
from vsfa.models import SensitiveDeclaration
from vsfa.suppression import SMALL_CELL, Cell, suppress

pytestmark = pytest.mark.django_db


def _rows(breakdown):
    return {row.key: [cell.display for cell in row.cells] for row in breakdown.rows}


def _totals(breakdown):
    return [cell.display for cell in breakdown.totals]


def _breakdown(figures, key):
    return next(item for item in figures.breakdowns if item.key == key)


# --- Figures of a hand-built edition ----------------------------------------


def test_figures_of_a_hand_built_edition(organiser):
    small = builders.small_edition(organiser)

    figures = indicators.edition_indicators(small.edition)

    assert figures.as_data()["figures"] == {
        "conferences": (2, 15),
        "reached": (6, 1500),
        "modules": (0, 13),
        "completed": (2, 75),
        "finals": (1, 1),
        "startups": (1, 10),
        "jobs": (3, None),
    }


def test_funnel_of_a_hand_built_edition(organiser):
    small = builders.small_edition(organiser)

    figures = indicators.edition_indicators(small.edition)

    assert figures.as_data()["funnel"] == [
        ("reached", 6),
        ("cohort", 3),
        ("completed", 2),
        ("finalist", 2),
        ("founder", 2),
    ]


def test_student_at_two_conferences_counts_once(organiser):
    small = builders.small_edition(organiser)

    facts = indicators.load_facts([small.edition])

    reached = [row.person_id for row in facts.by_edition[small.edition.pk].values()]
    assert reached.count(small.people["ana"].pk) == 1


def test_merged_person_counts_once_through_the_record_kept(organiser):
    small = builders.small_edition(organiser)

    facts = indicators.load_facts([small.edition])

    people = set(facts.by_edition[small.edition.pk])
    assert small.people["carmen"].pk in people
    assert small.people["carmen_twin"].pk not in people


def test_withdrawn_member_is_in_the_cohort_but_did_not_complete(organiser):
    small = builders.small_edition(organiser)

    row = indicators.load_facts([small.edition]).by_edition[small.edition.pk][
        small.people["dan"].pk
    ]

    assert (row.reached, row.cohort, row.completed) == (True, True, False)


def test_who_left_the_waiting_list_never_entered_the_cohort(organiser):
    small = builders.small_edition(organiser)

    row = indicators.load_facts([small.edition]).by_edition[small.edition.pk][
        small.people["elena"].pk
    ]

    assert (row.reached, row.cohort) == (True, False)


def test_absent_from_the_list_is_not_reached(organiser):
    small = builders.small_edition(organiser)

    facts = indicators.load_facts([small.edition])

    assert small.people["florin"].pk not in facts.by_edition[small.edition.pk]


def test_age_at_entry_is_taken_on_the_first_conference_date(organiser):
    small = builders.small_edition(organiser)

    rows = indicators.load_facts([small.edition]).by_edition[small.edition.pk]

    ages = {
        name: rows[small.people[name].pk].age for name in ("ana", "bogdan", "carmen")
    }
    assert ages == {"ana": 16, "bogdan": 18, "carmen": None}


def test_declared_age_stands_in_for_a_missing_birth_date(edition):
    conference = factories.make_conference(edition, date=builders.HELD)
    someone = builders.person()
    builders.attend(conference, someone, declared_age=17)

    row = indicators.load_facts([edition]).by_edition[edition.pk][someone.pk]

    assert (row.age, row.age_band) == (17, "under_18")


def test_kept_age_stands_in_for_an_erased_birth_date(edition):
    conference = factories.make_conference(edition, date=builders.HELD)
    erased = builders.person(birth_date=None)
    erased.ages_at_entry = {str(edition.pk): 16}
    erased.save(update_fields=["ages_at_entry"])
    known = builders.person(birth_date=datetime.date(2000, 1, 1))
    known.ages_at_entry = {str(edition.pk): 16}
    known.save(update_fields=["ages_at_entry"])
    builders.attend(conference, erased)
    builders.attend(conference, known)

    rows = indicators.load_facts([edition]).by_edition[edition.pk]

    assert (rows[erased.pk].age, rows[known.pk].age) == (16, 26)


def test_school_is_that_of_the_last_conference_attended(organiser):
    small = builders.small_edition(organiser)
    north, south = small.schools

    rows = indicators.load_facts([small.edition]).by_edition[small.edition.pk]

    assert rows[small.people["ana"].pk].school_id == south.pk
    assert rows[small.people["bogdan"].pk].school_id == north.pk


def test_pupil_of_another_school_counts_for_their_own_school(edition):
    host, own = factories.make_school(), factories.make_school()
    conference = factories.make_conference(edition, host, date=builders.HELD)
    someone = builders.person()
    builders.attend(conference, someone, school=own)

    row = indicators.load_facts([edition]).by_edition[edition.pk][someone.pk]

    assert row.school_id == own.pk


def test_startup_with_two_founders_counts_one_startup_and_two_founders(organiser):
    small = builders.small_edition(organiser)

    figures = indicators.edition_indicators(small.edition)

    assert figures.figure("startups").value == 1
    assert dict(figures.as_data()["funnel"])["founder"] == 2


def test_jobs_are_those_of_each_startup_s_latest_check_in(organiser):
    small = builders.small_edition(organiser)
    other = factories.make_startup(small.edition)
    other.checkins.create(
        number=1, due_on=builders.HELD, done_on=builders.HELD, jobs_created=4
    )

    figures = indicators.edition_indicators(small.edition)

    assert figures.figure("jobs").value == 3 + 4


def test_another_edition_s_records_do_not_count(organiser):
    small = builders.small_edition(organiser)
    other = factories.make_edition("2030/2031", current=False)
    builders.crowd(other, 3, select=2)

    figures = indicators.edition_indicators(small.edition)

    assert figures.figure("reached").value == 6


def test_only_the_edition_s_people_are_read_and_counted(organiser):
    small = builders.small_edition(organiser)
    other = factories.make_edition("2030/2031", current=False)
    outsiders = builders.crowd(other, 3, select=2)
    factories.make_startup(other, founders=[outsiders[0], builders.person()])
    ana = small.people["ana"]
    factories.make_member(other, person=ana)

    people, _flags = indicators.read_people([small.edition.pk])
    facts = indicators.load_facts([small.edition])

    names = ["ana", "bogdan", "carmen", "dan", "elena", "gina"]
    assert sorted(people) == sorted(small.people[name].pk for name in names)
    assert sorted(facts.by_edition) == [small.edition.pk]
    assert facts.by_edition[small.edition.pk][ana.pk].cohort is False


def test_a_check_in_between_the_two_reads_waits_for_the_next_reading(edition):
    conference = factories.make_conference(edition, date=builders.HELD)
    early = builders.person()
    builders.attend(conference, early)
    people, flags = indicators.read_people([edition.pk])
    # Checked in at the door, made a member and a founder after the people
    # were read and before their records are.
    late = builders.person()
    builders.attend(conference, late)
    factories.make_member(edition, person=late)
    factories.make_startup(edition, founders=[late])

    records = indicators.read_records([edition.pk])
    facts = indicators.assemble_facts([edition], people, flags, records)

    assert (list(facts.by_edition[edition.pk]), facts.members) == ([early.pk], [])
    assert sorted(indicators.load_facts([edition]).by_edition[edition.pk]) == [
        early.pk,
        late.pk,
    ]


# --- Across editions ---------------------------------------------------------


def test_person_in_two_editions_counts_once_across_editions(organiser):
    small = builders.small_edition(organiser)
    later = factories.make_edition("2027/2028", current=False)
    conference = factories.make_conference(later, date=datetime.date(2027, 10, 1))
    builders.attend(conference, small.people["ana"])
    builders.attend(conference, builders.person())

    table = indicators.all_indicators()

    reached = next(row for row in table.rows if row[0].key == "reached")
    assert [figure.value for figure in reached[1]] == [6, 2]
    assert reached[0].value == 7
    assert reached[0].target == 3000


def test_all_editions_age_is_the_age_at_the_first_edition(organiser):
    small = builders.small_edition(organiser)
    later = factories.make_edition("2027/2028", current=False)
    conference = factories.make_conference(later, date=datetime.date(2028, 10, 1))
    builders.attend(conference, small.people["bogdan"])

    facts = indicators.load_facts([small.edition, later])

    assert facts.by_edition[later.pk][small.people["bogdan"].pk].age == 20
    assert facts.overall[small.people["bogdan"].pk].age == 18


# --- Breakdowns ----------------------------------------------------------------


def test_gender_breakdown_of_a_larger_edition(edition):
    builders.crowd(edition, 7, gender=Gender.FEMALE, select=5)
    builders.crowd(edition, 6, gender=Gender.MALE, select=5)

    gender = _breakdown(indicators.edition_indicators(edition), "gender")

    # The edition asks for 11 modules and none is done: nobody completed.
    assert _rows(gender) == {
        "female": ["7", "5", "0", "0", "0"],
        "male": ["6", "5", "0", "0", "0"],
        "non_binary": ["0", "0", "0", "0", "0"],
        "": ["0", "0", "0", "0", "0"],
    }
    assert _totals(gender) == ["13", "10", "0", "0", "0"]


def test_total_that_would_reveal_a_hidden_cell_hides_the_next_smallest(edition):
    builders.crowd(edition, 7, gender=Gender.FEMALE)
    builders.crowd(edition, 3, gender=Gender.MALE)

    gender = _breakdown(indicators.edition_indicators(edition), "gender")

    # 10 - 7 would give the 3 men away: the 7 women are hidden too.
    assert _rows(gender)["female"][0] == "*"
    assert _rows(gender)["male"][0] == "<5"
    assert _totals(gender)[0] == "10"


def test_vulnerable_counts_only_yes_with_consent_in_force(edition):
    people = builders.crowd(edition, 9)
    for someone in people[:6]:
        builders.declare(someone, roma=builders.YES)
    builders.declare(people[6], roma=builders.NO)
    builders.declare(people[7], roma=builders.PREFER_NOT)
    # An answer kept without consent (e.g. an old import) is not counted.
    SensitiveDeclaration.objects.create(person=people[8], roma=builders.YES)

    vulnerable = _breakdown(indicators.edition_indicators(edition), "vulnerable")

    assert _rows(vulnerable)["roma"][0] == "6"
    assert _rows(vulnerable)["any"][0] == "6"
    assert vulnerable.totals is None


def test_withdrawn_sensitive_consent_stops_the_count(edition):
    people = builders.crowd(edition, 5)
    for someone in people:
        builders.declare(someone, disability=builders.YES)
    consent = people[0].consents.get(kind=ConsentKind.SENSITIVE)

    privacy.withdraw_consent(actor=None, consent=consent)

    vulnerable = _breakdown(indicators.edition_indicators(edition), "vulnerable")

    assert _rows(vulnerable)["disability"][0] == "<5"


def test_education_breakdown_counts_the_reporting_details(edition):
    people = builders.crowd(edition, 10)
    for index, someone in enumerate(people):
        someone.education_level = (
            EducationLevel.ISCED_0_2 if index < 5 else EducationLevel.ISCED_3_4
        )
        someone.save()

    education = _breakdown(indicators.edition_indicators(edition), "education")

    assert [(row.key, row.cells[0].display) for row in education.rows] == [
        (EducationLevel.ISCED_0_2, "5"),
        (EducationLevel.ISCED_3_4, "5"),
        (EducationLevel.ISCED_5_8, "0"),
        ("", "0"),
    ]


def test_school_breakdown_lists_each_school_by_name(edition):
    school = factories.make_school("Colegiul Tehnic Nord")
    conference = factories.make_conference(edition, school, date=builders.HELD)
    builders.crowd(edition, 5, conference=conference)

    schools = _breakdown(indicators.edition_indicators(edition), "school")

    assert [(row.label, row.cells[0].display) for row in schools.rows] == [
        ("Colegiul Tehnic Nord", "5")
    ]


def test_completion_follows_the_cohorts_rule(edition):
    modules = cohort_builders.make_modules(edition, 11)
    people = builders.crowd(edition, 2, select=2)
    done, not_done = [person.memberships.get() for person in people]
    cohort_builders.complete(done, modules)
    cohort_builders.complete(not_done, modules[:10])

    figures = indicators.edition_indicators(edition)

    assert figures.figure("completed").value == 1


# --- The small-cell rule ----------------------------------------------------


def _column(values, total):
    cells = [Cell(value) for value in values]
    total_cell = Cell(total) if total is not None else None
    suppress([(cells, total_cell)])
    return [cell.display for cell in cells], (
        total_cell.display if total_cell else None
    )


@pytest.mark.parametrize(
    ("values", "total", "expected"),
    [
        # Nothing small: everything shown, zero included.
        ([0, 8, 9], 17, (["0", "8", "9"], "17")),
        # One small cell: the next smallest goes too, the largest stays.
        ([10, 3, 7], 20, (["10", "<5", "*"], "20")),
        # No other non-zero cell to hide: zeros go, so that nobody can tell
        # which group the people are in; the total, shown in the funnel, stays.
        ([3, 0, 0], 3, (["<5", "*", "*"], "3")),
        ([10, 3, 0], 13, (["*", "<5", "0"], "13")),
        # Two small cells adding up to fewer than 5: a third is hidden.
        ([2, 2, 20, 30], 54, (["<5", "<5", "*", "30"], "54")),
        # Two small cells adding up to 5 or more protect each other.
        ([3, 4, 20], 27, (["<5", "<5", "20"], "27")),
        # Without a total there is nothing to work out: primary only.
        ([10, 3, 7], None, (["10", "<5", "7"], None)),
    ],
)
def test_suppress_column(values, total, expected):
    assert _column(values, total) == expected


def test_suppress_repeats_until_rows_and_columns_are_safe():
    grid = [[Cell(3), Cell(6)], [Cell(7), Cell(8)]]
    row_totals = [Cell(9), Cell(15)]
    column_totals = [Cell(10), Cell(14)]
    lines = [
        (grid[0], row_totals[0]),
        (grid[1], row_totals[1]),
        ([grid[0][0], grid[1][0]], column_totals[0]),
        ([grid[0][1], grid[1][1]], column_totals[1]),
    ]

    suppress(lines)

    assert [[cell.display for cell in row] for row in grid] == [
        ["<5", "*"],
        ["*", "*"],
    ]
    assert [cell.display for cell in row_totals + column_totals] == [
        "9",
        "15",
        "10",
        "14",
    ]


def test_no_column_of_a_breakdown_reveals_a_hidden_cell(edition):
    builders.crowd(edition, 12, gender=Gender.FEMALE, select=6)
    builders.crowd(edition, 2, gender=Gender.MALE, select=1)
    builders.crowd(edition, 1, gender=Gender.NON_BINARY)

    gender = _breakdown(indicators.edition_indicators(edition), "gender")

    for index, _total in enumerate(gender.totals):
        cells = [row.cells[index] for row in gender.rows]
        hidden = [cell for cell in cells if cell.hidden]
        if not hidden or all(cell.hidden for cell in cells):
            continue
        assert len(hidden) > 1
        assert sum(cell.value for cell in hidden) >= SMALL_CELL


# --- Erasure keeps the figures --------------------------------------------------


def test_indicators_are_identical_after_erasing_people(organiser):
    small = builders.small_edition(organiser)
    builders.declare(small.people["gina"], roma=builders.YES)
    before = indicators.edition_indicators(small.edition).as_data()
    all_before = indicators.all_indicators().overall.as_data()

    for name in ("ana", "bogdan", "carmen", "dan", "gina"):
        privacy.erase_person(actor=organiser, person=small.people[name])

    assert indicators.edition_indicators(small.edition).as_data() == before
    assert indicators.all_indicators().overall.as_data() == all_before


def test_erased_person_keeps_the_age_band_on_a_birthday_edge(edition, organiser):
    # 18 the day before the first conference: any rounding of the date of
    # birth to a year would make them 17.
    conference = factories.make_conference(edition, date=datetime.date(2026, 10, 1))
    someone = builders.person(birth_date=datetime.date(2008, 9, 30))
    builders.attend(conference, someone)

    privacy.erase_person(actor=organiser, person=someone)

    row = indicators.load_facts([edition]).by_edition[edition.pk][someone.pk]
    assert (row.age, row.age_band) == (18, "18_29")


# --- Budget ---------------------------------------------------------------------


def test_budget_lines_against_recorded_costs(edition, organiser):
    costs.record_cost(
        actor=organiser,
        edition=edition,
        line="curriculum",
        spent_on=builders.HELD,
        amount=1000,
        description="Platform",
        form_token="5b0c8b8e-1d0e-4c49-a9a5-000000000001",
    )
    costs.record_cost(
        actor=organiser,
        edition=edition,
        line="events",
        spent_on=builders.HELD,
        amount=15000,
        description="Gala",
        form_token="5b0c8b8e-1d0e-4c49-a9a5-000000000002",
    )

    lines, total = indicators.budget(edition)

    assert [(row.line, row.budget, row.spent, row.over) for row in lines] == [
        ("curriculum", 11400, 1000, False),
        ("running", 22600, 0, False),
        ("events", 13900, 15000, True),
    ]
    assert (total.budget, total.spent, total.remaining) == (47900, 16000, 31900)


# --- Participants for the funder ------------------------------------------------


def test_participant_rows_list_each_cohort_member_once(organiser):
    small = builders.small_edition(organiser)

    rows = indicators.participant_rows(small.edition)

    assert [
        (row.person_id, row.age, row.completed, row.finalist, row.founder)
        for row in rows
    ] == [
        (small.people["bogdan"].pk, 18, True, True, True),
        (small.people["dan"].pk, 19, False, False, False),
        (small.people["gina"].pk, 20, True, True, True),
    ]


def test_withdrawn_participant_leaves_on_the_day_they_withdrew(organiser, edition):
    conference = factories.make_conference(edition, date=builders.HELD)
    someone = builders.person()
    builders.attend(conference, someone)
    member = cohort_services.select_member(
        actor=organiser, edition=edition, person=someone
    )
    cohort_services.withdraw_member(actor=organiser, member=member, reason="Moved")

    (row,) = indicators.participant_rows(edition)

    assert row.left_on == timezone.localdate()
    assert row.entered_on == timezone.localdate()
