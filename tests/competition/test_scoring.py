"""The arithmetic of the results, checked on small cases worked out by hand."""

from decimal import Decimal
from fractions import Fraction

import pytest

from competition import scoring


def test_juror_result_is_the_weighted_average():
    # (20 x 5 + 80 x 3) / 100 = 3.4
    assert scoring.juror_result({1: 5, 2: 3}, {1: 20, 2: 80}) == Fraction(17, 5)


def test_juror_result_leaves_a_blank_criterion_out_with_its_weight():
    # Criterion 2 blank: 5 over criterion 1 alone, not (20 x 5 + 80 x 0) / 100.
    assert scoring.juror_result({1: 5, 2: None}, {1: 20, 2: 80}) == 5
    assert scoring.juror_result({1: 5}, {1: 20, 2: 80}) == 5


def test_juror_result_with_weights_that_do_not_total_100_stays_on_the_scale():
    # Weights 30 and 30: (30 x 4 + 30 x 2) / 60 = 3.
    assert scoring.juror_result({1: 4, 2: 2}, {1: 30, 2: 30}) == 3


def test_juror_result_ignores_a_criterion_not_counted():
    # Criterion 3 is optional: not in the weights, so not in the result.
    assert scoring.juror_result({1: 4, 2: 2, 3: 1}, {1: 50, 2: 50}) == 3


def test_juror_result_of_nothing_scored_is_none():
    assert scoring.juror_result({1: None}, {1: 100}) is None


def test_whole_weights_keep_the_proportions_in_integers():
    # 33.33, 33.33 and 33.34 over a common 100: 3333, 3333 and 3334.
    weights = {1: Decimal("33.33"), 2: Decimal("33.33"), 3: Decimal("33.34")}

    whole = scoring.whole_weights(weights)

    assert whole == {1: 3333, 2: 3333, 3: 3334}


def test_juror_result_is_the_same_on_whole_and_decimal_weights():
    # (33.33 x 4 + 33.33 x 5 + 33.34 x 3) / 100 = 399.99 / 100.
    weights = {1: Decimal("33.33"), 2: Decimal("33.33"), 3: Decimal("33.34")}
    values = {1: 4, 2: 5, 3: 3}

    results = (
        scoring.juror_result(values, weights),
        scoring.juror_result(values, scoring.whole_weights(weights)),
    )

    assert results == (Fraction(39999, 10000), Fraction(39999, 10000))


def test_mean_of_nothing_is_none_not_zero():
    assert (scoring.mean([]), scoring.mean([Fraction(5), Fraction(4)])) == (
        None,
        Fraction(9, 2),
    )


def test_peer_points_put_votes_on_the_jury_scale():
    # A -> B, B -> A, C -> B: B has 2 of 2 possible votes, A 1 of 2, C 0 of 2.
    points = scoring.peer_points(
        {"B": 2, "A": 1}, {"A", "B", "C"}, ["A", "B", "C"], 1, 5
    )

    assert points == {"A": 3, "B": 5, "C": 1}


def test_peer_points_without_other_voters_are_none():
    assert scoring.peer_points({}, {"A"}, ["A", "B"], 1, 5) == {"A": None, "B": 1}


def test_combined_mixes_the_peer_share_or_keeps_the_jury_alone():
    # 75% of 4 + 25% of 5 = 4.25
    assert scoring.combined(Fraction(4), Fraction(5), 25) == Fraction(17, 4)
    assert scoring.combined(Fraction(4), None, 25) == 4
    assert scoring.combined(None, Fraction(5), 25) is None


def test_zscores_of_a_lenient_and_a_harsh_juror_put_them_level():
    # The lenient juror gives 5 and 4, the harsh one 2 and 1: same order,
    # same spread (0.5), so the same z-scores.
    results = {
        "lenient": {"A": Fraction(5), "B": Fraction(4)},
        "harsh": {"A": Fraction(2), "B": Fraction(1)},
    }

    assert scoring.zscores(results) == {
        "lenient": {"A": 1.0, "B": -1.0},
        "harsh": {"A": 1.0, "B": -1.0},
    }


def test_zscores_of_a_juror_without_spread_are_zero():
    results = {
        "same": {"A": Fraction(3), "B": Fraction(3)},
        "one": {"A": Fraction(5)},
    }

    stats = scoring.juror_stats(results)

    assert (stats["same"].degenerate, stats["one"].degenerate) == (
        "same_scores",
        "one_pitch",
    )
    assert scoring.zscores(results, stats) == {
        "same": {"A": 0.0, "B": 0.0},
        "one": {"A": 0.0},
    }
    assert scoring.normalised_results(results, stats) == {"A": 0.0, "B": 0.0}


def test_ranks_of_share_equal_values():
    assert scoring.ranks_of({"A": 1.0, "B": -1.0, "C": 1.0}) == {
        "A": 1,
        "B": 3,
        "C": 1,
    }


def test_kendall_w_by_hand():
    # Ranks: A 1,1,1 (sum 3); B 2,3,2 (7); C 3,2,3 (8). Mean sum 6, S = 9+1+4
    # = 14; W = 12 x 14 / (3^2 x (3^3 - 3)) = 168 / 216 = 7/9.
    results = {
        1: {"A": 3, "B": 2, "C": 1},
        2: {"A": 3, "B": 1, "C": 2},
        3: {"A": 3, "B": 2, "C": 1},
    }

    agreement = scoring.kendall_w(results)

    assert (agreement.w, agreement.jurors, agreement.finalists) == (
        Fraction(7, 9),
        [1, 2, 3],
        ["A", "B", "C"],
    )


def test_kendall_w_with_ties_uses_the_correction():
    # Juror 1 ties A and B (ranks 1.5, 1.5, 3; T = 2^3 - 2 = 6); juror 2 ranks
    # A, B, C. Sums: A 2.5, B 3.5, C 6; mean 4; S = 2.25 + 0.25 + 4 = 6.5.
    # W = 12 x 6.5 / (4 x 24 - 2 x 6) = 78 / 84 = 13/14.
    results = {1: {"A": 4, "B": 4, "C": 1}, 2: {"A": 5, "B": 4, "C": 3}}

    assert scoring.kendall_w(results).w == Fraction(13, 14)


def test_kendall_w_without_two_jurors_on_the_same_pitches_is_none():
    results = {1: {"A": 5, "B": 4}, 2: {"B": 2, "C": 3}}

    agreement = scoring.kendall_w(results)

    assert (agreement.w, agreement.jurors, agreement.left_out) == (None, [1], [2])


def test_kendall_w_when_every_juror_ties_everything_is_none():
    results = {1: {"A": 3, "B": 3}, 2: {"A": 4, "B": 4}}

    assert scoring.kendall_w(results).w is None


def test_distances_flag_a_juror_far_from_the_others():
    # Jurors 1 and 2 agree; juror 3 reverses the order of the three pitches.
    results = {
        1: {"A": Fraction(5), "B": Fraction(4), "C": Fraction(3)},
        2: {"A": Fraction(5), "B": Fraction(4), "C": Fraction(3)},
        3: {"A": Fraction(3), "B": Fraction(4), "C": Fraction(5)},
    }

    far = scoring.distances(results, scale_range=4)

    # Juror 3: gaps |3-5|, |4-4|, |5-3| -> mean 4/3 points, rho -1.
    assert (far[3].distance, far[3].rho, far[3].far) == (Fraction(4, 3), -1.0, True)
    # Juror 1: others' means 4, 4, 4 -> gaps 1, 0, 1 -> 2/3 (under 1 point),
    # and no correlation with a flat line.
    assert (far[1].distance, far[1].rho, far[1].far) == (Fraction(2, 3), None, False)


def test_first_places_count_each_jurors_best():
    results = {1: {"A": 5, "B": 3}, 2: {"A": 2, "B": 4}, 3: {"A": 4, "B": 4}}

    # Juror 3 gives both their best result: both count.
    assert scoring.first_places(results) == {"A": 2, "B": 2}


def _steps(*tables):
    return [
        lambda group, table=table: {f: table.get(f) for f in group} for table in tables
    ]


def test_order_with_ties_breaks_at_the_first_step_that_separates():
    results = {"A": Fraction(4), "B": Fraction(4), "C": Fraction(3)}

    blocks, trail = scoring.order_with_ties(
        results, _steps({"A": 3, "B": 5}, {"A": 9, "B": 0})
    )

    assert blocks == [["B"], ["A"], ["C"]]
    assert [(t.step, t.finalists, t.separated) for t in trail] == [
        (0, ["A", "B"], True)
    ]


def test_order_with_ties_goes_on_to_the_next_step_when_still_equal():
    results = {"A": Fraction(4), "B": Fraction(4)}

    blocks, trail = scoring.order_with_ties(
        results, _steps({"A": 3, "B": 3}, {"A": 1, "B": 2})
    )

    assert blocks == [["B"], ["A"]]
    assert [(t.step, t.separated) for t in trail] == [(0, False), (1, True)]


def test_order_with_ties_a_tie_that_survives_the_chain_shares_a_rank():
    results = {"A": Fraction(4), "B": Fraction(4), "C": Fraction(5), "D": None}

    blocks, _trail = scoring.order_with_ties(results, _steps({"A": 2, "B": 2}))

    # D has no result: not ranked at all.
    assert blocks == [["C"], ["A", "B"]]
    assert scoring.ranks_from_blocks(blocks) == {"C": 1, "A": 2, "B": 2}


def test_order_with_ties_puts_a_missing_value_last():
    blocks, _trail = scoring.order_with_ties(
        {"A": Fraction(4), "B": Fraction(4)}, _steps({"A": None, "B": 1})
    )

    assert blocks == [["B"], ["A"]]


@pytest.mark.parametrize(("pks", "key"), [([3, 1, 2], "1,2,3"), ([10, 9], "9,10")])
def test_tied_key_sorts_numerically(pks, key):
    assert scoring.tied_key(pks) == key
