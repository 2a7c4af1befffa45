"""Saving a matching plan and taking it back, for ``services``.

No transaction or status handling here: ``services`` locks the import, decides
and calls these inside its transaction.
"""

import datetime

from cohorts.importing import matching
from cohorts.importing.headers import header_key
from cohorts.models import Attendance, MatchProposal, School
from vsfa.models import Person
from vsfa.text import canonical, fold

# The step reported while a plan is written.
SAVING = "saving"


def remember_mapping(attendance_import, conference, analysis):
    """Keep the organiser's column mapping for the school's next file."""
    columns = (attendance_import.mapping or {}).get("columns")
    if not columns:
        return
    school = School.objects.select_for_update().get(pk=conference.school_id)
    remembered = dict((school.import_mapping or {}).get("headers", {}))
    for column in analysis.columns:
        if str(column.index) in columns:
            remembered[header_key(column.header)] = columns[str(column.index)]
    school.import_mapping = {**(school.import_mapping or {}), "headers": remembered}
    school.save(update_fields=["import_mapping"])


def new_person(values):
    # bulk_create skips Person.save(), so its normalisation is done here.
    given = canonical(values.get("given_name", ""))
    family = canonical(values.get("family_name", ""))
    return Person(
        given_name=given,
        family_name=family,
        search_name=fold(f"{given} {family}"),
        birth_date=values.get("birth_date"),
        email=(values.get("email") or "").strip().lower(),
        phone=values.get("phone") or "",
        gender=values.get("gender") or "",
        photo_consent=values.get("photo_consent"),
    )


def write_plan(attendance_import, conference, plan):
    """Save a plan.

    Returns ``({entity index: new person id}, filled fields, ids of the
    attendances it marked present)``.
    """
    new_entities = [e for e in plan.entities if e.is_new]
    people = Person.objects.bulk_create([new_person(e.values) for e in new_entities])
    created = {
        entity.index: person.pk
        for entity, person in zip(new_entities, people, strict=True)
    }

    filled = fill_blanks([e for e in plan.entities if not e.is_new])

    Attendance.objects.bulk_create(
        [
            Attendance(
                conference=conference,
                person_id=entity.person_id or created[entity.index],
                school_id=entity.school_id,
                class_name=entity.class_name,
                declared_age=entity.declared_age,
                present=plan.attended,
                source_import=attendance_import,
                source_row=entity.first_row,
            )
            for entity in plan.entities
            if not entity.attending
        ]
    )
    # Expected from a list of who registered, seen on a list of who attended.
    expected = Attendance.objects.filter(
        conference=conference,
        person_id__in=[entity.person_id for entity in plan.to_mark_present()],
        present=False,
    )
    marked = sorted(expected.values_list("pk", flat=True))
    Attendance.objects.filter(pk__in=marked).update(present=True)

    proposals = []
    for proposal in plan.proposals:
        person_id = created[proposal.entity.index]
        if proposal.candidate_entity is not None:
            other = proposal.candidate_entity
            candidate_id = other.person_id or created[other.index]
        else:
            candidate_id = proposal.candidate_person_id
        proposals.append(
            MatchProposal(
                person_id=person_id,
                candidate_id=candidate_id,
                reason=proposal.reason,
                source_import=attendance_import,
            )
        )
    MatchProposal.objects.bulk_create(proposals, ignore_conflicts=True)
    return created, filled, marked


def fill_blanks(entities):
    """Give matched people the details they lack; returns what was filled.

    Never overwrites a value. What is filled is remembered so that undoing
    the import can take it back.
    """
    by_id = {entity.person_id: entity for entity in entities}
    filled = {}
    changed = []
    for person in Person.objects.filter(pk__in=list(by_id)):
        values = by_id[person.pk].values
        fields = {}
        for name in matching.PERSON_FIELDS:
            value = values.get(name)
            if getattr(person, name) in (None, "") and value not in (None, ""):
                setattr(person, name, value)
                fields[name] = (
                    value.isoformat() if isinstance(value, datetime.date) else value
                )
        if fields:
            filled[str(person.pk)] = fields
            changed.append(person)
    if changed:
        Person.objects.bulk_update(changed, matching.PERSON_FIELDS, batch_size=500)
    return filled


def has_other_records(person_ids):
    """The ids among ``person_ids`` that anything still points at."""
    kept = set()
    for relation in Person._meta.related_objects:
        if relation.many_to_many:
            # The through model's foreign key is listed as its own relation.
            continue
        kept |= set(
            relation.related_model._base_manager.filter(
                **{f"{relation.field.name}__in": person_ids}
            ).values_list(relation.field.attname, flat=True)
        )
    kept |= set(
        Person.objects.filter(pk__in=person_ids)
        .exclude(user__isnull=True, merged_into__isnull=True)
        .values_list("pk", flat=True)
    )
    return kept


def clear_filled(filled):
    blank = {"photo_consent": None, "birth_date": None}
    people = Person.objects.filter(pk__in=[int(pk) for pk in filled])
    changed = []
    for person in people:
        for name, value in filled[str(person.pk)].items():
            current = getattr(person, name)
            if isinstance(current, datetime.date):
                current = current.isoformat()
            if current == value:
                setattr(person, name, blank.get(name, ""))
                changed.append(person)
    if changed:
        Person.objects.bulk_update(set(changed), matching.PERSON_FIELDS)
