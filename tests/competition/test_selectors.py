import datetime
from decimal import Decimal
from fractions import Fraction

from django.utils import timezone

from cohorts.choices import MemberStatus
from cohorts.models import ModuleCompletion, WorkshopAttendance
from cohorts.selectors import has_completed
from competition import selectors, services_results
from competition.choices import SheetStatus
from competition.models import Score, ScoreSheet
from tests import factories
from tests.competition import builders


def test_ranking_matches_a_case_computed_by_hand(final):
    # Weights of the six criteria: 20, 20, 20, 15, 15, 10 (sum 100).
    #
    # A (pitch 1)  J1: 5 4 4 3 5 4 -> (100+80+80+45+75+40)/100 = 4.20
    #              J2: 4 4 3 3 4 5 -> (80+80+60+45+60+50)/100  = 3.75
    #              J3: draft only, left out
    #              result (4.20 + 3.75) / 2 = 3.975            -> rank 3
    # B (pitch 2)  J1: all 3 -> 3, J2: all 5 -> 5, J3: all 4 -> 4
    #              result (3 + 5 + 4) / 3 = 4                   -> rank 1
    # C (pitch 3)  J1: all 4 -> 4; J2 assigned, no sheet: left out, not 0
    #              result 4 / 1 = 4 (it would be 2 if counted as 0) -> rank 1
    # D (pitch 4)  J1 assigned, nothing submitted: no result, no rank.
    a, b, c, d = builders.make_finalists(final, 4)
    j1, j2, j3 = (factories.make_juror(final) for _ in range(3))
    builders.score(builders.assign(j1, a), [5, 4, 4, 3, 5, 4])
    builders.score(builders.assign(j2, a), [4, 4, 3, 3, 4, 5])
    builders.score(builders.assign(j3, a), [1, 1, 1, 1, 1, 1], submit=False)
    builders.score(builders.assign(j1, b), [3] * 6)
    builders.score(builders.assign(j2, b), [5] * 6)
    builders.score(builders.assign(j3, b), [4] * 6)
    builders.score(builders.assign(j1, c), [4] * 6)
    builders.assign(j2, c)
    builders.assign(j1, d)

    ranking = selectors.ranking(final)

    assert [
        (row.rank, row.finalist, row.result, row.sheets_in, row.sheets_expected)
        for row in ranking.rows
    ] == [
        (1, b, Fraction(4), 3, 3),
        (1, c, Fraction(4), 1, 2),
        (3, a, Fraction("3.975"), 2, 3),
        (None, d, None, 0, 1),
    ]
    # A's per-criterion averages over J1 and J2: (5+4)/2, (4+4)/2, (4+3)/2, ...
    assert ranking.rows[2].averages_display == [
        Decimal("4.50"),
        Decimal("4.00"),
        Decimal("3.50"),
        Decimal("3.00"),
        Decimal("4.50"),
        Decimal("4.50"),
    ]
    assert ranking.rows[2].result_display == Decimal("3.98")
    assert ranking.rows[3].averages_display == [None] * 6


def test_ranking_weights_only_the_criteria_a_juror_scored(final):
    # A sheet with two criteria scored: 5 on a 20% one and 2 on the 10% one.
    # (20x5 + 10x2) / (20 + 10) = 120 / 30 = 4
    finalist = builders.make_finalists(final, 1)[0]
    assignment = builders.assign(factories.make_juror(final), finalist)
    criteria = list(final.criteria.all())
    sheet = ScoreSheet.objects.get(assignment=assignment)
    Score.objects.create(sheet=sheet, criterion=criteria[0], value=5)
    Score.objects.create(sheet=sheet, criterion=criteria[5], value=2)
    ScoreSheet.objects.filter(pk=sheet.pk).update(submitted_at=timezone.now())

    row = selectors.ranking(final).rows[0]

    assert (row.rank, row.result) == (1, Fraction(4))
    assert row.averages_display == [
        Decimal("5.00"),
        None,
        None,
        None,
        None,
        Decimal("2.00"),
    ]


def _one_juror_scores(final, count):
    juror = factories.make_juror(final)
    for finalist in builders.make_finalists(final, count):
        builders.score(builders.assign(juror, finalist), [3] * 6)


def test_ranking_costs_the_same_at_one_and_ten_finalists(
    final, edition, organiser, django_assert_num_queries
):
    small = builders.make_final(edition, organiser, title="Mică")
    _one_juror_scores(small, 1)
    _one_juror_scores(final, 10)

    with django_assert_num_queries(builders.RANKING_QUERIES):
        selectors.ranking(small)
    with django_assert_num_queries(builders.RANKING_QUERIES):
        ranking = selectors.ranking(final)

    assert [row.rank for row in ranking.rows] == [1] * 10


def test_juror_pitches_lists_only_their_own_with_status(scene, juror_user, edition):
    theirs = builders.assign(scene["juror"], scene["theirs"])
    builders.score(theirs, [2, 2, None, None, None, None], submit=False)

    pitches = selectors.juror_pitches(juror_user, edition)

    assert [(p.finalist.name, p.status) for p in pitches] == [
        ("Echipa Niță", SheetStatus.NOT_STARTED),
        ("Echipa Ene", SheetStatus.DRAFT),
    ]


def test_juror_pitches_shows_submitted(scene, juror_user, edition):
    builders.score(scene["assignment"], [3] * 6)

    pitches = selectors.juror_pitches(juror_user, edition)

    assert [p.status for p in pitches] == [SheetStatus.SUBMITTED]


def test_eligible_members_are_the_selected_not_yet_pitching(final, participant):
    factories.make_member(final.edition, status="waitlisted")
    taken = factories.make_member(final.edition)
    factories.make_finalist(final, members=[taken], pitch_order=1)

    assert list(selectors.eligible_members(final)) == [participant]


def _training(edition):
    """Three modules and two workshops; completing needs 2 modules and 50%."""
    edition.min_modules_completed = 2
    edition.min_workshop_percent = 50
    edition.save()
    modules = [factories.make_module(edition, number=n) for n in (1, 2, 3)]
    workshops = [factories.make_workshop(edition) for _ in range(2)]
    return modules, workshops


def _trained(edition, modules, workshops, done, statuses, **fields):
    member = factories.make_member(edition, **fields)
    for module in modules[:done]:
        ModuleCompletion.objects.create(
            member=member, module=module, completed_on=datetime.date(2027, 3, 1)
        )
    for workshop, status in zip(workshops, statuses, strict=False):
        WorkshopAttendance.objects.create(
            workshop=workshop, member=member, status=status
        )
    return member


def test_completion_of_agrees_with_the_cohorts_rule(edition):
    modules, workshops = _training(edition)
    members = {
        "two modules, one workshop": _trained(
            edition, modules, workshops, 2, ["present"]
        ),
        "one module only": _trained(
            edition, modules, workshops, 1, ["present", "present"]
        ),
        "late counts": _trained(edition, modules, workshops, 3, ["late"]),
        "excused does not": _trained(edition, modules, workshops, 3, ["excused"]),
        "withdrew": _trained(
            edition,
            modules,
            workshops,
            3,
            ["present", "present"],
            status=MemberStatus.WITHDRAWN,
        ),
    }

    completion = selectors.completion_of(edition, members.values())

    assert {name: completion[m.pk] for name, m in members.items()} == {
        "two modules, one workshop": True,
        "one module only": False,
        "late counts": True,
        "excused does not": False,
        "withdrew": False,
    }
    assert completion == {m.pk: has_completed(m) for m in members.values()}


def test_completion_of_costs_one_query_at_one_and_many(
    edition, django_assert_num_queries
):
    modules, workshops = _training(edition)
    one = [_trained(edition, modules, workshops, 2, ["present"])]
    many = one + [
        _trained(edition, modules, workshops, 3, ["late", "present"]) for _ in range(20)
    ]

    with django_assert_num_queries(1):
        selectors.completion_of(edition, one)
    with django_assert_num_queries(1):
        completion = selectors.completion_of(edition, many)

    assert list(completion.values()) == [True] * 21


def test_completion_of_nobody_costs_nothing(edition, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert selectors.completion_of(edition, []) == {}


def test_juror_pitches_mark_the_first_not_submitted_as_next(final, juror_user):
    juror = factories.make_juror(final, user=juror_user)
    first, second, third = (
        builders.assign(juror, finalist)
        for finalist in builders.make_finalists(final, 3)
    )
    builders.score(first, [3] * 6)
    builders.score(third, [3, None, None, None, None, None], submit=False)

    pitches = selectors.juror_pitches(juror_user, final.edition)

    assert [(p, p.is_next) for p in pitches] == [
        (first, False),
        (second, True),
        (third, False),
    ]
    assert selectors.next_pitch(pitches) == second


def test_juror_pitches_all_submitted_have_no_next(final, juror_user):
    juror = factories.make_juror(final, user=juror_user)
    builders.score(
        builders.assign(juror, builders.make_finalists(final, 1)[0]), [3] * 6
    )

    pitches = selectors.juror_pitches(juror_user, final.edition)

    assert ([p.is_next for p in pitches], selectors.next_pitch(pitches)) == (
        [False],
        None,
    )


def _certified_then_reopened(final, organiser):
    juror = factories.make_juror(final)
    builders.score(
        builders.assign(juror, builders.make_finalists(final, 1)[0]), [3] * 6
    )
    services_results.certify(actor=organiser, final=final)
    services_results.reopen(actor=organiser, final=final, reason="O notă greșită")


def test_certification_in_force_is_the_one_not_reopened(final, organiser):
    _certified_then_reopened(final, organiser)
    services_results.certify(actor=organiser, final=final)
    certifications = selectors.certifications_of(final)

    in_force = selectors.certification_in_force(certifications)

    assert in_force == selectors.certification_of(final)
    assert [item.reopened_at is None for item in certifications] == [True, False]


def test_no_certification_in_force_once_reopened(final, organiser):
    _certified_then_reopened(final, organiser)

    in_force = selectors.certification_in_force(selectors.certifications_of(final))

    assert in_force is None
