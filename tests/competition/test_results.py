"""The ranking from the database: who counts, ties, normalisation, agreement.

Each case is small enough to work out by hand; the comments show how.
"""

import uuid
from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError

from cohorts.models import Application, Attendance
from competition import selectors, services, services_jury, services_results
from competition.choices import TieBreak
from competition.models import CastingVote
from tests import factories
from tests.competition import builders
from tests.competition.builders import ro
from vsfa.models import AuditEvent

BELOW = "scored by %(juror)s, who scores %(offset)s below the jury on average"
NOT_ABOVE = "not scored by %(juror)s, who scores %(offset)s above the jury on average"
WIDER = (
    "scored by %(juror)s, whose scores spread wider (%(spread)s) than the jury's "
    "usual %(median)s, so each of their points weighs less once normalised"
)
ONE = [("Idee", Decimal("100"))]
HALVES = [("Problemă", Decimal("50")), ("Soluție", Decimal("50"))]


def _final(edition, criteria=ONE):
    return factories.make_final(edition, criteria=criteria)


def _teams(final, *names):
    return [
        factories.make_finalist(
            final,
            members=[factories.make_member(final.edition)],
            name=name,
            pitch_order=order,
        )
        for order, name in enumerate(names, start=1)
    ]


def _juror(final, name):
    return factories.make_juror(
        final, user=factories.make_user("juror", full_name=name)
    )


def _scores(juror, finalist, values, submit=True):
    assignment = builders.assign(juror, finalist)
    builders.score(assignment, values, submit=submit)
    return assignment


def _table(ranking):
    return [(row.finalist.name, row.rank, row.result) for row in ranking.rows]


def test_a_missing_score_is_left_out_and_normalising_evens_lenient_and_harsh(edition):
    # The lenient juror heard A and B (5, 4); the harsh one B and C (2, 3).
    # Raw: A 5 (not (5 + 0) / 2), B (4 + 2) / 2 = 3, C 3: B and C share 2nd.
    # z-scores: lenient mean 4.5, spread 0.5 -> A +1, B -1; harsh mean 2.5,
    # spread 0.5 -> B -1, C +1. Normalised: A 1, C 1, B -1.
    final = _final(edition)
    a, b, c = _teams(final, "A", "B", "C")
    lenient, harsh = _juror(final, "Lia Blândă"), _juror(final, "Horia Aspru")
    _scores(lenient, a, [5])
    _scores(lenient, b, [4])
    _scores(harsh, b, [2])
    _scores(harsh, c, [3])

    ranking = selectors.ranking(final)

    assert _table(ranking) == [("A", 1, 5), ("B", 2, 3), ("C", 2, 3)]
    assert [
        (r.finalist.name, r.jury_rank, r.normalised_rank) for r in ranking.rows
    ] == [
        ("A", 1, 1),
        ("B", 2, 3),
        ("C", 2, 1),
    ]
    leans = {row.juror.user.full_name: row.lean for row in ranking.jurors}
    assert leans == {"Lia Blândă": "lenient", "Horia Aspru": "harsh"}
    c_row = next(row for row in ranking.rows if row.finalist == c)
    # Jury mean 3.5; each juror stands 1.00 away from it.
    assert c_row.notes == [
        ro(BELOW, juror="Horia Aspru", offset="1.00"),
        ro(NOT_ABOVE, juror="Lia Blândă", offset="1.00"),
    ]
    # They share no two pitches: Kendall's W cannot be computed.
    assert ranking.agreement.w is None


def test_a_wider_spread_is_named_in_the_notes(edition):
    # Calm 4, 3, 4 (mean 3.67, spread 0.47): z A 0.71, B -1.41, C 0.71.
    # Wide 5, 1, 3 (mean 3, spread 1.63): z A 1.22, B -1.22, C 0.
    # Mid 3, 4, 4 (mean 3.67, spread 0.47): z A -1.41, B 0.71, C 0.71.
    # Raw: A 4, C 11/3, B 8/3. Normalised: C 0.47, A 0.17, B -0.64: the wide
    # juror's 5 lifted A, and weighs less once normalised.
    final = _final(edition)
    a, b, c = _teams(final, "A", "B", "C")
    for name, values in (
        ("Calm", [4, 3, 4]),
        ("Larg", [5, 1, 3]),
        ("Mediu", [3, 4, 4]),
    ):
        juror = _juror(final, name)
        for finalist, value in zip((a, b, c), values, strict=True):
            _scores(juror, finalist, [value])

    ranking = selectors.ranking(final)

    assert _table(ranking) == [
        ("A", 1, 4),
        ("C", 2, Fraction(11, 3)),
        ("B", 3, Fraction(8, 3)),
    ]
    assert [
        (r.finalist.name, r.jury_rank, r.normalised_rank) for r in ranking.moved
    ] == [
        ("A", 1, 2),
        ("C", 2, 1),
    ]
    assert ranking.moved[0].notes == [
        ro(BELOW, juror="Larg", offset="0.44"),
        ro(WIDER, juror="Larg", spread="1.63", median="0.47"),
    ]


def test_weights_that_do_not_total_100_are_refused_but_ranked_in_proportion(
    edition, organiser
):
    final = _final(edition, [("X", Decimal("30")), ("Y", Decimal("30"))])
    (a,) = _teams(final, "A")

    with pytest.raises(ValidationError) as raised:
        services.replace_criteria(
            actor=organiser,
            final=final,
            rows=[
                {"pk": c.pk, "order": c.order, "name": c.name, "weight": c.weight}
                for c in final.criteria.all()
            ],
        )
    # Such weights can only come from before the rule (or the admin).
    _scores(_juror(final, "J"), a, [4, 2])
    ranking = selectors.ranking(final)

    assert raised.value.messages == [
        ro(
            "The weights add up to %(total)s%%, not 100%%. Nothing was saved.",
            total="60",
        )
    ]
    # (30 x 4 + 30 x 2) / 60 = 3: the weights' total does not shift the scale.
    assert _table(ranking) == [("A", 1, 3)]


def test_an_optional_criterion_is_shown_but_not_counted(edition, organiser):
    final = builders.make_final(edition, organiser)
    rows = [
        {"pk": c.pk, "order": c.order, "name": c.name, "weight": c.weight}
        for c in final.criteria.all()
    ]
    rows.append(
        {
            "pk": None,
            "order": 7,
            "name": "Impact social",
            "weight": Decimal("10"),
            "counted": False,
        }
    )
    services.replace_criteria(actor=organiser, final=final, rows=rows)
    (a,) = _teams(final, "A")
    juror = _juror(final, "J")

    _scores(juror, a, [4, 4, 4, 4, 4, 4, 1])
    ranking = selectors.ranking(final)

    optional = final.criteria.get(name="Impact social")
    assert (optional.counted, optional.weight) == (False, Decimal("0"))
    # 4 everywhere counted; the 1 on the optional criterion changes nothing.
    assert _table(ranking) == [("A", 1, 4)]
    assert ranking.rows[0].criterion_averages[-1] == 1


def test_a_blank_optional_criterion_still_lets_the_sheet_be_submitted(
    edition, organiser
):
    final = _final(edition, [("X", Decimal("100"))])
    services.replace_criteria(
        actor=organiser,
        final=final,
        rows=[
            {
                "pk": final.criteria.get().pk,
                "order": 1,
                "name": "X",
                "weight": Decimal("100"),
            },
            {
                "pk": None,
                "order": 2,
                "name": "Opțional",
                "weight": Decimal("0"),
                "counted": False,
            },
        ],
    )
    (a,) = _teams(final, "A")

    _scores(_juror(final, "J"), a, [5, None])

    assert _table(selectors.ranking(final)) == [("A", 1, 5)]


def _tied_three(edition, organiser=None, chain=False):
    # One criterion. J1: A 5, B 3, C 4; J2: A 1, B 3, C 2 -> all three 3.
    # First places: J1's best is A, J2's best is B: A 1, B 1, C 0.
    final = _final(edition)
    a, b, c = _teams(final, "A", "B", "C")
    if chain:
        services_jury.set_tie_break(
            actor=organiser,
            final=final,
            steps=[
                (TieBreak.CRITERION, final.criteria.get()),
                (TieBreak.FIRST_PLACES, None),
                (TieBreak.CASTING_VOTE, None),
            ],
        )
    j1, j2 = _juror(final, "J1"), _juror(final, "J2")
    for juror, values in ((j1, (5, 3, 4)), (j2, (1, 3, 2))):
        for finalist, value in zip((a, b, c), values, strict=True):
            _scores(juror, finalist, [value])
    return final, a, b, c


def test_a_tie_with_no_chain_shares_a_rank(edition):
    final, *_ = _tied_three(edition)

    ranking = selectors.ranking(final)

    assert _table(ranking) == [("A", 1, 3), ("B", 1, 3), ("C", 1, 3)]
    assert [row.shared for row in ranking.rows] == [True, True, True]


def test_a_tie_is_broken_on_a_named_criterion(edition, organiser):
    # X 50%, Y 50%: A (5, 3) and B (3, 5) both 4; "higher on X" puts A first.
    final = _final(edition, HALVES)
    a, b = _teams(final, "A", "B")
    juror = _juror(final, "J")
    criterion = final.criteria.get(name="Problemă")
    services_jury.set_tie_break(
        actor=organiser, final=final, steps=[(TieBreak.CRITERION, criterion)]
    )
    _scores(juror, a, [5, 3])
    _scores(juror, b, [3, 5])

    ranking = selectors.ranking(final)

    assert _table(ranking) == [("A", 1, 4), ("B", 2, 4)]
    assert [
        (item["number"], [(f.name, v) for f, v in item["values"]], item["separated"])
        for item in ranking.trail
    ] == [(1, [("A", Decimal("5.00")), ("B", Decimal("3.00"))], True)]


def test_a_tie_goes_through_each_step_to_the_casting_vote(edition, organiser):
    final, a, b, c = _tied_three(edition, organiser, chain=True)

    before = selectors.ranking(final)
    services_results.cast_casting_vote(actor=organiser, final=final, order=[b, a])
    after = selectors.ranking(final)

    # Step 1 (criterion): 3, 3, 3, still equal. Step 2 (first places): A 1,
    # B 1, C 0: C third. Step 3: no casting vote yet, A and B share first.
    assert [
        (
            [f.name for f, _v in item["values"]],
            [v for _f, v in item["values"]],
            item["separated"],
        )
        for item in before.trail
    ] == [
        (["A", "B", "C"], [Decimal("3.00")] * 3, False),
        (["A", "B", "C"], [1, 1, 0], True),
        (["A", "B"], [None, None], False),
    ]
    assert _table(before) == [("A", 1, 3), ("B", 1, 3), ("C", 3, 3)]
    assert before.waiting_for_casting_vote == [[a, b]]
    # The chair puts B first.
    assert _table(after) == [("B", 1, 3), ("A", 2, 3), ("C", 3, 3)]
    assert after.waiting_for_casting_vote == []
    assert after.trail[-1]["values"] == [(a, 2), (b, 1)]
    assert AuditEvent.objects.filter(action="final.casting_vote").count() == 1


def test_a_casting_vote_for_finalists_not_tied_is_refused(edition, organiser):
    final, a, b, c = _tied_three(edition, organiser, chain=True)

    with pytest.raises(ValidationError) as raised:
        services_results.cast_casting_vote(actor=organiser, final=final, order=[a, c])

    assert raised.value.messages == [
        ro("These finalists are not waiting for the chair's casting vote.")
    ]
    assert CastingVote.objects.count() == 0


def test_the_tie_break_chain_is_fixed_once_the_queue_starts(edition, organiser):
    final = _final(edition)
    (a,) = _teams(final, "A")
    services_jury.set_now_pitching(actor=organiser, final=final, finalist=a)

    with pytest.raises(ValidationError) as raised:
        services_jury.set_tie_break(
            actor=organiser, final=final, steps=[(TieBreak.FIRST_PLACES, None)]
        )

    assert raised.value.messages == [
        ro("The tie-break chain is fixed: the final has started.")
    ]


def test_the_casting_vote_can_only_be_last(edition, organiser):
    final = _final(edition)

    with pytest.raises(ValidationError) as raised:
        services_jury.set_tie_break(
            actor=organiser,
            final=final,
            steps=[(TieBreak.CASTING_VOTE, None), (TieBreak.FIRST_PLACES, None)],
        )

    assert raised.value.messages == [
        ro("The chair's casting vote decides: it can only be the last step.")
    ]


def test_a_juror_with_one_pitch_or_the_same_score_breaks_nothing(edition):
    final = _final(edition)
    a, b = _teams(final, "A", "B")
    _scores(_juror(final, "Unul"), a, [4])
    same = _juror(final, "Egal")
    _scores(same, a, [3])
    _scores(same, b, [3])

    ranking = selectors.ranking(final)

    assert _table(ranking) == [("A", 1, Fraction(7, 2)), ("B", 2, 3)]
    assert [(r.finalist.name, r.normalised) for r in ranking.rows] == [
        ("A", 0.0),
        ("B", 0.0),
    ]
    assert sorted(
        (row.juror.user.full_name, row.stats.degenerate) for row in ranking.degenerate
    ) == [("Egal", "same_scores"), ("Unul", "one_pitch")]


def test_abstentions_and_recusals_are_left_out_of_the_averages(edition, organiser):
    # A: J1 5, J2 1 (abstains before submitting), J3 2 (recused after).
    final = _final(edition)
    (a,) = _teams(final, "A")
    _scores(_juror(final, "J1"), a, [5])
    abstaining = _scores(_juror(final, "J2"), a, [1], submit=False)
    recused = _scores(_juror(final, "J3"), a, [2])

    services_jury.abstain(
        actor=abstaining.juror.user, assignment=abstaining, reason="Îl cunosc pe mentor"
    )
    services_jury.recuse(actor=organiser, assignment=recused, reason="Rudă")
    ranking = selectors.ranking(final)

    assert _table(ranking) == [("A", 1, 5)]
    assert (ranking.rows[0].sheets_in, ranking.rows[0].sheets_expected) == (1, 1)
    assert [
        (str(j), f.name, str(kind), reason)
        for j, f, kind, reason in selectors.left_out_of(final)
    ] == [
        ("J2", "A", ro("Abstained"), "Îl cunosc pe mentor"),
        ("J3", "A", ro("Recused by an organiser"), "Rudă"),
    ]
    assert sorted(
        AuditEvent.objects.filter(action__startswith="assignment.").values_list(
            "action", flat=True
        )
    ) == ["assignment.abstained", "assignment.recused"]


def test_a_conflict_leaves_the_juror_out_of_assignment_and_results(edition, organiser):
    final = _final(edition)
    a, b = _teams(final, "A", "B")
    school = factories.make_school("Liceul Tehnologic Dimitrie Leonida")
    member = b.members.get()
    conference = factories.make_conference(edition, school=school)
    Attendance.objects.create(conference=conference, person=member.person)
    juror = _juror(final, "Profesoara")
    # A sheet for B that was there before the declaration (submitted).
    _scores(juror, b, [5])
    other = _juror(final, "Altul")
    _scores(other, a, [3])
    _scores(other, b, [2])
    juror.conflicts_declared_at = None
    juror.save()

    services_jury.declare_conflicts(actor=juror.user, juror=juror, schools=[school])
    ranking = selectors.ranking(final)
    services.assign_everyone(actor=organiser, final=final)

    reason = ro(
        "declared a tie with %(school)s, %(name)s's school",
        school="Liceul Tehnologic Dimitrie Leonida",
        name=member.person.full_name,
    )
    assert selectors.conflicts_of(final) == {(juror.pk, b.pk): [reason]}
    # B: only the other juror's 2 counts.
    assert _table(ranking) == [("A", 1, 3), ("B", 2, 2)]
    assert sorted(
        (x.juror.user.full_name, x.finalist.name)
        for x in juror.assignments.select_related("juror__user", "finalist")
    ) == [("Profesoara", "A"), ("Profesoara", "B")]
    newcomer = _juror(final, "Nou")
    services_jury.declare_conflicts(actor=newcomer.user, juror=newcomer, finalists=[b])
    current = set(selectors.assignment_pairs(final))
    with pytest.raises(ValidationError) as raised:
        services.set_assignments(
            actor=organiser, final=final, pairs=current | {(newcomer.pk, b.pk)}
        )
    assert raised.value.code == "conflict"


def test_a_conflict_through_a_participant_mentor_or_application(edition):
    final = _final(edition)
    a, b, c = _teams(final, "A", "B", "C")
    mentor = factories.make_mentor(company="Acme SRL")
    factories.make_group(edition, mentors=[mentor], members=[b.members.get()])
    school = factories.make_school("Colegiul Tehnic Petru Poni")
    person = c.members.get().person
    Application.objects.create(
        edition=edition,
        person=person,
        given_name=person.given_name,
        family_name=person.family_name,
        email="c@example.org",
        school=school,
        class_name="11A",
        motivation="-",
        idea="-",
        form_token=uuid.uuid4(),
    )
    juror = _juror(final, "J")
    juror.refresh_from_db()

    services_jury.declare_conflicts(
        actor=juror.user,
        juror=juror,
        members=[a.members.get()],
        mentors=[mentor],
        schools=[school],
    )

    assert {
        finalist: len(reasons)
        for (_j, finalist), reasons in selectors.conflicts_of(final).items()
    } == {a.pk: 1, b.pk: 1, c.pk: 1}


def test_conflicts_are_declared_once(edition):
    final = _final(edition)
    juror = _juror(final, "J")

    services_jury.declare_conflicts(actor=juror.user, juror=juror)
    with pytest.raises(ValidationError) as raised:
        services_jury.declare_conflicts(actor=juror.user, juror=juror)

    assert raised.value.messages == [
        ro("Your conflicts of interest are already declared.")
    ]
    assert AuditEvent.objects.filter(action="juror.conflicts_declared").count() == 1


def test_the_peer_vote_takes_its_share(edition, organiser):
    # Jury: A 4, B 4. Votes: A -> B, B -> A, and only two voters, so each has
    # 1 of 1 possible vote: peer 5 each. 75% x 4 + 25% x 5 = 4.25 for both;
    # then C, who got no vote: peer 1, 75% x 2 + 25% x 1 = 1.75.
    final = _final(edition)
    final.peer_vote_percent, final.peer_vote_open = 25, True
    final.save()
    a, b, c = _teams(final, "A", "B", "C")
    juror = _juror(final, "J")
    for finalist, value in ((a, 4), (b, 4), (c, 2)):
        _scores(juror, finalist, [value])

    services_jury.cast_peer_vote(actor=organiser, voter=a, choice=b)
    services_jury.cast_peer_vote(actor=organiser, voter=b, choice=a)
    again = services_jury.cast_peer_vote(actor=organiser, voter=b, choice=c)
    ranking = selectors.ranking(final)

    assert again[1] is False
    assert [(r.finalist.name, r.jury, r.peer, r.result) for r in ranking.rows] == [
        ("A", 4, 5, Fraction(17, 4)),
        ("B", 4, 5, Fraction(17, 4)),
        ("C", 2, 1, Fraction(7, 4)),
    ]


def test_a_peer_vote_for_oneself_is_refused(edition, organiser):
    final = _final(edition)
    final.peer_vote_percent, final.peer_vote_open = 25, True
    final.save()
    (a,) = _teams(final, "A")

    with pytest.raises(ValidationError) as raised:
        services_jury.cast_peer_vote(actor=organiser, voter=a, choice=a)

    assert raised.value.message_dict == {
        "choice": [ro("Vote for another finalist of this final.")]
    }


def test_agreement_and_far_jurors_on_the_results(edition):
    final = _final(edition)
    a, b, c = _teams(final, "A", "B", "C")
    for name, values in (("J1", (5, 4, 3)), ("J2", (5, 4, 3)), ("Contra", (3, 4, 5))):
        juror = _juror(final, name)
        for finalist, value in zip((a, b, c), values, strict=True):
            _scores(juror, finalist, [value])

    ranking = selectors.ranking(final)

    # Ranks: A 1,1,3 (5); B 2,2,2 (6); C 3,3,1 (7). S = 1 + 0 + 1 = 2;
    # W = 12 x 2 / (9 x 24) = 1/9.
    assert ranking.agreement.w == Fraction(1, 9)
    assert [row.juror.user.full_name for row in ranking.far_jurors] == ["Contra"]
