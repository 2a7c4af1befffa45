"""Who is who: the one rule set that turns rows into people.

Used by the preview, the commit and the command line alike. In order:

1. the same e-mail address (case never matters) is the same person, unless
   the given names have nothing in common (siblings sharing a parent's
   address): then it is only proposed;
2. someone already on this conference's list under the same folded name and
   the same date of birth, or the same class, is that attendance again
   (re-importing a file, or a corrected one, adds nothing);
3. otherwise a new person, proposed as a match for an organiser to confirm
   or reject when someone known has the same folded name and the same date
   of birth, or the same name, school and class with the date of birth
   missing on one side. A name alone never merges, and neither does a name
   with a date of birth: two pupils can share both.

Rows of the same file are one list: two rows with the same e-mail, or the
same name and date of birth, are one person attending once.

Reads only: a handful of queries whatever the number of rows.
"""

import re
from dataclasses import dataclass, field

from django.db.models.functions import Lower

from cohorts.importing.normalise import age_on
from cohorts.models import Attendance
from vsfa.models import Person
from vsfa.text import fold

NEW = "new"
MATCHED = "matched"
DUPLICATE = "duplicate"
PROPOSAL = "proposal"
# The step reported to ``progress`` while rows are matched.
MATCHING = "matching"

CHUNK = 500
_WORD_SPLIT = re.compile(r"[\s\-]+")

PERSON_FIELDS = ("birth_date", "email", "phone", "gender", "photo_consent")


@dataclass
class Entity:
    """One human being of the file: an existing person or one to create."""

    index: int
    first_row: int
    person_id: int | None = None  # None: to create
    values: dict = field(default_factory=dict)
    class_name: str = ""
    school_id: int | None = None
    declared_age: int | None = None
    key: str = ""
    attending: bool = False  # already on this conference's list
    present: bool = False  # already on it and marked present

    @property
    def is_new(self):
        return self.person_id is None


@dataclass
class Decision:
    row: object  # parsing.Row
    entity: Entity
    action: str
    reason: str = ""
    duplicate_of: int | None = None
    candidate_person_id: int | None = None
    candidate_row: int | None = None
    candidate_label: str = ""
    person_label: str = ""


@dataclass
class Proposal:
    entity: Entity  # always a new person
    reason: str
    candidate_person_id: int | None = None
    candidate_entity: Entity | None = None


@dataclass
class Plan:
    decisions: list = field(default_factory=list)
    entities: list = field(default_factory=list)
    proposals: list = field(default_factory=list)
    # A list of who attended marks everyone on it present; one of who
    # registered records them as expected.
    attended: bool = True

    def to_mark_present(self):
        """People already on the list as expected whom this list saw attend."""
        if not self.attended:
            return []
        return [e for e in self.entities if e.attending and not e.present]

    def counts(self):
        matched = {e.person_id for e in self.entities if not e.is_new}
        return {
            "rows_read": len(self.decisions),
            "people_created": sum(1 for e in self.entities if e.is_new),
            "people_matched": len(matched),
            "attendances_created": sum(1 for e in self.entities if not e.attending),
            "already_recorded": sum(1 for e in self.entities if e.attending),
            "marked_present": len(self.to_mark_present()),
            "duplicates": sum(1 for d in self.decisions if d.action == DUPLICATE),
            "matches_to_confirm": len(self.proposals),
        }


def given_words(name):
    return {word for word in _WORD_SPLIT.split(fold(name)) if word}


def names_compatible(given_a, family_a, given_b, family_b):
    """True unless the names share no given name, even read swapped."""
    if given_words(given_a) & given_words(given_b):
        return True
    return bool(
        given_words(given_a) & given_words(family_b)
        and given_words(family_a) & given_words(given_b)
    )


def _ages_agree(birth_date, declared_age, on_day):
    """A declared age within a year of the one the birth date gives."""
    if birth_date is None or declared_age is None or on_day is None:
        return True
    return abs(age_on(birth_date, on_day) - declared_age) <= 1


def _chunks(items):
    items = list(items)
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


@dataclass
class _Known:
    """What the database knows about the people the file may mention."""

    people: dict = field(default_factory=dict)  # id -> Person
    by_email: dict = field(default_factory=dict)  # email -> [Person]
    by_name_birth: dict = field(default_factory=dict)  # (key, date) -> [Person]
    by_name: dict = field(default_factory=dict)  # key -> [Person]
    contexts: dict = field(default_factory=dict)  # id -> [(school, class, age, day)]
    on_list: dict = field(default_factory=dict)  # (key, class) -> [Person]
    attending: dict = field(default_factory=dict)  # id on this list -> present


def _load(rows, conference):
    known = _Known()
    emails = {row.email for row in rows if row.email}
    keys = {row.key for row in rows}
    people = {}
    for chunk in _chunks(emails):
        for person in (
            Person.objects.active()
            .alias(email_lower=Lower("email"))
            .filter(email_lower__in=chunk)
        ):
            people[person.pk] = person
    for chunk in _chunks(keys):
        for person in Person.objects.active().filter(search_name__in=chunk):
            people[person.pk] = person
    known.people = people

    for person in sorted(people.values(), key=lambda p: p.pk):
        if person.email:
            known.by_email.setdefault(person.email.lower(), []).append(person)
        known.by_name.setdefault(person.search_name, []).append(person)
        if person.birth_date:
            known.by_name_birth.setdefault(
                (person.search_name, person.birth_date), []
            ).append(person)

    for chunk in _chunks(people):
        for values in Attendance.objects.filter(person_id__in=chunk).values(
            "person_id",
            "conference_id",
            "school_id",
            "class_name",
            "declared_age",
            "present",
            "conference__date",
        ):
            known.contexts.setdefault(values["person_id"], []).append(values)
            if values["conference_id"] == conference.pk:
                person = people[values["person_id"]]
                known.attending[person.pk] = values["present"]
                known.on_list.setdefault(
                    (person.search_name, fold(values["class_name"])), []
                ).append(person)
    return known


def _consistent(row, person):
    """No date of birth or e-mail on both sides that disagree."""
    if row.birth_date and person.birth_date and row.birth_date != person.birth_date:
        return False
    return not (row.email and person.email and row.email != person.email.lower())


def plan(rows, conference, *, attended=True, progress=None):
    """Decide, for each row of ``rows`` (parsing.Row), who it is.

    ``attended`` says whether the list is of who attended or who registered;
    ``progress(step, done, total)`` is told of every row matched.
    """
    known = _load(rows, conference)
    result = Plan(attended=attended)
    by_person = {}  # existing person id -> Entity
    file_email = {}  # email -> [Entity]
    file_name_birth = {}  # (key, date) -> Entity
    file_name = {}  # key -> [Entity]

    def entity_for_person(person, row):
        entity = by_person.get(person.pk)
        if entity is not None:
            return entity, True
        entity = Entity(
            index=len(result.entities),
            first_row=row.row,
            person_id=person.pk,
            key=person.search_name,
            attending=person.pk in known.attending,
            present=known.attending.get(person.pk, False),
        )
        result.entities.append(entity)
        by_person[person.pk] = entity
        return entity, False

    for done, row in enumerate(rows, start=1):
        if progress is not None:
            progress(MATCHING, done, len(rows))
        decision = None

        # 1. The same e-mail address.
        if row.email:
            earlier = file_email.get(row.email, [])
            same = [e for e in earlier if _entity_compatible(e, row)]
            if same:
                decision = Decision(row, same[0], DUPLICATE, "same_email")
            else:
                people = known.by_email.get(row.email, [])
                same_people = [
                    p
                    for p in people
                    if names_compatible(
                        row.given_name, row.family_name, p.given_name, p.family_name
                    )
                ]
                if same_people:
                    entity, seen = entity_for_person(same_people[0], row)
                    action = DUPLICATE if seen else MATCHED
                    decision = Decision(row, entity, action, "same_email")

        # 2. The same name and date of birth: one person within the list, the
        # same attendance when already on it; anyone else is only proposed.
        if decision is None and row.birth_date:
            entity = file_name_birth.get((row.key, row.birth_date))
            if entity is not None:
                decision = Decision(row, entity, DUPLICATE, "same_name_birth_date")
            else:
                people = [
                    p
                    for p in known.by_name_birth.get((row.key, row.birth_date), [])
                    if p.pk in known.attending and _consistent(row, p)
                ]
                if people:
                    entity, seen = entity_for_person(people[0], row)
                    action = DUPLICATE if seen else MATCHED
                    decision = Decision(
                        row, entity, action, "same_name_birth_date_on_list"
                    )

        # 3. Already on this conference's list under the same name and class.
        if decision is None:
            people = [
                p
                for p in known.on_list.get((row.key, fold(row.class_name)), [])
                if _consistent(row, p)
                and (p.pk not in by_person or _values_agree(row, by_person[p.pk]))
            ]
            if people:
                entity, seen = entity_for_person(people[0], row)
                action = DUPLICATE if seen else MATCHED
                decision = Decision(row, entity, action, "same_name_class_on_list")

        # 4. Someone new, perhaps proposed as a match.
        if decision is None:
            entity = Entity(index=len(result.entities), first_row=row.row, key=row.key)
            result.entities.append(entity)
            decision = Decision(row, entity, NEW)
            proposal = _proposal_for(
                row, entity, known, file_email, file_name, conference
            )
            if proposal is not None:
                result.proposals.append(proposal)
                decision.action = PROPOSAL
                decision.reason = proposal.reason
                if proposal.candidate_entity is not None:
                    decision.candidate_row = proposal.candidate_entity.first_row
                else:
                    decision.candidate_person_id = proposal.candidate_person_id
                    candidate = known.people[proposal.candidate_person_id]
                    decision.candidate_label = candidate.full_name

        entity = decision.entity
        if decision.action == DUPLICATE:
            decision.duplicate_of = entity.first_row
        _absorb(entity, row)
        if not entity.is_new:
            decision.person_label = known.people[entity.person_id].full_name
        if row.email:
            file_email.setdefault(row.email, [])
            if entity not in file_email[row.email]:
                file_email[row.email].append(entity)
        if row.birth_date:
            file_name_birth.setdefault((row.key, row.birth_date), entity)
        file_name.setdefault(row.key, [])
        if entity not in file_name[row.key]:
            file_name[row.key].append(entity)
        result.decisions.append(decision)
    return result


def _values_agree(row, entity):
    """No e-mail or date of birth of the row that the entity has otherwise."""
    values = entity.values
    for name in ("email", "birth_date"):
        value, known = getattr(row, name), values.get(name)
        if value and known and value != known:
            return False
    return True


def _entity_compatible(entity, row):
    first = entity.values
    return names_compatible(
        row.given_name,
        row.family_name,
        first.get("given_name", ""),
        first.get("family_name", ""),
    )


def _absorb(entity, row):
    """Keep the first value seen for each field of the entity."""
    values = entity.values
    for name in ("given_name", "family_name", *PERSON_FIELDS):
        value = getattr(row, name)
        if values.get(name) in (None, "") and value not in (None, ""):
            values[name] = value
    entity.class_name = entity.class_name or row.class_name
    entity.school_id = entity.school_id or row.school_id
    if entity.declared_age is None:
        entity.declared_age = row.declared_age


def _proposal_for(row, entity, known, file_email, file_name, conference):
    """A possible match for a new person's first row, or None."""
    # The same address under another given name: likely siblings, ask.
    if row.email:
        for earlier in file_email.get(row.email, []):
            return Proposal(
                entity, "proposal_email_other_name", candidate_entity=earlier
            )
        for person in known.by_email.get(row.email, []):
            return Proposal(
                entity, "proposal_email_other_name", candidate_person_id=person.pk
            )

    # The same name and date of birth: very likely the same pupil at another
    # conference or in another edition, but two pupils can share both.
    if row.birth_date:
        for person in known.by_name_birth.get((row.key, row.birth_date), []):
            return Proposal(
                entity, "proposal_name_birth_date", candidate_person_id=person.pk
            )

    if row.school_id is None:
        return None
    row_class = fold(row.class_name)
    for person in known.by_name.get(row.key, []):
        if row.birth_date and person.birth_date:
            continue
        for context in known.contexts.get(person.pk, []):
            if (
                context["school_id"] == row.school_id
                and fold(context["class_name"]) == row_class
                and _ages_agree(person.birth_date, row.declared_age, conference.date)
                and _ages_agree(
                    row.birth_date, context["declared_age"], context["conference__date"]
                )
            ):
                return Proposal(
                    entity, "proposal_school_class", candidate_person_id=person.pk
                )
    for earlier in file_name.get(row.key, []):
        earlier_birth = earlier.values.get("birth_date")
        if row.birth_date and earlier_birth:
            continue
        if earlier.school_id == row.school_id and fold(earlier.class_name) == row_class:
            return Proposal(entity, "proposal_school_class", candidate_entity=earlier)
    return None
