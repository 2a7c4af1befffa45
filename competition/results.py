"""Reads of the results: who counts for which pitch, the ranking and its notes.

The arithmetic is in ``competition.scoring``; this module gathers its inputs
from the database in a fixed number of queries and puts the outcome into
words. A juror's sheet counts for a pitch when it is submitted, the juror did
not abstain or get recused on it, and declared no conflict with the team.
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import IntEnum
from fractions import Fraction

from django.db.models import (
    BigIntegerField,
    CharField,
    Count,
    F,
    IntegerField,
    Q,
    Value,
)
from django.db.models.functions import Cast, Coalesce
from django.utils.translation import gettext as _

from cohorts.models import Application, Attendance, CohortMember
from competition import scoring
from competition.choices import TieBreak
from competition.models import (
    Assignment,
    CastingVote,
    Finalist,
    Juror,
    PeerVote,
    Score,
)
from mentorship.models import MentorGroup


def rounded(value, places="0.01"):
    if value is None:
        return None
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    else:
        value = Decimal(str(value))
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


# Conflicts of interest


class _Tie(IntEnum):
    """The kind of a row of ``_ties``; its values ``(a, b, c, text, other)``."""

    DECLARED_TEAM = 0  # juror, finalist
    DECLARED_MEMBER = 1  # juror, member
    DECLARED_SCHOOL = 2  # juror, school, short name, name
    DECLARED_MENTOR = 3  # juror, mentor, the mentor's full name, e-mail
    MEMBER = 4  # finalist, member, person, given name, family name
    ATTENDED = 5  # person, school
    APPLIED = 6  # person, school
    MENTORED = 7  # member, mentor


def _tie_rows(queryset, kind, a, b, c=None, text=None, other=None):
    def number(name):
        # Typed: PostgreSQL reads two untyped NULLs in a UNION as text.
        return Cast(Value(None), BigIntegerField()) if name is None else F(name)

    def words(name):
        return Value(None, output_field=CharField()) if name is None else F(name)

    return (
        queryset.annotate(
            tie_kind=Value(int(kind), output_field=IntegerField()),
            tie_a=number(a),
            tie_b=number(b),
            tie_c=number(c),
            tie_text=words(text),
            tie_other=words(other),
        )
        .values_list("tie_kind", "tie_a", "tie_b", "tie_c", "tie_text", "tie_other")
        .order_by()
    )


def _ties(final, juror_ids):
    """Every tie that can put ``juror_ids`` in conflict with ``final``'s
    finalists, in one query whatever the data: the jurors' declarations, the
    finalists' members with their names, and the members' schools (an
    attendance without its own school is at the conference's school) and
    mentors in the final's edition. Members come in their usual order."""
    persons = CohortMember.objects.filter(finalist_entries__final=final).values(
        "person_id"
    )
    edition_id = final.edition_id
    # The jurors' declarations: (relation, kind, what is declared, its names).
    declared = [
        (Juror.conflict_finalists, _Tie.DECLARED_TEAM, "finalist_id", {}),
        (Juror.conflict_members, _Tie.DECLARED_MEMBER, "cohortmember_id", {}),
        (
            Juror.conflict_schools,
            _Tie.DECLARED_SCHOOL,
            "school_id",
            {"text": "school__short_name", "other": "school__name"},
        ),
        (
            Juror.conflict_mentors,
            _Tie.DECLARED_MENTOR,
            "mentor_id",
            {"text": "mentor__user__full_name", "other": "mentor__user__email"},
        ),
    ]
    parts = [
        _tie_rows(
            relation.through.objects.filter(juror_id__in=juror_ids),
            kind,
            "juror_id",
            tied,
            **names,
        )
        for relation, kind, tied, names in declared
    ]
    parts += [
        _tie_rows(
            Finalist.members.through.objects.filter(finalist__final=final),
            _Tie.MEMBER,
            "finalist_id",
            "cohortmember_id",
            "cohortmember__person_id",
            text="cohortmember__person__given_name",
            other="cohortmember__person__family_name",
        ),
        _tie_rows(
            Attendance.objects.filter(
                conference__edition_id=edition_id, person_id__in=persons
            ).annotate(school_ref=Coalesce("school_id", "conference__school_id")),
            _Tie.ATTENDED,
            "person_id",
            "school_ref",
        ),
        _tie_rows(
            Application.objects.filter(
                edition_id=edition_id, person_id__in=persons, school__isnull=False
            ),
            _Tie.APPLIED,
            "person_id",
            "school_id",
        ),
        _tie_rows(
            MentorGroup.members.through.objects.filter(
                mentorgroup__edition_id=edition_id,
                cohortmember__finalist_entries__final=final,
            ),
            _Tie.MENTORED,
            "cohortmember_id",
            "mentorgroup__mentors",
        ),
    ]
    # A member's order is the one of ``CohortMember``: family, then given name.
    return parts[0].union(*parts[1:], all=True).order_by("tie_other", "tie_text")


def conflicts_of(final, jurors=None, finalists=None):
    """``{(juror pk, finalist pk): [why, ...]}`` from the jurors' declarations.

    A juror is in conflict with a team when they declared a tie with the team
    itself, one of its members, a member's school or a member's mentor.
    ``jurors`` and ``finalists``: all the final's, when the caller has read
    them already; they are not read again. One query when some juror has
    declared their ties (two without ``finalists``), none when nobody has.
    """
    if jurors is None:
        jurors = final.jurors.select_related("user")
    juror_ids = [
        juror.pk for juror in jurors if juror.conflicts_declared_at is not None
    ]
    if not juror_ids:
        return {}
    if finalists is None:
        finalist_ids = list(final.finalists.values_list("pk", flat=True))
    else:
        finalist_ids = [finalist.pk for finalist in finalists]

    teams, people = defaultdict(set), defaultdict(set)
    their_schools, their_mentors = defaultdict(dict), defaultdict(dict)
    members = defaultdict(list)
    schools_by_person, mentors = defaultdict(set), defaultdict(set)
    for kind, a, b, c, text, other in _ties(final, juror_ids):
        if kind == _Tie.DECLARED_TEAM:
            teams[a].add(b)
        elif kind == _Tie.DECLARED_MEMBER:
            people[a].add(b)
        elif kind == _Tie.DECLARED_SCHOOL:
            # As ``str(school)``.
            their_schools[a][b] = text or other
        elif kind == _Tie.DECLARED_MENTOR:
            # As ``str(mentor)``: its account's name, else its e-mail.
            their_mentors[a][b] = text or other
        elif kind == _Tie.MEMBER:
            members[a].append((b, c, f"{text} {other}".strip()))
        elif kind in (_Tie.ATTENDED, _Tie.APPLIED):
            schools_by_person[a].add(b)
        elif b is not None:
            mentors[a].add(b)

    conflicts = {}
    for juror_id in juror_ids:
        declared_schools = their_schools[juror_id]
        declared_mentors = their_mentors[juror_id]
        for finalist_id in finalist_ids:
            reasons = []
            if finalist_id in teams[juror_id]:
                reasons.append(_("declared a tie with the team"))
            for member_id, person_id, name in members[finalist_id]:
                if member_id in people[juror_id]:
                    reasons.append(_("declared a tie with %(name)s") % {"name": name})
                for school_id in schools_by_person[person_id] & declared_schools.keys():
                    reasons.append(
                        _("declared a tie with %(school)s, %(name)s's school")
                        % {"school": declared_schools[school_id], "name": name}
                    )
                for mentor_id in mentors[member_id] & declared_mentors.keys():
                    reasons.append(
                        _("declared a tie with %(mentor)s, who mentors %(name)s")
                        % {"mentor": declared_mentors[mentor_id], "name": name}
                    )
            if reasons:
                conflicts[(juror_id, finalist_id)] = reasons
    return conflicts


def left_out_of(final, ranking=None):
    """Every juror and pitch that does not count, with the reason, for showing.

    Each item is ``(juror, finalist, kind label, reason)``. With the final's
    ``ranking``, its conflicts, jurors and finalists are not read again.
    """
    if ranking is None:
        conflicts = conflicts_of(final)
        jurors = final.jurors.select_related("user")
        finalists = final.finalists.all()
    else:
        conflicts = ranking.conflicts
        jurors = [row.juror for row in ranking.jurors]
        finalists = [row.finalist for row in ranking.rows]
    jurors = {juror.pk: juror for juror in jurors}
    finalists = {finalist.pk: finalist for finalist in finalists}
    items = [
        (jurors[j], finalists[f], _("Conflict of interest"), "; ".join(reasons))
        for (j, f), reasons in conflicts.items()
    ]
    for assignment in Assignment.objects.filter(finalist__final=final).exclude(
        left_out=""
    ):
        items.append(
            (
                jurors[assignment.juror_id],
                finalists[assignment.finalist_id],
                assignment.get_left_out_display(),
                assignment.left_out_reason,
            )
        )
    items.sort(key=lambda item: (item[1].pitch_order, str(item[0])))
    return items


# The ranking


@dataclass
class ResultRow:
    finalist: Finalist
    jury: Fraction | None
    peer: Fraction | None
    result: Fraction | None
    criterion_averages: list
    sheets_in: int
    sheets_expected: int
    rank: int | None = None
    shared: bool = False
    jury_rank: int | None = None
    normalised: float | None = None
    normalised_rank: int | None = None
    notes: list = field(default_factory=list)

    @property
    def result_display(self):
        return rounded(self.result)

    @property
    def jury_display(self):
        return rounded(self.jury)

    @property
    def peer_display(self):
        return rounded(self.peer)

    @property
    def normalised_display(self):
        return rounded(self.normalised)

    @property
    def averages_display(self):
        return [rounded(average) for average in self.criterion_averages]

    @property
    def moved(self):
        return (
            self.normalised_rank is not None and self.normalised_rank != self.jury_rank
        )


@dataclass
class JurorRow:
    juror: Juror
    counted: int
    stats: scoring.JurorStats | None
    distance: scoring.Distance | None
    lean: str = ""

    @property
    def mean_display(self):
        return rounded(self.stats.mean) if self.stats else None

    @property
    def spread_display(self):
        return rounded(self.stats.spread) if self.stats else None

    @property
    def distance_display(self):
        return rounded(self.distance.distance) if self.distance else None

    @property
    def rho_display(self):
        if self.distance is None or self.distance.rho is None:
            return None
        return rounded(self.distance.rho)


@dataclass
class Ranking:
    criteria: list
    rows: list
    steps: list = field(default_factory=list)
    trail: list = field(default_factory=list)
    jurors: list = field(default_factory=list)
    agreement: scoring.Agreement | None = None
    peer_percent: int = 0
    peer_voters: int = 0
    waiting_for_casting_vote: list = field(default_factory=list)
    # {(juror pk, finalist pk): reasons}, as ``conflicts_of`` gives them
    conflicts: dict = field(default_factory=dict)

    @property
    def agreement_display(self):
        if self.agreement is None or self.agreement.w is None:
            return None
        return rounded(self.agreement.w)

    @property
    def far_jurors(self):
        return [row for row in self.jurors if row.distance and row.distance.far]

    @property
    def moved(self):
        return [row for row in self.rows if row.moved]

    @property
    def degenerate(self):
        return [row for row in self.jurors if row.stats and row.stats.degenerate]


def counted_sheets(final, conflicts):
    """``[(juror pk, finalist pk, {criterion pk: score})]`` of the sheets that count."""
    sheets = {}
    for sheet_id, juror_id, finalist_id, criterion_id, value in Score.objects.filter(
        sheet__assignment__finalist__final=final,
        sheet__submitted_at__isnull=False,
        sheet__assignment__left_out="",
    ).values_list(
        "sheet_id",
        "sheet__assignment__juror_id",
        "sheet__assignment__finalist_id",
        "criterion_id",
        "value",
    ):
        if (juror_id, finalist_id) in conflicts:
            continue
        sheets.setdefault(sheet_id, (juror_id, finalist_id, {}))[2][criterion_id] = (
            value
        )
    return list(sheets.values())


def _steps(final, criteria_averages, first, casting):
    """The tie-break chain as functions of a tied group, with their labels."""
    functions, labels = [], []
    for step in final.tie_break_steps.select_related("criterion"):
        if step.kind == TieBreak.CRITERION and step.criterion_id:
            pk = step.criterion_id

            def by_criterion(group, pk=pk):
                return {f: criteria_averages[f].get(pk) for f in group}

            functions.append(by_criterion)
        elif step.kind == TieBreak.FIRST_PLACES:
            functions.append(lambda group: {f: first.get(f, 0) for f in group})
        elif step.kind == TieBreak.CASTING_VOTE:

            def by_vote(group):
                order = casting.get(scoring.tied_key(group))
                if not order:
                    return {}
                return {f: -order.index(f) for f in group if f in order}

            functions.append(by_vote)
        else:
            continue
        labels.append(step)
    return functions, labels


def _lean(stats, grand, scale_range):
    if stats is None or grand is None:
        return ""
    threshold = float(scoring.LEAN_SHARE * scale_range)
    if stats.mean - grand >= threshold:
        return "lenient"
    if grand - stats.mean >= threshold:
        return "harsh"
    return ""


def _notes(row, juror_rows, results, median_spread, grand):
    """Plain reasons why normalising moves ``row``'s place."""
    notes = []
    for juror_row in juror_rows:
        stats = juror_row.stats
        if stats is None or stats.degenerate:
            continue
        scored = row.finalist.pk in results.get(juror_row.juror.pk, {})
        params = {
            "juror": juror_row.juror,
            "offset": f"{abs(stats.mean - grand):.2f}",
            "spread": f"{stats.spread:.2f}",
            "median": f"{median_spread:.2f}",
        }
        if juror_row.lean == "lenient":
            text = (
                _(
                    "scored by %(juror)s, who scores %(offset)s above the jury on average"
                )
                if scored
                else _(
                    "not scored by %(juror)s, who scores %(offset)s above the "
                    "jury on average"
                )
            )
            notes.append(text % params)
        elif juror_row.lean == "harsh":
            text = (
                _(
                    "scored by %(juror)s, who scores %(offset)s below the jury on average"
                )
                if scored
                else _(
                    "not scored by %(juror)s, who scores %(offset)s below the "
                    "jury on average"
                )
            )
            notes.append(text % params)
        if (
            scored
            and median_spread
            and stats.spread >= scoring.WIDE_FACTOR * median_spread
        ):
            notes.append(
                _(
                    "scored by %(juror)s, whose scores spread wider (%(spread)s) "
                    "than the jury's usual %(median)s, so each of their points "
                    "weighs less once normalised"
                )
                % params
            )
    if not notes:
        notes.append(
            _(
                "its jurors use the scale differently from the jurors of the "
                "finalists around it"
            )
        )
    return notes


def ranking(final):
    """The finalists ranked, best first, with everything the results page shows.

    A juror's result for a pitch is their weighted average over the counted
    criteria they scored (``scoring.juror_result``); the jury's result is the
    mean over the sheets that count: a missing, draft, abstained, recused or
    conflicted sheet is left out, never counted as zero. With a peer vote,
    its share is mixed in. Equal results go through the final's tie-break
    chain; those it cannot separate share a rank. Finalists without a sheet
    that counts come last, unranked. Beside the official places: the places
    on the jury's z-scores, with notes on who moves and why, Kendall's W and
    the jurors far from the others. A fixed number of queries.
    """
    criteria = list(final.criteria.all())
    weights = scoring.whole_weights({c.pk: c.weight for c in criteria if c.counted})
    finalists = list(
        final.finalists.annotate(
            sheets_expected=Count(
                "assignments", filter=Q(assignments__left_out=""), distinct=True
            )
        ).order_by("pitch_order")
    )
    jurors = list(final.jurors.select_related("user"))
    conflicts = conflicts_of(final, jurors, finalists)
    sheets = counted_sheets(final, conflicts)

    results = defaultdict(dict)
    by_criterion = defaultdict(lambda: defaultdict(list))
    counted = defaultdict(int)
    sheets_in = defaultdict(int)
    for juror_id, finalist_id, values in sheets:
        value = scoring.juror_result(values, weights)
        sheets_in[finalist_id] += 1
        counted[juror_id] += 1
        if value is not None:
            results[juror_id][finalist_id] = value
        for pk, score in values.items():
            by_criterion[finalist_id][pk].append(score)
    results = dict(results)

    averages = {
        f.pk: {
            pk: Fraction(sum(values), len(values))
            for pk, values in by_criterion[f.pk].items()
        }
        for f in finalists
    }
    jury = {
        f.pk: scoring.mean(
            by_finalist[f.pk] for by_finalist in results.values() if f.pk in by_finalist
        )
        for f in finalists
    }

    peer, voters = {}, set()
    if final.peer_vote_percent:
        votes = dict(
            PeerVote.objects.filter(final=final)
            .values_list("choice_id")
            .annotate(total=Count("pk"))
            .values_list("choice_id", "total")
        )
        voters = set(
            PeerVote.objects.filter(final=final).values_list("voter_id", flat=True)
        )
        peer = scoring.peer_points(
            votes,
            voters,
            [f.pk for f in finalists],
            final.scale_min,
            final.scale_max,
        )
    result = {
        f.pk: scoring.combined(jury[f.pk], peer.get(f.pk), final.peer_vote_percent)
        for f in finalists
    }

    casting = dict(CastingVote.objects.filter(final=final).values_list("tied", "order"))
    functions, steps = _steps(final, averages, scoring.first_places(results), casting)
    blocks, trail = scoring.order_with_ties(result, functions)
    ranks = scoring.ranks_from_blocks(blocks)
    jury_ranks = scoring.ranks_of({pk: v for pk, v in jury.items() if v is not None})
    stats = scoring.juror_stats(results)
    normalised = scoring.normalised_results(results, stats)
    normalised_ranks = scoring.ranks_of(normalised)

    scale_range = final.scale_max - final.scale_min
    every = [float(v) for by_finalist in results.values() for v in by_finalist.values()]
    grand = statistics.fmean(every) if every else None
    spreads = [s.spread for s in stats.values() if not s.degenerate]
    median_spread = statistics.median(spreads) if spreads else 0
    far = scoring.distances(results, scale_range)
    juror_rows = [
        JurorRow(
            juror=juror,
            counted=counted[juror.pk],
            stats=stats.get(juror.pk),
            distance=far.get(juror.pk),
            lean=_lean(stats.get(juror.pk), grand, scale_range),
        )
        for juror in jurors
    ]

    rows = []
    shared = {f for block in blocks if len(block) > 1 for f in block}
    for finalist in finalists:
        row = ResultRow(
            finalist=finalist,
            jury=jury[finalist.pk],
            peer=peer.get(finalist.pk),
            result=result[finalist.pk],
            criterion_averages=[averages[finalist.pk].get(c.pk) for c in criteria],
            sheets_in=sheets_in[finalist.pk],
            sheets_expected=finalist.sheets_expected,
            rank=ranks.get(finalist.pk),
            shared=finalist.pk in shared,
            jury_rank=jury_ranks.get(finalist.pk),
            normalised=normalised.get(finalist.pk),
            normalised_rank=normalised_ranks.get(finalist.pk),
        )
        if row.moved:
            row.notes = _notes(row, juror_rows, results, median_spread, grand or 0)
        rows.append(row)
    order = {f: position for position, f in enumerate(f for b in blocks for f in b)}
    rows.sort(
        key=lambda row: (
            row.rank is None,
            order.get(row.finalist.pk, 0),
            row.finalist.pitch_order,
        )
    )

    by_pk = {f.pk: f for f in finalists}
    waiting = [
        [by_pk[f] for f in block]
        for block in blocks
        if len(block) > 1 and any(step.kind == TieBreak.CASTING_VOTE for step in steps)
    ]
    return Ranking(
        criteria=criteria,
        rows=rows,
        steps=steps,
        trail=_trail_for_display(trail, steps, by_pk, criteria),
        jurors=juror_rows,
        agreement=scoring.kendall_w(results),
        peer_percent=final.peer_vote_percent,
        peer_voters=len(voters),
        waiting_for_casting_vote=waiting,
        conflicts=conflicts,
    )


def _trail_for_display(trail, steps, by_pk, criteria):
    """Each tie-break step applied: its name, the values and what it decided."""
    shown = []
    for item in trail:
        step = steps[item.step]
        values = []
        for pk in item.finalists:
            value = item.values.get(pk)
            if step.kind == TieBreak.CRITERION:
                value = rounded(value) if value is not None else None
            elif step.kind == TieBreak.CASTING_VOTE:
                value = -value + 1 if value is not None else None
            values.append((by_pk[pk], value))
        shown.append(
            {
                "number": item.step + 1,
                "step": step,
                "values": values,
                "separated": item.separated,
            }
        )
    return shown
