"""Personal data as the law expects: consents, sensitive answers, a person's
copy of their data, erasure and the retention period.

Writes live here, each audited; so do the few reads that must leave a trace
(every reading of sensitive answers is logged in ``SensitiveAccess``).

Erasure keeps the record and replaces the identity with a stand-in
("Anonim #<id>"): name, e-mail, phone, date of birth, class, account and the
evidence of consents go; gender, education level, labour-market status, the
school, the stages reached and the self-declared answers given with consent
stay, so that every count and indicator stays right. Instead of the date of
birth the age at the entry of each edition is kept (``Person.ages_at_entry``),
which is all the age bands need.
"""

import datetime
import decimal
import json
import logging
import operator
import re
from dataclasses import dataclass
from functools import reduce

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from vsfa import audit, freshness, uploads
from vsfa.choices import ConsentKind
from vsfa.models import (
    AuditEvent,
    Consent,
    Edition,
    Person,
    SensitiveAccess,
    SensitiveDeclaration,
    User,
)
from vsfa.permissions import is_organiser
from vsfa.text import grouped, person_order

logger = logging.getLogger(__name__)

# Romania keeps the GDPR age of digital consent at 16.
GUARDIAN_AGE = 16
SENSITIVE_FIELDS = ("roma", "other_minority", "disability", "low_income", "rural")
STAND_IN_GIVEN_NAME = "Anonim"


# Why sensitive answers were read, as stored in ``SensitiveAccess.purpose``.
READING_PURPOSES = {
    "page": _("Read on the sensitive data page"),
    "form": _("Opened the answers form"),
    "own": _("The person read their own answers"),
    "export": _("Funder's workbook"),
    "copy": _("Copy of the person's data"),
    "selection": _("Applications, for the selection"),
}


class PrivacyError(Exception):
    """A privacy rule refuses the change; nothing was changed."""


# --- Consents --------------------------------------------------------------


def consents_in_force(person):
    """``{kind: the latest consent of that kind not withdrawn}``."""
    in_force = {}
    for consent in person.consents.filter(withdrawn_at__isnull=True).order_by(
        "-recorded_at", "-pk"
    ):
        in_force.setdefault(consent.kind, consent)
    return in_force


def has_consent(person, kind):
    return person.consents.filter(kind=kind, withdrawn_at__isnull=True).exists()


def age_of(person, today=None):
    return person.age_on(today or timezone.localdate())


def needs_guardian(person, today=None):
    """Under 16 today: a parent's or guardian's consent is needed."""
    age = age_of(person, today)
    return age is not None and age < GUARDIAN_AGE


def under_guardian_age(today=None):
    """A filter for people under 16 today (born after this day 16 years ago)."""
    today = today or timezone.localdate()
    try:
        limit = today.replace(year=today.year - GUARDIAN_AGE)
    except ValueError:
        limit = today.replace(year=today.year - GUARDIAN_AGE, day=28)
    return Q(birth_date__gt=limit)


def consent_exists(kind):
    """An ``Exists`` for annotating people with a consent of ``kind`` in force."""
    return Exists(
        Consent.objects.filter(
            person=OuterRef("pk"), kind=kind, withdrawn_at__isnull=True
        )
    )


def may_show_photo(person):
    """Whether photos of ``person`` may be shown anywhere.

    Every page or export that shows a photo asks this (or filters with
    ``Person.objects.photo_allowed()``): consent given and not withdrawn, and
    the person not anonymised.
    """
    return person.photo_consent is True and person.anonymised_at is None


def _lock_person(person):
    return Person.objects.select_for_update().get(pk=person.pk)


@transaction.atomic
def record_consent(*, actor, person, kind, scope="", given_by="", evidence=""):
    """Record a consent given for ``person``; audited.

    Sending the same consent twice (same kind, scope, giver and evidence, still
    in force) returns the first one. A photo consent sets
    ``Person.photo_consent``.
    """
    person = _lock_person(person)
    if person.anonymised_at is not None:
        raise PrivacyError(_("This person's data was anonymised."))
    values = {
        "scope": scope.strip(),
        "given_by": given_by.strip(),
        "evidence": evidence.strip(),
    }
    same = person.consents.filter(kind=kind, withdrawn_at__isnull=True, **values)
    existing = same.first()
    if existing is not None:
        return existing

    consent = Consent.objects.create(
        person=person, kind=kind, recorded_by=_user(actor), **values
    )
    if kind == ConsentKind.PHOTO and person.photo_consent is not True:
        Person.objects.filter(pk=person.pk).update(photo_consent=True)

    audit.record(
        actor,
        "consent.recorded",
        consent,
        summary=f"#{person.pk} · {consent.get_kind_display()}",
        person_id=person.pk,
        kind=kind,
    )
    return consent


@transaction.atomic
def withdraw_consent(*, actor, consent):
    """Withdraw ``consent``; audited. Withdrawing twice changes nothing.

    When no consent of its kind is left in force: a photo consent hides the
    person's photos (``hide_photos``); a consent to sensitive data clears the
    answers, which may no longer be kept.
    """
    person = _lock_person(consent.person)
    claimed = Consent.objects.filter(pk=consent.pk, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now()
    )
    if not claimed:
        return False
    consent.refresh_from_db()

    if not has_consent(person, consent.kind):
        if consent.kind == ConsentKind.PHOTO:
            hide_photos(person)
        elif consent.kind == ConsentKind.SENSITIVE:
            _clear_sensitive(person)

    audit.record(
        actor,
        "consent.withdrawn",
        consent,
        summary=f"#{person.pk} · {consent.get_kind_display()}",
        person_id=person.pk,
        kind=consent.kind,
    )
    return True


@transaction.atomic
def withdraw_photo_consent(*, actor, person):
    """Withdraw every photo consent of ``person``, also one never put on record.

    Conference forms record "photos: yes" on the person without a consent
    row; withdrawing it must work all the same. Audited.
    """
    person = _lock_person(person)
    now = timezone.now()
    withdrawn = person.consents.filter(
        kind=ConsentKind.PHOTO, withdrawn_at__isnull=True
    ).update(withdrawn_at=now)
    if not withdrawn and person.photo_consent is False:
        return False
    hide_photos(person)
    audit.record(
        actor,
        "consent.withdrawn",
        person,
        summary=f"#{person.pk} · {ConsentKind.PHOTO.label}",
        person_id=person.pk,
        kind=ConsentKind.PHOTO,
    )
    return True


def hide_photos(person):
    """Photos of ``person`` may no longer be shown, anywhere.

    Sets ``Person.photo_consent`` to False, which ``may_show_photo`` and
    ``Person.objects.photo_allowed()`` read. Any app that stores photos must
    ask one of those before showing or exporting one.
    """
    Person.objects.filter(pk=person.pk).update(photo_consent=False)
    person.photo_consent = False


def register(edition=None, query="", status=""):
    """People for the consent register, with the consents each has in force.

    People of ``edition`` (attended, in the cohort or founders) when given.
    ``status``: "no_guardian" (under 16 without a guardian's consent),
    "no_processing", "photo" or "anonymised". Each carries ``has_<kind>``.
    """
    people = Person.objects.active().select_related("user")
    if edition:
        people = people.filter(
            reduce(
                operator.or_,
                [
                    Exists(rows.filter(**{path: edition.pk}))
                    for rows, path in edition_links()
                ],
            )
        )
    people = people.annotate(
        **{f"has_{kind}": consent_exists(kind) for kind in ConsentKind.values}
    )
    if query:
        people = people.search(query)
    if status == "no_guardian":
        people = people.filter(under_guardian_age(), has_guardian=False)
    elif status == "no_processing":
        people = people.filter(has_data_processing=False, anonymised_at__isnull=True)
    elif status == "photo":
        people = people.photo_allowed()
    elif status == "anonymised":
        people = people.filter(anonymised_at__isnull=False)
    return person_order(people)


@transaction.atomic
def save_reporting_details(*, actor, person, education_level, labour_status):
    """Education level and labour-market status at entry; audited."""
    Person.objects.filter(pk=person.pk).update(
        education_level=education_level, labour_status=labour_status
    )
    person.education_level, person.labour_status = education_level, labour_status
    audit.record(
        actor,
        "person.reporting_changed",
        person,
        summary=f"#{person.pk}",
        education_level=education_level,
        labour_status=labour_status,
    )
    return person


# --- Sensitive answers -----------------------------------------------------


def can_read_sensitive(user):
    """Organisers given the specific permission; nobody else."""
    return is_organiser(user) and user.can_view_sensitive


def _user(user):
    return user if user is not None and user.is_authenticated else None


@transaction.atomic
def read_sensitive(*, user, person, purpose, own=False):
    """The person's declaration (or None), after logging the reading.

    ``own``: the person reads their own answers. Anyone else needs
    ``can_read_sensitive``, else ``PermissionDenied`` and nothing is logged.
    """
    if not own and not can_read_sensitive(user):
        raise PermissionDenied
    SensitiveAccess.objects.create(person=person, user=_user(user), purpose=purpose)
    return SensitiveDeclaration.objects.filter(person=person).first()


@transaction.atomic
def read_sensitive_many(*, user, person_ids, purpose):
    """``{person id: {field: answer}}`` for a file listing many people.

    Only answers given with a consent that still stands; one reading is
    logged per person whose answers are returned.
    """
    if not can_read_sensitive(user):
        raise PermissionDenied
    consent = Consent.objects.filter(
        person=OuterRef("person"),
        kind=ConsentKind.SENSITIVE,
        withdrawn_at__isnull=True,
    )
    answers = {
        row["person_id"]: row
        for row in SensitiveDeclaration.objects.filter(person__in=person_ids)
        .filter(Exists(consent))
        .values("person_id", *SENSITIVE_FIELDS)
    }
    SensitiveAccess.objects.bulk_create(
        SensitiveAccess(person_id=person_id, user=user, purpose=purpose)
        for person_id in sorted(answers)
    )
    return answers


@transaction.atomic
def save_sensitive(*, actor, person, answers, consent=None):
    """Store the self-declared answers of ``person``; audited without them.

    ``answers`` maps the fields of ``SensitiveDeclaration`` to a ``Declared``
    value or "" (not asked). Any answer needs an explicit consent in force, or
    ``consent`` (``{"given_by": ..., "evidence": ...}``) to record one now;
    without it ``PrivacyError`` is raised and nothing is stored.
    """
    person = _lock_person(person)
    if person.anonymised_at is not None:
        raise PrivacyError(_("This person's data was anonymised."))
    values = {name: answers.get(name, "") or "" for name in SENSITIVE_FIELDS}
    if any(values.values()) and not has_consent(person, ConsentKind.SENSITIVE):
        if not consent:
            raise PrivacyError(
                _("These answers may be recorded only with explicit consent.")
            )
        record_consent(
            actor=actor,
            person=person,
            kind=ConsentKind.SENSITIVE,
            given_by=consent.get("given_by", ""),
            evidence=consent.get("evidence", ""),
        )
    declaration, _created = SensitiveDeclaration.objects.update_or_create(
        person=person, defaults={**values, "recorded_by": _user(actor)}
    )
    audit.record(
        actor,
        "sensitive.recorded",
        person,
        summary=f"#{person.pk}",
        person_id=person.pk,
    )
    return declaration


def _clear_sensitive(person):
    SensitiveDeclaration.objects.filter(person=person).update(
        **dict.fromkeys(SENSITIVE_FIELDS, "")
    )


# --- A person's data -------------------------------------------------------

# Fields never shown in a copy of the data: internal or derived.
HIDDEN_FIELDS = {"search_name", "password", "ages_at_entry", "form_token"}

# Fields that are not about the person, per model: notes kept between mentors
# and organisers, other people's evaluations and what a team's other members
# are. A reference to any person or account (who recorded, checked in,
# reviewed; a possible duplicate's other record) is left out everywhere by
# ``_is_about_the_person``: it names someone else.
PRIVATE_FIELDS = {
    "mentorship.groupsession": {"notes", "mentor", "created_at"},
    "cohorts.applicationreview": {"notes"},
    "competition.finalist": {
        "override_reason",
        "override_members",
        "override_at",
        "feedback_released_at",
    },
    "competition.juror": {"affiliation", "conflict_note"},
}

# Labels of the fields whose models give none (a bare name would show as
# English in every language).
FIELD_LABELS = {
    "at": _("when"),
    "conference": _("conference"),
    "created_at": _("created at"),
    "decided_at": _("decided at"),
    "deck_name": _("presentation file"),
    "edition": _("edition"),
    "final": _("final"),
    "group": _("group"),
    "module": _("module"),
    "purpose": _("purpose"),
    "session": _("session"),
    "source_import": _("uploaded list"),
    "source_row": _("row in the uploaded list"),
    "startup": _("startup"),
    "updated_at": _("updated at"),
    "workshop": _("workshop"),
}


def _import_reason(code):
    # Imported here: the apps' models import vsfa's, not the other way round.
    from cohorts.importing import messages

    return messages.text(code)


# Fields that store a code without choices: how each code reads.
CODE_TEXTS = {
    ("vsfa.sensitiveaccess", "purpose"): lambda code: READING_PURPOSES.get(code, code),
    ("cohorts.matchproposal", "reason"): _import_reason,
}


def _reverse_relations(model):
    """Every relation pointing at ``model``, hidden ones included.

    ``_meta.related_objects`` leaves out relations named "+" (the sensitive
    data log, possible duplicates), which are the person's data too; asking
    ``get_fields`` with hidden ones finds those, and those of apps added later.
    """
    return [
        field
        for field in model._meta.get_fields(include_hidden=True)
        if field.auto_created
        and not field.concrete
        and field.is_relation
        # The rows of a plain many-to-many table are listed through the
        # relation itself; their own table would list them twice.
        and not field.related_model._meta.auto_created
    ]


def _rows(relation, obj):
    model = relation.related_model
    if relation.many_to_many:
        return model._base_manager.filter(**{relation.field.name: obj.pk})
    return model._base_manager.filter(**{relation.field.attname: obj.pk})


@dataclass
class Entry:
    """One field of a record: a stable key, a label, two forms of its value.

    ``data`` is what the JSON copy holds (raw choice values, ISO 8601 times
    with their offset); ``text`` is what the page shows, in the active
    language (None for "nothing recorded").
    """

    key: str
    label: str
    data: object
    text: object


def _readable(value):
    """``value`` written for people: local dates, yes or no, grouped numbers."""
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "d.m.Y H:i")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "d.m.Y")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, int | float | decimal.Decimal):
        return grouped(value)
    return str(value)


def _machine(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def entry(key, label, value, *, data=None):
    """An ``Entry`` from a Python value; ``data`` when the JSON holds another."""
    if value == "":
        value = None
    return Entry(
        key=key,
        label=str(label),
        data=_machine(value) if data is None else data,
        text=_readable(value),
    )


def _is_about_the_person(field):
    """Whether ``field`` may appear in a copy of the person's data."""
    if field.primary_key or field.name in HIDDEN_FIELDS:
        return False
    if field.name in PRIVATE_FIELDS.get(field.model._meta.label_lower, ()):
        return False
    # The person is the subject of the copy; any other person or account
    # referred to is someone else's data.
    return not (field.is_relation and field.related_model in (Person, User))


def _field_entry(row, field):
    value = getattr(row, field.attname)
    label = FIELD_LABELS.get(field.name, field.verbose_name)
    if value is None or value == "":
        return entry(field.name, label, None)
    if isinstance(field, models.FileField):
        return entry(field.name, label, value.name.rsplit("/", 1)[-1])
    if field.is_relation:
        target = getattr(row, field.name)
        return entry(
            field.name, label, str(target), data={"id": value, "name": str(target)}
        )
    if field.choices:
        display = getattr(row, f"get_{field.name}_display")()
        return entry(field.name, label, str(display), data=value)
    code_text = CODE_TEXTS.get((field.model._meta.label_lower, field.name))
    if code_text is not None:
        return entry(field.name, label, str(code_text(value)), data=value)
    return entry(field.name, label, value)


def _serialise(row, skip=()):
    return {
        "id": row.pk,
        "fields": [
            _field_entry(row, field)
            for field in row._meta.concrete_fields
            if field.name not in skip and _is_about_the_person(field)
        ],
    }


def _record_data(record):
    data = {
        "id": record["id"],
        "fields": {item.key: item.data for item in record["fields"]},
    }
    if record.get("related"):
        data["related"] = {
            key: section.as_data() for key, section in record["related"].items()
        }
    return data


@dataclass
class Section:
    """The records of one kind that refer to the person.

    ``key`` is stable (the model and relation); the title and note are for
    the page, in the active language.
    """

    key: str
    title: str
    rows: list
    note: str = ""
    included: bool = True

    def as_data(self):
        data = {"records": [_record_data(row) for row in self.rows]}
        if not self.included:
            data["included"] = False
        return data


def _sections_of(obj, *, skip_models, depth):
    sections = []
    for relation in _reverse_relations(type(obj)):
        model = relation.related_model
        if model in skip_models:
            continue
        rows = list(_rows(relation, obj))
        if not rows:
            continue
        skip = () if relation.many_to_many else (relation.field.name,)
        serialised = [_serialise(row, skip) for row in rows]
        if depth > 1 and not relation.many_to_many:
            for row, data in zip(rows, serialised, strict=True):
                nested = _sections_of(row, skip_models=skip_models, depth=depth - 1)
                if nested:
                    data["related"] = {s.key: s for s in nested}
        sections.append(
            Section(
                key=f"{model._meta.label_lower}:{relation.name}",
                title=str(model._meta.verbose_name_plural).capitalize(),
                rows=serialised,
            )
        )
    return sections


def _account_section(user):
    roles = user.roles
    return Section(
        key="account",
        title=str(_("Account")),
        rows=[
            {
                "id": user.pk,
                "fields": [
                    entry("email", _("e-mail address"), user.email),
                    entry("full_name", _("full name"), user.full_name),
                    entry(
                        "roles",
                        _("roles"),
                        [str(role.label) for role in roles],
                        data=[str(role.value) for role in roles],
                    ),
                    entry("date_joined", _("joined"), user.date_joined),
                    entry("last_login", _("last sign-in"), user.last_login),
                ],
            }
        ],
    )


def person_data(person, *, include_sensitive):
    """Everything on record about ``person``, as sections of ``Entry`` lists.

    Every relation to the person is walked (and one step further, e.g. a
    cohort place's module completions), so records of apps added later are
    included without changes here. Only what is about the person is kept
    (``_is_about_the_person``): never the mentors' private notes, other
    people's names or who on the staff recorded what. The self-declared
    answers are included only when ``include_sensitive``; the caller logs
    that reading.
    """
    # Imported here: the apps' models import vsfa's, not the other way round.
    from competition.models import Juror

    # A juror's declared ties name the participant, but are the juror's
    # declaration, not data about the participant.
    skip_models = {Juror} if include_sensitive else {Juror, SensitiveDeclaration}
    sections = [
        Section(key="person", title=str(_("Person")), rows=[_serialise(person)])
    ]
    if person.user_id is not None:
        sections.append(_account_section(person.user))
    sections += _sections_of(person, skip_models=skip_models, depth=2)
    if (
        not include_sensitive
        and SensitiveDeclaration.objects.filter(person=person).exists()
    ):
        sections.append(
            Section(
                key="sensitive",
                title=str(_("Self-declared statuses")),
                rows=[],
                note=str(
                    _("Not included: reading them needs the specific permission.")
                ),
                included=False,
            )
        )
    return sections


@transaction.atomic
def export_person(*, actor, person, include_sensitive, own=False):
    """``person_data`` for ``actor``, audited; a sensitive part is logged.

    ``own``: the person asks for their own data (always with their answers).
    """
    include_sensitive = own or (include_sensitive and can_read_sensitive(actor))
    if (
        include_sensitive
        and SensitiveDeclaration.objects.filter(person=person).exists()
    ):
        read_sensitive(user=actor, person=person, purpose="copy", own=own)
    sections = person_data(person, include_sensitive=include_sensitive)
    audit.record(
        actor,
        "person.exported",
        person,
        summary=f"#{person.pk}",
        person_id=person.pk,
        own=own,
    )
    return sections


def export_document(person, sections):
    """The machine-readable copy: a JSON-ready dict."""
    return {
        "person": person.pk,
        "exported_at": timezone.localtime().isoformat(),
        "sections": {section.key: section.as_data() for section in sections},
    }


# --- Erasure ---------------------------------------------------------------


def stand_in_name(person):
    return f"{STAND_IN_GIVEN_NAME} #{person.pk}"


# Fields of related records that repeat or point to the identity (a class
# list's class, an application form's own copy of the name and contacts):
# emptied on erasure wherever a record that refers to the person has them.
IDENTITY_FIELDS = {
    "given_name",
    "family_name",
    "full_name",
    "birth_date",
    "email",
    "phone",
    "class_name",
    "guardian_name",
    "guardian_contact",
}


def _ages_at_entry(person):
    """``{edition id: age at entry}``, as the indicators compute it now."""
    from vsfa import indicators

    editions = Edition.objects.filter(
        Q(conferences__attendances__person=person)
        | Q(members__person=person)
        | Q(startups__founder__person=person)
    ).distinct()
    facts = indicators.load_facts(editions)
    ages = {}
    for edition_id, rows in facts.by_edition.items():
        row = rows.get(person.pk)
        if row is not None and row.age is not None:
            ages[str(edition_id)] = row.age
    return ages


def _identity_texts(people):
    """The names and e-mail addresses to wipe from free text elsewhere."""
    texts = set()
    for person in people:
        texts.add(person.full_name)
        texts.add(f"{person.family_name} {person.given_name}")
        if person.email:
            texts.add(person.email)
        if person.user_id is not None:
            texts.add(person.user.email)
            if person.user.full_name:
                texts.add(person.user.full_name)
    return {text for text in texts if len(text.strip()) > 2}


def _delete_on_commit(field_file):
    """Delete ``field_file``'s file once the erasure commits, never before:
    should it roll back, the records still point at their files."""
    storage, name = field_file.storage, field_file.name
    transaction.on_commit(lambda: storage.delete(name))


def _scrub(text, patterns, replacement):
    for pattern in patterns:
        text = pattern.sub(replacement, text)
    return text


def _scrub_related(person, patterns, replacement):
    """Wipe the identity from records that refer to ``person``.

    Fields of ``IDENTITY_FIELDS`` are emptied (a name takes the stand-in's);
    other free-text fields lose the person's name and e-mail address; files
    attached to the records (e.g. a court document) are deleted.
    """
    for relation in _reverse_relations(Person):
        if relation.many_to_many:
            continue
        model = relation.related_model
        for row in model._base_manager.filter(**{relation.field.attname: person.pk}):
            changes = {}
            for field in model._meta.concrete_fields:
                value = getattr(row, field.attname)
                if field.name in IDENTITY_FIELDS and value not in (None, ""):
                    changes[field.attname] = _stand_in_value(field, person)
                elif isinstance(field, models.FileField) and value:
                    _delete_on_commit(value)
                    changes[field.attname] = ""
                elif isinstance(field, models.CharField | models.TextField) and value:
                    scrubbed = _scrub(value, patterns, replacement)
                    if scrubbed != value:
                        changes[field.attname] = scrubbed
            if changes:
                model._base_manager.filter(pk=row.pk).update(**changes)


def _stand_in_value(field, person):
    if field.name == "given_name":
        return STAND_IN_GIVEN_NAME
    if field.name == "family_name":
        return f"#{person.pk}"
    if field.name == "full_name":
        return stand_in_name(person)
    return None if field.null else ""


def _scrub_audit(texts, patterns, replacement):
    query = Q()
    for text in texts:
        query |= Q(summary__icontains=text)
    for event in AuditEvent.objects.filter(query):
        data = json.dumps(event.data, ensure_ascii=False)
        AuditEvent.objects.filter(pk=event.pk).update(
            summary=_scrub(event.summary, patterns, replacement),
            data=json.loads(_scrub(data, patterns, replacement)),
        )


def _scrub_files(people, root, patterns, replacement):
    """The person's files that no relation to ``Person`` reaches.

    The kept attendance files are rewritten with the stand-in's name, since
    undoing an import needs the import, not its file (``cohorts.importing
    .scrub``). A module's evidence and the pitch deck of a finalist the
    person pitched in show their work and name: they are deleted, the
    completion and the finalist stay. A startup's attachments and logo are
    the company's records, not the person's, and stay.
    """
    # Imported here: the apps' models import vsfa's, not the other way round.
    from cohorts.importing import scrub
    from cohorts.models import ModuleCompletion
    from competition.models import Finalist

    scrub.scrub_imports(
        people,
        given_name=STAND_IN_GIVEN_NAME,
        family_name=f"#{root.pk}",
        patterns=patterns,
    )
    ids = [person.pk for person in people]
    for completion in ModuleCompletion.objects.filter(member__person__in=ids):
        if completion.evidence_file:
            _delete_on_commit(completion.evidence_file)
            completion.evidence_file = ""
        completion.evidence_note = _scrub(
            completion.evidence_note, patterns, replacement
        )
        completion.review_note = _scrub(completion.review_note, patterns, replacement)
        if _scrub(completion.evidence_url, patterns, replacement) != (
            completion.evidence_url
        ):
            # A link with the stand-in's name in it leads nowhere.
            completion.evidence_url = ""
        completion.save(
            update_fields=[
                "evidence_file",
                "evidence_note",
                "review_note",
                "evidence_url",
            ]
        )
    _scrub_sessions(ids, patterns, replacement)
    for finalist in Finalist.objects.filter(members__person__in=ids).distinct():
        if finalist.deck:
            _delete_on_commit(finalist.deck)
            finalist.deck = ""
        finalist.deck_name = ""
        finalist.name = _scrub(finalist.name, patterns, replacement)
        finalist.summary = _scrub(finalist.summary, patterns, replacement)
        finalist.save(update_fields=["deck", "deck_name", "name", "summary"])


def _scrub_sessions(ids, patterns, replacement):
    """The mentors' notes of the sessions the people attended, and the
    ratings of those sessions and their own: free text that may name them."""
    from mentorship.models import GroupSession, SessionRating

    sessions = GroupSession.objects.filter(attendees__person__in=ids).distinct()
    for session in sessions:
        changes = {
            name: _scrub(getattr(session, name), patterns, replacement)
            for name in ("notes", "notes_for_participants", "follow_ups")
        }
        if any(getattr(session, name) != value for name, value in changes.items()):
            GroupSession.objects.filter(pk=session.pk).update(**changes)
    ratings = SessionRating.objects.filter(
        Q(session__in=sessions) | Q(member__person__in=ids)
    ).exclude(comment="")
    for rating in ratings:
        comment = _scrub(rating.comment, patterns, replacement)
        if comment != rating.comment:
            SessionRating.objects.filter(pk=rating.pk).update(comment=comment)


def _close_account(user):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user=user).delete()
    user.email = f"anonim-{user.pk}@anonymised.invalid"
    user.full_name = ""
    user.is_active = False
    user.is_organiser = user.is_mentor = user.is_juror = user.is_participant = False
    user.can_view_sensitive = False
    user.set_unusable_password()
    user.save()


@uploads.removes_files_on_error
@transaction.atomic
def erase_person(*, actor, person, reason=""):
    """Replace the identity of ``person`` with an anonymous stand-in; audited.

    The record and every record pointing at it stay, so that counts and
    indicators do not change (see the module docstring for what goes and what
    stays). Records merged into the person are the same human being and are
    erased with them; erasing a merged record erases the one it was merged
    into. The account is closed. Files are deleted once the erasure commits;
    the files it wrote are deleted should it fail. Idempotent: the person is
    claimed with a conditional update, so a second call (or a second worker)
    does nothing and returns False.
    """
    root = Person.objects.get(pk=person.pk)
    if root.merged_into_id is not None:
        root = Person.objects.get(pk=root.merged_into_id)
    ages = _ages_at_entry(root)
    claimed = Person.objects.filter(pk=root.pk, anonymised_at__isnull=True).update(
        anonymised_at=timezone.now()
    )
    if not claimed:
        return False
    root = (
        Person.objects.select_for_update(of=("self",))
        .select_related("user")
        .get(pk=root.pk)
    )
    people = [root, *Person.objects.filter(merged_into=root).select_related("user")]
    texts = _identity_texts(people)
    patterns = [
        re.compile(rf"(?<!\w){re.escape(text)}(?!\w)", re.IGNORECASE)
        for text in sorted(texts, key=len, reverse=True)
    ]
    replacement = stand_in_name(root)

    _scrub_files(people, root, patterns, replacement)
    for record in people:
        _scrub_related(record, patterns, replacement)
        if record.user_id is not None:
            _close_account(record.user)
        Consent.objects.filter(person=record).update(given_by="", evidence="")
        record.given_name = STAND_IN_GIVEN_NAME
        record.family_name = f"#{record.pk}"
        record.birth_date = None
        record.email = ""
        record.phone = ""
        record.photo_consent = False
        record.user = None
        record.anonymised_at = record.anonymised_at or timezone.now()
        if record.pk == root.pk:
            record.ages_at_entry = ages
        record.save()
    _scrub_audit(texts, patterns, replacement)

    audit.record(
        actor,
        "person.erased",
        root,
        summary=f"#{root.pk}",
        person_id=root.pk,
        merged=[record.pk for record in people[1:]],
        reason=reason[:200],
    )
    # Pages kept with their name are deleted, not left to expire.
    transaction.on_commit(freshness.forget_parts, robust=True)
    return True


def edition_links():
    """``(rows of a person, path to their edition id)`` for every record kind.

    Found through the relations to ``Person``: a record with an edition, or
    one step from one (an attendance's conference, a founder's startup),
    ties the person to that edition. Records of apps added later (an
    application, say) count without changes here.
    """
    links = []
    for relation in _reverse_relations(Person):
        if relation.many_to_many:
            continue
        model = relation.related_model
        path = _edition_path(model)
        if path is not None:
            rows = model._base_manager.filter(**{relation.field.name: OuterRef("pk")})
            links.append((rows, path))
    return links


def _edition_path(model):
    fields = [field for field in model._meta.concrete_fields if field.many_to_one]
    for field in fields:
        if field.related_model is Edition:
            return field.attname
    for field in fields:
        for step in field.related_model._meta.concrete_fields:
            if step.many_to_one and step.related_model is Edition:
                return f"{field.name}__{step.attname}"
    return None
