"""Figures for the funders: targets against results, the funnel, breakdowns.

Every figure about people counts **unique persons**: someone at two
conferences, or at a conference and in the cohort, counts once; a record
merged into another counts through the one it was merged into (the merge moves
every relation there, so only active records carry any). Breakdowns hide small
groups (see :mod:`vsfa.suppression`). Each figure is built from a fixed number of
queries whatever the number of editions and people.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cached_property
from operator import attrgetter
from typing import NamedTuple

from django.db.models import (
    Case,
    Count,
    Exists,
    JSONField,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cohorts.choices import MemberStatus
from cohorts.importing.normalise import age_on
from cohorts.models import Attendance, CohortMember, Conference, Module, School
from cohorts.selectors import completion_of
from competition.models import Final, Finalist
from mentorship.models import CheckIn, Founder, Startup
from vsfa.choices import (
    BudgetLine,
    ConsentKind,
    Declared,
    EducationLevel,
    Gender,
    LabourStatus,
)
from vsfa.models import (
    AuditEvent,
    Consent,
    Cost,
    Edition,
    Person,
)
from vsfa.suppression import Cell, suppress

STAGES = [
    ("reached", _("Reached by a conference")),
    ("cohort", _("Entered the training")),
    ("completed", _("Completed the training")),
    ("finalist", _("Finalist")),
    ("founder", _("Startup founder")),
]
STAGE_KEYS = [key for key, _label in STAGES]

STAGE_DEFINITIONS = {
    "reached": _(
        "Unique persons marked present at one or more of the edition's "
        "conferences. Someone at two conferences counts once."
    ),
    "cohort": _(
        "Unique persons given a place in the training cohort, including those "
        "who withdrew later; not those who only waited on the list."
    ),
    "completed": _(
        "Cohort members still in the cohort who meet the edition's completion "
        "rule (modules done and share of workshops attended)."
    ),
    "finalist": _("Unique persons in a team or entry that pitched in the final."),
    "founder": _(
        "Unique persons recorded as founders of a startup of the edition; a "
        "startup with two founders counts two."
    ),
}

FLAGS = [
    ("roma", _("Roma")),
    ("other_minority", _("Other ethnic minority")),
    ("disability", _("Disability")),
    ("low_income", _("Low income")),
    ("rural", _("From a rural area")),
]
FLAG_KEYS = [key for key, _label in FLAGS]

AGE_BANDS = [
    ("under_18", _("Under 18")),
    ("18_29", _("18–29")),
    ("30_plus", _("30 and over")),
    ("unknown", _("Age not known")),
]

GENDERS = [
    (Gender.FEMALE.value, _("Women")),
    (Gender.MALE.value, _("Men")),
    (Gender.NON_BINARY.value, _("Non-binary")),
    (Gender.UNKNOWN.value, _("Not stated")),
]

NOT_RECORDED = _("Not recorded")


@dataclass
class BreakdownRow:
    key: str
    label: str
    cells: list


@dataclass
class Breakdown:
    """People at each stage by one characteristic, small groups hidden.

    ``additive``: the rows share the people out (each in one row), so the
    ``totals`` row is their sum and the rule protects it; otherwise rows
    overlap and there is no total row.
    """

    key: str
    title: str
    rows: list
    totals: list | None
    note: str = ""

    @property
    def additive(self):
        return self.totals is not None

    @property
    def chart(self):
        """The first stage (people reached) as bars, widest = 100."""
        cells = [row.cells[0] for row in self.rows]
        widest = max((cell.value for cell in cells if not cell.hidden), default=0)
        return [
            {
                "label": row.label,
                "cell": row.cells[0],
                "width": _width(row.cells[0], widest),
            }
            for row in self.rows
        ]


def _width(cell, widest):
    # A hidden cell draws no bar: its length would give the figure away.
    if cell.hidden or not widest:
        return 0
    return round(cell.value * 100 / widest, 1)


# A participant's stages as a tuple of flags, in the order of ``STAGE_KEYS``.
_stages_of = attrgetter(*STAGE_KEYS)


def _breakdown(key, title, categories, found, stages, totals=True, note=""):
    """Count people at each stage per category.

    ``found`` gives each person's category key, or a frozenset of them when
    the categories overlap (``totals`` is then False); ``stages`` gives each
    person's stages (see ``_stages_of``), in the same order.
    """
    # People sharing a category and the same stages are counted together
    # first: there are far fewer such groups than people.
    groups = Counter(zip(found, stages, strict=True)).items()
    counts = {category: [0] * len(STAGE_KEYS) for category, _label in categories}
    stage_totals = [0] * len(STAGE_KEYS)
    for (their_categories, their_stages), number in groups:
        if not isinstance(their_categories, frozenset):
            their_categories = (their_categories,)
        lines = [
            counts[category] for category in their_categories if category in counts
        ]
        for index, reached in enumerate(their_stages):
            if not reached:
                continue
            stage_totals[index] += number
            for line in lines:
                line[index] += number
    rows = [
        BreakdownRow(
            key=category,
            label=label,
            cells=[Cell(value) for value in counts[category]],
        )
        for category, label in categories
    ]
    total_cells = [Cell(value) for value in stage_totals] if totals else None
    lines = []
    for index, _stage in enumerate(STAGE_KEYS):
        column = [row.cells[index] for row in rows]
        lines.append((column, total_cells[index] if totals else None))
    suppress(lines)
    return Breakdown(key=key, title=title, rows=rows, totals=total_cells, note=note)


# --- Who did what ----------------------------------------------------------


# Slots: a page makes one per person, and reads them all several times.
@dataclass(slots=True)
class Participant:
    """A unique person within the editions looked at, and how far they got."""

    person_id: int
    gender: str = ""
    education_level: str = ""
    labour_status: str = ""
    school_id: int | None = None
    school_date: object = None
    age: int | None = None
    entry_date: object = None
    flags: frozenset = frozenset()
    reached: bool = False
    cohort: bool = False
    completed: bool = False
    finalist: bool = False
    founder: bool = False

    @property
    def age_band(self):
        if self.age is None:
            return "unknown"
        if self.age < 18:
            return "under_18"
        if self.age < 30:
            return "18_29"
        return "30_plus"


def _active(prefix):
    """Rows whose person is not merged into another record."""
    return Q(**{f"{prefix}merged_into__isnull": True})


def _per_edition(queryset, aggregate):
    """``aggregate`` over the rows of ``queryset`` of the outer edition."""
    return Subquery(
        queryset.filter(edition=OuterRef("pk"))
        .order_by()
        .values("edition")
        .annotate(value=aggregate)
        .values("value")
    )


def _edition_facts(editions):
    """``(entry dates, counts)`` of the editions, in one query.

    The entry date is the first conference's date, the edition's start without
    one. ``counts`` gives ``{edition id: number}`` of the conferences and finals
    held (today or earlier), the modules and the startups.
    """
    today = timezone.localdate()
    counted = {
        "conferences": Conference.objects.filter(date__lte=today),
        "modules": Module.objects.all(),
        "finals": Final.objects.filter(date__lte=today),
        "startups": Startup.objects.all(),
    }
    rows = (
        Edition.objects.filter(pk__in=[edition.pk for edition in editions])
        .annotate(
            first_conference=_per_edition(Conference.objects.all(), Min("date")),
            # Named apart from the editions' relations of the same names.
            **{
                f"{key}_count": _per_edition(queryset, Count("pk"))
                for key, queryset in counted.items()
            },
        )
        .values_list("pk", "first_conference", *(f"{key}_count" for key in counted))
        .order_by()
    )
    firsts, counts = {}, {key: {} for key in counted}
    for pk, first, *numbers in rows:
        firsts[pk] = first
        for key, number in zip(counted, numbers, strict=True):
            if number:
                counts[key][pk] = number
    entry_dates = {
        edition.pk: firsts.get(edition.pk) or edition.starts_on for edition in editions
    }
    return entry_dates, counts


def _age_at(person, edition_id, entry_date, declared):
    if person.birth_date is not None:
        return age_on(person.birth_date, entry_date)
    kept = person.ages_at_entry.get(str(edition_id))
    if kept is not None:
        return kept
    return declared


def _people_in(edition_ids):
    """Active people with any record in the editions: one query.

    It starts from the editions' records, not from every person on record, so
    that its cost follows the editions looked at, not all the others.
    """
    attended = Attendance.objects.filter(
        conference__edition__in=edition_ids, present=True
    )
    members = CohortMember.objects.filter(edition__in=edition_ids)
    founders = Founder.objects.filter(startup__edition__in=edition_ids)
    # One list of ids (a UNION): SQLite looks each person up by key, where an OR
    # of three lists made it read every active person.
    ids = (
        attended.values("person")
        .order_by()
        .union(
            members.values("person").order_by(), founders.values("person").order_by()
        )
    )
    return Person.objects.active().filter(pk__in=ids)


def _declared_flags(values):
    """The flags declared "yes" among ``values``, given in the order of FLAG_KEYS."""
    return frozenset(
        key
        for key, value in zip(FLAG_KEYS, values, strict=True)
        if value == Declared.YES
    )


def _cohort_entries(members):
    """``{member id: (entered on, left on)}`` from the audit trail.

    A member who withdrew was in the cohort only if they had been selected
    (a person can also leave the waiting list); the selection and withdrawal
    events say when.
    """
    ids = [str(member["pk"]) for member in members]
    events = AuditEvent.objects.filter(
        object_type="cohorts.CohortMember",
        object_id__in=ids,
        action__in=["cohort.selected", "cohort.promoted", "cohort.withdrawn"],
    ).values_list("object_id", "action", "at")
    entered, left = {}, {}
    for object_id, action, at in events.order_by("at", "pk"):
        key = int(object_id)
        if action == "cohort.withdrawn":
            left[key] = at
        else:
            entered.setdefault(key, at)
    return entered, left


@dataclass
class Facts:
    """Everything the figures of some editions are computed from."""

    editions: list
    entry_dates: dict
    # {edition id: {person id: Participant}}
    by_edition: dict
    members: list
    schools: dict
    # {"conferences", "modules", "finals" or "startups": {edition id: number}}
    counts: dict

    @cached_property
    def overall(self):
        """``{person id: Participant}`` over all the editions, each person once.

        Worked out when first asked for: one edition's page does not need it.
        """
        return _merge_editions(self.by_edition)


class PersonFacts(NamedTuple):
    """What a participant row needs of a person; the rest is not read.

    ``ages_at_entry`` is None when the birth date is known: it is not needed.
    """

    gender: str
    education_level: str
    labour_status: str
    birth_date: object
    ages_at_entry: dict


@dataclass
class Records:
    """The editions' records, read after the people (see ``load_facts``)."""

    # (person id, edition id, school id, conference date, declared age)
    attendances: list
    # dicts of pk, person_id, edition_id, status, decided_at
    members: list
    entered: dict
    left: dict
    completed: dict
    # (person id, edition id)
    finalists: list
    founders: list


def read_people(edition_ids):
    """``({person id: PersonFacts}, {person id: flags})`` of the editions' people.

    One query. The flags are those declared "yes" by people whose consent to
    sensitive data stands; someone without such a declaration has no entry.
    """
    consent = Consent.objects.filter(
        person=OuterRef("pk"),
        kind=ConsentKind.SENSITIVE,
        withdrawn_at__isnull=True,
    )
    rows = (
        _people_in(edition_ids)
        .annotate(
            # Only an age without a birth date is read from the kept ages (see
            # ``_age_at``): decoding everyone's would cost more than the rest.
            kept_ages=Case(
                When(birth_date__isnull=True, then="ages_at_entry"),
                output_field=JSONField(),
            ),
            # The declaration only while the consent to it stands: one column
            # rather than two, read for every person.
            declared=Case(When(Exists(consent), then="sensitive__pk")),
        )
        # Plain values rather than model instances: a whole edition is read.
        .values_list(
            "pk",
            "gender",
            "education_level",
            "labour_status",
            "birth_date",
            "kept_ages",
            "declared",
            *(f"sensitive__{key}" for key in FLAG_KEYS),
        )
        .order_by()
    )
    people, flags = {}, {}
    for pk, gender, education, labour, birth, ages, declared, *rest in rows:
        people[pk] = PersonFacts(gender, education, labour, birth, ages)
        if declared is not None:
            flags[pk] = _declared_flags(rest)
    return people, flags


def read_records(edition_ids):
    """Attendances, members, finalists and founders of the editions."""
    attendances = list(
        Attendance.objects.filter(conference__edition__in=edition_ids, present=True)
        .filter(_active("person__"))
        .annotate(school_ref=Coalesce("school_id", "conference__school_id"))
        .values_list(
            "person_id",
            "conference__edition_id",
            "school_ref",
            "conference__date",
            "declared_age",
        )
        .order_by("conference__date", "pk")
    )
    members = list(
        CohortMember.objects.filter(
            edition__in=edition_ids,
            status__in=[MemberStatus.SELECTED, MemberStatus.WITHDRAWN],
        )
        .filter(_active("person__"))
        .values("pk", "person_id", "edition_id", "status", "decided_at")
        .order_by("pk")
    )
    entered, left = _cohort_entries(members)
    selected = [
        member["pk"] for member in members if member["status"] == MemberStatus.SELECTED
    ]
    completed = completion_of(selected)
    finalists = list(
        Finalist.members.through.objects.filter(
            finalist__final__edition__in=edition_ids
        )
        .filter(_active("cohortmember__person__"))
        .values_list("cohortmember__person_id", "finalist__final__edition_id")
    )
    founders = list(
        Founder.objects.filter(startup__edition__in=edition_ids)
        .filter(_active("person__"))
        .values_list("person_id", "startup__edition_id")
    )
    return Records(
        attendances=attendances,
        members=members,
        entered=entered,
        left=left,
        completed=completed,
        finalists=finalists,
        founders=founders,
    )


def load_facts(editions):
    """Read every edition's participants at once (a fixed number of queries).

    The people are read first and their records after, in separate queries:
    a record written in between (a pupil checked in at the door) names a
    person who was not read. Such a record is left out, as if it had come a
    moment later; the next reading counts it.
    """
    editions = list(editions)
    edition_ids = [edition.pk for edition in editions]
    people, flags = read_people(edition_ids)
    return assemble_facts(editions, people, flags, read_records(edition_ids))


def assemble_facts(editions, people, flags, records):
    """The ``Facts`` of ``records``, keeping only those of ``people``."""
    entry_dates, counts = _edition_facts(editions)
    by_edition = defaultdict(dict)
    no_flags = frozenset()

    def participant(edition_id, person_id):
        """The person's row in the edition; None for a person not read."""
        rows = by_edition[edition_id]
        row = rows.get(person_id)
        if row is None:
            person = people.get(person_id)
            if person is None:
                return None
            row = rows[person_id] = Participant(
                person_id=person_id,
                gender=person.gender,
                education_level=person.education_level,
                labour_status=person.labour_status,
                entry_date=entry_dates[edition_id],
                flags=flags.get(person_id, no_flags),
            )
        return row

    declared = {}
    for person_id, edition_id, school_id, day, age in records.attendances:
        row = participant(edition_id, person_id)
        if row is None:
            continue
        row.reached = True
        # Ordered by date: the last conference attended gives the school.
        row.school_id, row.school_date = school_id, day
        if age is not None:
            declared.setdefault((edition_id, person_id), age)

    in_cohort = []
    for member in records.members:
        was_selected = member["status"] == MemberStatus.SELECTED or (
            member["pk"] in records.entered
        )
        if not was_selected:
            continue
        row = participant(member["edition_id"], member["person_id"])
        if row is None:
            continue
        row.cohort = True
        row.completed = records.completed.get(member["pk"], False)
        member["completed"] = row.completed
        member["entered_at"] = records.entered.get(member["pk"], member["decided_at"])
        member["left_at"] = records.left.get(member["pk"])
        in_cohort.append(member)

    for stage, pairs in (
        ("finalist", records.finalists),
        ("founder", records.founders),
    ):
        for person_id, edition_id in pairs:
            row = participant(edition_id, person_id)
            if row is not None:
                setattr(row, stage, True)

    for edition_id, rows in by_edition.items():
        for person_id, row in rows.items():
            row.age = _age_at(
                people[person_id],
                edition_id,
                entry_dates[edition_id],
                declared.get((edition_id, person_id)),
            )

    # A person's school over several editions is one of theirs in an edition.
    school_ids = {
        row.school_id for rows in by_edition.values() for row in rows.values()
    }
    # As ``str(school)`` gives it, without making the instances.
    schools = {
        pk: short_name or name
        for pk, short_name, name in School.objects.filter(
            pk__in=school_ids - {None}
        ).values_list("pk", "short_name", "name")
    }
    return Facts(
        editions=editions,
        entry_dates=entry_dates,
        by_edition=dict(by_edition),
        members=in_cohort,
        schools=schools,
        counts=counts,
    )


def _merge_editions(by_edition):
    """One row per person over several editions.

    A stage reached in any edition counts; the school is that of the last
    conference attended; the age is the age at the first edition entered.
    """
    overall = {}
    for rows in by_edition.values():
        for person_id, row in rows.items():
            merged = overall.get(person_id)
            if merged is None:
                overall[person_id] = replace(row)
                continue
            for stage in STAGE_KEYS:
                setattr(merged, stage, getattr(merged, stage) or getattr(row, stage))
            if row.school_date is not None and (
                merged.school_date is None or row.school_date > merged.school_date
            ):
                merged.school_id, merged.school_date = row.school_id, row.school_date
            if row.entry_date < merged.entry_date:
                merged.entry_date, merged.age = row.entry_date, row.age
    return overall


# --- The figures -----------------------------------------------------------


@dataclass
class Figure:
    key: str
    label: str
    value: int
    target: int | None
    definition: str

    @property
    def percent(self):
        if not self.target:
            return None
        return round(self.value * 100 / self.target)

    @property
    def width(self):
        """Bar length out of 100, capped: an overshoot still fills the bar."""
        percent = self.percent
        return None if percent is None else min(percent, 100)


@dataclass
class Indicators:
    """What one edition (or every edition) achieved against the plan."""

    title: str
    figures: list
    funnel: list
    breakdowns: list
    participant_count: int

    def figure(self, key):
        return next(figure for figure in self.figures if figure.key == key)

    def as_data(self):
        """Plain values, for comparing two moments (e.g. before an erasure)."""
        return {
            "figures": {
                figure.key: (figure.value, figure.target) for figure in self.figures
            },
            "funnel": [(stage["key"], stage["value"]) for stage in self.funnel],
            "breakdowns": {
                breakdown.key: [
                    (row.key, [cell.display for cell in row.cells])
                    for row in breakdown.rows
                ]
                for breakdown in self.breakdowns
            },
        }


FIGURE_DEFINITIONS = {
    "conferences": _(
        "Conferences of the edition whose date is today or earlier (held, not "
        "only planned)."
    ),
    "reached": STAGE_DEFINITIONS["reached"],
    "modules": _("Curriculum modules set up for the edition."),
    "completed": STAGE_DEFINITIONS["completed"],
    "finals": _("Final pitch competitions of the edition held today or earlier."),
    "startups": _(
        "Startups of the edition registered with the Trade Register, whatever "
        "the number of founders."
    ),
    "jobs": _(
        "For each startup, the jobs reported at its latest completed check-in, "
        "added up. Tracked, no target."
    ),
}


def _edition_counts(facts, edition_ids):
    """Counts that are not about people, per edition: one query besides ``facts``."""
    jobs = defaultdict(int)
    seen = set()
    latest = (
        CheckIn.objects.filter(
            startup__edition__in=edition_ids,
            done_on__isnull=False,
            jobs_created__isnull=False,
        )
        .order_by("startup_id", "-number")
        .values_list("startup_id", "startup__edition_id", "jobs_created")
    )
    for startup_id, edition_id, count in latest:
        if startup_id not in seen:
            seen.add(startup_id)
            jobs[edition_id] += count
    return {**facts.counts, "jobs": dict(jobs)}


def _stage_counts(rows):
    """``{stage key: number of people who reached it}`` among ``rows``."""
    return _count_stages(list(map(_stages_of, rows.values())))


def _count_stages(stages):
    """``_stage_counts`` of people's stages (see ``_stages_of``)."""
    if not stages:
        return dict.fromkeys(STAGE_KEYS, 0)
    return dict(zip(STAGE_KEYS, map(sum, zip(*stages, strict=True)), strict=True))


def _figures(editions, counts, stage_counts):
    """The plan's targets against results for ``editions`` taken together.

    ``stage_counts``: the people at each stage (see ``_stage_counts``).
    """
    ids = [edition.pk for edition in editions]

    def total(key):
        return sum(counts[key].get(pk, 0) for pk in ids)

    def target(attribute):
        return sum(getattr(edition, attribute) for edition in editions)

    values = [
        (
            "conferences",
            _("Entrepreneurship conferences held"),
            total("conferences"),
            target("target_conferences"),
        ),
        (
            "reached",
            _("Young people reached by conferences (unique persons)"),
            stage_counts["reached"],
            target("target_attendees"),
        ),
        (
            "modules",
            _("Curriculum modules developed"),
            total("modules"),
            target("target_modules"),
        ),
        (
            "completed",
            _("Youth completing the intensive training"),
            stage_counts["completed"],
            target("cohort_size"),
        ),
        (
            "finals",
            _("Final pitch competitions organised"),
            total("finals"),
            target("target_finals"),
        ),
        (
            "startups",
            _("Startups legally established and mentored"),
            total("startups"),
            target("target_startups"),
        ),
        ("jobs", _("Jobs created by the startups"), total("jobs"), None),
    ]
    return [
        Figure(
            key=key,
            label=label,
            value=value,
            target=goal,
            definition=FIGURE_DEFINITIONS[key],
        )
        for key, label, value, goal in values
    ]


def _funnel(counts):
    """The stages of ``counts`` (see ``_stage_counts``) one after the other."""
    widest = counts["reached"] or max(counts.values(), default=0)
    return [
        {
            "key": key,
            "label": label,
            "value": counts[key],
            "definition": STAGE_DEFINITIONS[key],
            "width": round(counts[key] * 100 / widest, 1) if widest else 0,
            "share": round(counts[key] * 100 / counts["reached"])
            if counts["reached"]
            else None,
        }
        for key, label in STAGES
    ]


def _breakdowns(participants, stages, schools):
    """The breakdowns of ``participants``, whose stages are ``stages``."""
    school_ids = list(map(attrgetter("school_id"), participants))
    school_rows = sorted(
        set(school_ids) - {None},
        key=lambda pk: schools.get(pk, "").casefold(),
    )
    school_categories = [(pk, schools.get(pk, "")) for pk in school_rows]
    if None in school_ids:
        school_categories.append((None, _("No conference attended")))
    education = [*EducationLevel.choices, ("", NOT_RECORDED)]
    labour = [*LabourStatus.choices, ("", NOT_RECORDED)]
    return [
        _breakdown("school", _("By school"), school_categories, school_ids, stages),
        _breakdown(
            "gender",
            _("By gender"),
            GENDERS,
            map(attrgetter("gender"), participants),
            stages,
        ),
        _breakdown(
            "age",
            _("By age at entry"),
            AGE_BANDS,
            map(attrgetter("age_band"), participants),
            stages,
        ),
        _breakdown(
            "education",
            _("By education level at entry"),
            education,
            map(attrgetter("education_level"), participants),
            stages,
        ),
        _breakdown(
            "labour",
            _("By labour-market status at entry"),
            labour,
            map(attrgetter("labour_status"), participants),
            stages,
        ),
        _breakdown(
            "vulnerable",
            _("By self-declared disadvantage"),
            [*FLAGS, ("any", _("At least one of these"))],
            (row.flags | {"any"} if row.flags else row.flags for row in participants),
            stages,
            totals=False,
            note=_(
                'Only answers of "yes" given with explicit consent that still '
                "stands. A person may declare several, so the rows overlap and "
                "have no total."
            ),
        ),
    ]


def _indicators(title, editions, counts, rows, schools):
    """The ``Indicators`` of ``rows``, the participants of ``editions``."""
    participants = list(rows.values())
    # Each person's stages are read once for every figure.
    stages = list(map(_stages_of, participants))
    stage_counts = _count_stages(stages)
    return Indicators(
        title=title,
        figures=_figures(editions, counts, stage_counts),
        funnel=_funnel(stage_counts),
        breakdowns=_breakdowns(participants, stages, schools),
        participant_count=len(participants),
    )


def edition_indicators(edition, facts=None):
    """The indicators page of one edition."""
    facts = facts or load_facts([edition])
    counts = _edition_counts(facts, [edition.pk])
    rows = facts.by_edition.get(edition.pk, {})
    return _indicators(edition.name, [edition], counts, rows, facts.schools)


@dataclass
class EditionsTable:
    """Every edition side by side, and all of them counted as unique persons."""

    editions: list
    # [(Figure of all editions, [Figure per edition])]
    rows: list
    overall: Indicators


def all_indicators():
    """The indicators of every edition and of all of them together."""
    editions = list(Edition.objects.order_by("starts_on", "pk"))
    facts = load_facts(editions)
    counts = _edition_counts(facts, [edition.pk for edition in editions])
    per_edition = [
        _figures([edition], counts, _stage_counts(facts.by_edition.get(edition.pk, {})))
        for edition in editions
    ]
    overall = _indicators(
        _("All editions"), editions, counts, facts.overall, facts.schools
    )
    rows = [
        (figure, [figures[index] for figures in per_edition])
        for index, figure in enumerate(overall.figures)
    ]
    return EditionsTable(editions=editions, rows=rows, overall=overall)


# --- Budget ----------------------------------------------------------------


@dataclass
class BudgetRow:
    line: str
    label: str
    budget: Decimal
    spent: Decimal

    @property
    def remaining(self):
        return self.budget - self.spent

    @property
    def width(self):
        if not self.budget:
            return 100 if self.spent else 0
        return min(round(float(self.spent * 100 / self.budget), 1), 100)

    @property
    def over(self):
        return self.spent > self.budget


def budget(edition):
    """Each budget line of the edition against the costs recorded on it."""
    spent = dict(
        Cost.objects.filter(edition=edition)
        .values("line")
        .annotate(total=Sum("amount"))
        .values_list("line", "total")
        .order_by()
    )
    rows = [
        BudgetRow(
            line=line,
            label=label,
            budget=edition.budget_of(line),
            spent=spent.get(line) or Decimal("0"),
        )
        for line, label in BudgetLine.choices
    ]
    total = BudgetRow(
        line="total",
        label=_("Total"),
        budget=sum((row.budget for row in rows), Decimal("0")),
        spent=sum((row.spent for row in rows), Decimal("0")),
    )
    return rows, total


def costs(edition):
    return Cost.objects.filter(edition=edition).select_related("recorded_by")


# --- The funder's participant list -----------------------------------------


@dataclass
class ParticipantRow:
    """One cohort member as the funder's participant sheet lists them."""

    number: str
    entered_on: object
    left_on: object
    gender: str
    age: int | None
    education_level: str
    labour_status: str
    school: str
    status: str
    completed: bool
    finalist: bool
    founder: bool
    person_id: int


def participant_rows(edition, facts=None):
    """The edition's cohort members, one row each (selected or withdrawn).

    The exit date is the withdrawal's, or the edition's end once it is over.
    Names are left out: the number lets the city match a row to its records.
    """
    facts = facts or load_facts([edition])
    rows = facts.by_edition.get(edition.pk, {})
    statuses = dict(MemberStatus.choices)
    today = timezone.localdate()
    result = []
    for member in facts.members:
        if member["edition_id"] != edition.pk:
            continue
        row = rows[member["person_id"]]
        left_at = member["left_at"]
        if left_at is not None:
            left_on = timezone.localdate(left_at)
        else:
            left_on = edition.ends_on if edition.ends_on < today else None
        result.append(
            ParticipantRow(
                number=f"P-{member['person_id']:06d}",
                entered_on=timezone.localdate(member["entered_at"]),
                left_on=left_on,
                gender=dict(GENDERS)[row.gender],
                age=row.age,
                education_level=row.education_level,
                labour_status=row.labour_status,
                school=facts.schools.get(row.school_id, ""),
                status=statuses[member["status"]],
                completed=row.completed,
                finalist=row.finalist,
                founder=row.founder,
                person_id=member["person_id"],
            )
        )
    return sorted(result, key=lambda item: item.person_id)
