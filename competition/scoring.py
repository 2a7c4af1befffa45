"""The arithmetic of the results, on plain numbers: no database, no text.

Everything a finalist's place depends on is computed here from dicts, so that
each rule can be checked by hand on small cases. Averages and the jury's
result are exact fractions: equal results are really equal. Z-scores, the
agreement and the distances need square roots and are floats; they inform the
chair and never decide a place.
"""

import math
import statistics
from dataclasses import dataclass, field
from fractions import Fraction

# A juror whose results stand on average this share of the scale's range away
# from the others' on the same pitches is flagged for the chair.
FAR_SHARE = Fraction(1, 4)
# A juror whose mean stands this share of the range above or below the jury's
# is called lenient or harsh in the notes on normalisation.
LEAN_SHARE = Fraction(1, 10)
# A spread this many times the jury's median spread is called wide.
WIDE_FACTOR = 1.5


def juror_result(values, weights):
    """A juror's result for one pitch: sum(weight x score) / sum(weights).

    ``values`` maps criterion pk to a score (or None); ``weights`` maps the
    counted criteria to their weight. Criteria not scored are left out, with
    their weight, so the result stays on the scale; weights that do not add
    up to 100 are scaled the same way. None when nothing counted was scored.
    Integer weights (``whole_weights``) keep the sums in integers.
    """
    total = weighted = 0
    for pk, value in values.items():
        if value is None or pk not in weights:
            continue
        weight = weights[pk]
        if not isinstance(weight, int):
            weight = Fraction(weight)
        total += weight
        weighted += weight * value
    if not total:
        return None
    return Fraction(weighted, total)


def whole_weights(weights):
    """``weights`` as integers in the same proportions, for ``juror_result``:
    a weighted average is the same, exactly, and cheaper to work out."""
    exact = {pk: Fraction(weight) for pk, weight in weights.items()}
    scale = math.lcm(*(weight.denominator for weight in exact.values()))
    return {
        pk: weight.numerator * (scale // weight.denominator)
        for pk, weight in exact.items()
    }


def mean(values):
    values = list(values)
    if not values:
        return None
    return sum(values, Fraction(0)) / len(values)


def combined(jury, peer, peer_percent):
    """The result with the peer vote's share; without peer points, the jury's."""
    if jury is None:
        return None
    if not peer_percent or peer is None:
        return jury
    share = Fraction(peer_percent, 100)
    return jury * (1 - share) + peer * share


def peer_points(votes, voters, finalists, low, high):
    """Each finalist's peer vote on the jury's scale, ``{finalist: Fraction}``.

    ``votes`` counts the votes each finalist received; ``voters`` are the
    finalists who voted. Nobody votes for themselves, so a finalist's points
    are ``low + (high - low) x votes / (voters other than itself)``. None when
    no other finalist voted: a missing vote is left out, never zero.
    """
    points = {}
    for finalist in finalists:
        possible = len(set(voters) - {finalist})
        if not possible:
            points[finalist] = None
            continue
        share = Fraction(votes.get(finalist, 0), possible)
        points[finalist] = low + (high - low) * share
    return points


# Normalising each juror's results


@dataclass
class JurorStats:
    juror: int
    count: int
    mean: float
    spread: float
    # "one_pitch" or "same_scores" when the spread is zero, else "".
    degenerate: str = ""


def juror_stats(results):
    """``{juror: JurorStats}`` from ``{juror: {finalist: result}}``."""
    stats = {}
    for juror, by_finalist in results.items():
        values = [float(value) for value in by_finalist.values()]
        if not values:
            continue
        spread = statistics.pstdev(values)
        degenerate = ""
        if len(values) == 1:
            degenerate = "one_pitch"
        elif spread == 0:
            degenerate = "same_scores"
        stats[juror] = JurorStats(
            juror, len(values), statistics.fmean(values), spread, degenerate
        )
    return stats


def zscores(results, stats=None):
    """``{juror: {finalist: z}}``: each result less the juror's mean, over the
    juror's spread. A juror with no spread (one pitch, or the same result for
    all) gets 0 everywhere: they say nothing about who is better."""
    stats = stats or juror_stats(results)
    out = {}
    for juror, by_finalist in results.items():
        juror_stat = stats.get(juror)
        out[juror] = {
            finalist: (
                0.0
                if juror_stat is None or juror_stat.degenerate
                else (float(value) - juror_stat.mean) / juror_stat.spread
            )
            for finalist, value in by_finalist.items()
        }
    return out


def normalised_results(results, stats=None):
    """``{finalist: mean z-score over the jurors who scored it}``."""
    by_finalist = {}
    for by_juror in zscores(results, stats).values():
        for finalist, z in by_juror.items():
            by_finalist.setdefault(finalist, []).append(z)
    return {finalist: statistics.fmean(zs) for finalist, zs in by_finalist.items()}


def ranks_of(values):
    """``{key: rank}``, best (highest) first; equal values share a rank.

    Floats are compared to 9 decimals, so that rounding noise does not split
    what is equal.
    """

    def key(value):
        return round(value, 9) if isinstance(value, float) else value

    ordered = sorted(values.values(), key=key, reverse=True)
    return {
        item: 1 + sum(1 for other in ordered if key(other) > key(value))
        for item, value in values.items()
    }


# Agreement between jurors


def average_ranks(by_item):
    """Ranks 1..n of ``{item: value}``, highest first, ties averaged, and the
    tie correction sum(t^3 - t) over groups of t equal values."""
    ordered = sorted(by_item.items(), key=lambda pair: pair[1], reverse=True)
    ranks, correction, position = {}, 0, 0
    while position < len(ordered):
        end = position
        while end + 1 < len(ordered) and ordered[end + 1][1] == ordered[position][1]:
            end += 1
        size = end - position + 1
        shared = Fraction(position + 1 + end + 1, 2)
        for item, _value in ordered[position : end + 1]:
            ranks[item] = shared
        correction += size**3 - size
        position = end + 1
    return ranks, correction


@dataclass
class Agreement:
    w: Fraction | None
    jurors: list = field(default_factory=list)
    finalists: list = field(default_factory=list)
    left_out: list = field(default_factory=list)


def kendall_w(results):
    """Kendall's W over the largest block of jurors who scored the same pitches.

    W needs every juror to rank the same pitches: jurors are taken from the
    one who scored most, each kept while the pitches all of them scored stay
    at least two. Ties get average ranks and the usual correction. W is None
    with fewer than two jurors or pitches, or when every juror gave all
    pitches the same result (nothing to agree on).
    """
    order = sorted(results, key=lambda juror: (-len(results[juror]), juror))
    block, kept = None, []
    for juror in order:
        pitches = set(results[juror])
        candidate = pitches if block is None else block & pitches
        if len(candidate) >= 2:
            block = candidate
            kept.append(juror)
    left_out = [juror for juror in order if juror not in kept]
    if len(kept) < 2:
        return Agreement(None, kept, sorted(block or []), left_out)

    n, m = len(block), len(kept)
    sums = dict.fromkeys(block, Fraction(0))
    corrections = 0
    for juror in kept:
        ranks, correction = average_ranks(
            {finalist: results[juror][finalist] for finalist in block}
        )
        corrections += correction
        for finalist, rank in ranks.items():
            sums[finalist] += rank
    centre = Fraction(m * (n + 1), 2)
    spread = sum((total - centre) ** 2 for total in sums.values())
    denominator = m * m * (n**3 - n) - m * corrections
    w = 12 * spread / denominator if denominator else None
    return Agreement(w, kept, sorted(block), left_out)


def spearman(xs, ys):
    """Spearman's rho of two equal-length lists; None when either is flat."""
    if len(xs) < 3:
        return None
    rx, _ = average_ranks(dict(enumerate(xs)))
    ry, _ = average_ranks(dict(enumerate(ys)))
    a = [float(rx[i]) for i in range(len(xs))]
    b = [float(ry[i]) for i in range(len(ys))]
    ma, mb = statistics.fmean(a), statistics.fmean(b)
    cov = sum((x - ma) * (y - mb) for x, y in zip(a, b, strict=True))
    va = sum((x - ma) ** 2 for x in a)
    vb = sum((y - mb) ** 2 for y in b)
    if not va or not vb:
        return None
    return cov / math.sqrt(va * vb)


@dataclass
class Distance:
    juror: int
    pitches: int
    distance: Fraction | None
    rho: float | None
    far: bool


def distances(results, scale_range):
    """How far each juror stands from the others on the pitches they share.

    ``distance`` is the mean gap, in points, between the juror's result and
    the mean of the other jurors' on the same pitch; ``rho`` the rank
    correlation of the two (from 3 shared pitches). A juror is ``far`` when
    the gap passes ``FAR_SHARE`` of the scale's range or rho is negative.
    """
    # Each pitch's total and count once: the others' mean on a pitch is then
    # the total less the juror's own result, over one fewer, exactly.
    totals, counts = {}, {}
    for by_finalist in results.values():
        for finalist, value in by_finalist.items():
            totals[finalist] = totals.get(finalist, 0) + value
            counts[finalist] = counts.get(finalist, 0) + 1
    out = {}
    for juror, by_finalist in results.items():
        mine, theirs = [], []
        for finalist, value in by_finalist.items():
            if counts[finalist] > 1:
                mine.append(value)
                theirs.append(
                    Fraction(totals[finalist] - value) / (counts[finalist] - 1)
                )
        if not mine:
            out[juror] = Distance(juror, 0, None, None, False)
            continue
        gap = mean(abs(a - b) for a, b in zip(mine, theirs, strict=True))
        rho = spearman(mine, theirs)
        far = gap > FAR_SHARE * scale_range or (rho is not None and rho < 0)
        out[juror] = Distance(juror, len(mine), gap, rho, far)
    return out


# Ties


@dataclass
class TieStep:
    """One step of the chain applied to finalists still equal."""

    step: int
    finalists: list
    values: dict
    separated: bool


def _split(group, steps, index, trail):
    if len(group) == 1 or index == len(steps):
        return [group]
    values = steps[index](group)
    distinct = sorted(
        {values.get(finalist) for finalist in group},
        key=lambda value: (value is not None, value if value is not None else 0),
        reverse=True,
    )
    parts = [
        [finalist for finalist in group if values.get(finalist) == value]
        for value in distinct
    ]
    trail.append(
        TieStep(
            step=index,
            finalists=list(group),
            values={finalist: values.get(finalist) for finalist in group},
            separated=len(parts) > 1,
        )
    )
    blocks = []
    for part in parts:
        blocks.extend(_split(part, steps, index + 1, trail))
    return blocks


def order_with_ties(results, steps):
    """Order finalists by result, breaking equal results with ``steps``.

    ``results`` is ``{finalist: result}`` (None: not ranked), in pitch order;
    each step is a function of a tied group returning ``{finalist: value}``,
    higher first, None last. Returns ``(blocks, trail)``: ``blocks`` lists
    the ranked finalists in order, each block sharing one rank (the chain
    could not separate them); ``trail`` is every step applied, for showing.
    """
    ranked = [finalist for finalist, value in results.items() if value is not None]
    ranked.sort(key=lambda finalist: results[finalist], reverse=True)
    blocks, trail, position = [], [], 0
    while position < len(ranked):
        end = position
        while (
            end + 1 < len(ranked)
            and results[ranked[end + 1]] == results[ranked[position]]
        ):
            end += 1
        blocks.extend(_split(ranked[position : end + 1], steps, 0, trail))
        position = end + 1
    return blocks, trail


def ranks_from_blocks(blocks):
    ranks, ahead = {}, 0
    for block in blocks:
        for finalist in block:
            ranks[finalist] = ahead + 1
        ahead += len(block)
    return ranks


def first_places(results):
    """``{finalist: how many jurors gave it their best result}`` (ties count)."""
    counts = {}
    for by_finalist in results.values():
        if not by_finalist:
            continue
        best = max(by_finalist.values())
        for finalist, value in by_finalist.items():
            if value == best:
                counts[finalist] = counts.get(finalist, 0) + 1
    return counts


def tied_key(finalists):
    return ",".join(str(pk) for pk in sorted(finalists))
