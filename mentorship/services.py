"""Writes for mentors, groups, sessions and startups.

Check-ins are written by ``services_checkins``, their reminders by
``services_reminders``, the help given by ``services_assistance``.
"""

import logging
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mentorship import identifiers, selectors
from mentorship.models import (
    CheckIn,
    Founder,
    GroupSession,
    Mentor,
    MentorGroup,
    Reminder,
    Startup,
)
from mentorship.schedule import (  # noqa: F401 -- importable from here, where callers have always found them
    add_months,
    checkin_schedule,
)
from mentorship.services_checkins import (  # noqa: F401 -- importable from here, where callers have always found it
    record_checkin,
)
from mentorship.services_files import checked
from vsfa import audit, uploads
from vsfa.choices import Role
from vsfa.models import Edition
from vsfa.services import invite_user

logger = logging.getLogger(__name__)

FOUNDER_MIN_AGE = 18
# A court may emancipate a minor from 16; the founder then needs the document.
EMANCIPATION_MIN_AGE = 16
MAX_STARTUP_MENTORS = 2


# Mentors and groups


@transaction.atomic
def add_mentor(*, actor, full_name, email, company="", expertise=""):
    """Invite ``email`` as a mentor and give them a mentor profile.

    Adding the same address again (in any case) finds the same profile and
    sends no second invitation, so a double submit changes nothing; it only
    fills in a company that was empty. Returns ``(mentor, created)``; the
    invitation e-mail is queued on commit.
    """
    existing = (
        Mentor.objects.select_for_update()
        .filter(user__email__iexact=email.strip())
        .first()
    )
    if existing is not None:
        if company and not existing.company:
            existing.company = company.strip()
            existing.save(update_fields=["company"])
        return existing, False

    user, _invitation = invite_user(
        actor=actor, email=email, full_name=full_name, role=Role.MENTOR
    )
    mentor, created = Mentor.objects.get_or_create(
        user=user, defaults={"company": company.strip(), "expertise": expertise}
    )
    audit.record(actor, "mentor.added", mentor, summary=str(user))
    return mentor, created


@transaction.atomic
def save_group(*, actor, edition, name, mentors, members, group=None):
    """Create or change a mentoring group of ``edition``.

    A cohort member belongs to at most one group per edition. The edition row
    is locked so that two organisers filling two groups at once cannot both
    take the same member. Raises ``ValidationError`` keyed by field.
    """
    Edition.objects.select_for_update().filter(pk=edition.pk).first()
    name = name.strip()
    members = list(members)
    errors = {}

    same_name = MentorGroup.objects.filter(edition=edition, name__iexact=name)
    if group is not None:
        same_name = same_name.exclude(pk=group.pk)
    if same_name.exists():
        errors["name"] = [_("This edition already has a group with this name.")]

    outsiders = [member for member in members if member.edition_id != edition.pk]
    if outsiders:
        errors["members"] = [_("Only members of this edition's cohort can be chosen.")]
    taken = (
        MentorGroup.members.through.objects.filter(
            cohortmember__in=members, mentorgroup__edition=edition
        )
        .exclude(mentorgroup=group)
        .select_related("cohortmember__person", "mentorgroup")
    )
    for link in taken:
        errors.setdefault("members", []).append(
            _("%(person)s is already in the group %(group)s.")
            % {"person": link.cohortmember.person, "group": link.mentorgroup}
        )
    if errors:
        raise ValidationError(errors)

    created = group is None
    if created:
        group = MentorGroup.objects.create(edition=edition, name=name)
    else:
        # As saved, not as a form may have changed it in memory.
        group = MentorGroup.objects.get(pk=group.pk)
    if group.name != name:
        group.name = name
        group.save(update_fields=["name"])
    group.mentors.set(mentors)
    group.members.set(members)
    audit.record(
        actor,
        "group.created" if created else "group.changed",
        group,
        edition=edition,
        summary=name,
        members=len(members),
    )
    return group


@transaction.atomic
def log_session(
    *,
    actor,
    group,
    mentor,
    starts_at,
    duration_minutes,
    topics,
    attendees,
    notes="",
    follow_ups="",
    notes_for_participants="",
):
    """Record a session of ``group``; the same group and start time is one session.

    A session is logged once it has started, since who attended is part of
    it. Submitting the same session twice (a double tap, or both mentors of
    the group) returns the first one. Returns ``(session, created)``.
    """
    attendees = list(attendees)
    errors = {}
    if starts_at > timezone.now():
        errors["starts_at"] = [
            _("This session has not started yet: log it once it has taken place.")
        ]
    member_ids = set(group.members.values_list("pk", flat=True))
    if any(member.pk not in member_ids for member in attendees):
        errors["attendees"] = [_("Only members of this group can be marked present.")]
    if not group.mentors.filter(pk=mentor.pk).exists():
        errors["mentor"] = [_("Choose a mentor of this group.")]
    if errors:
        raise ValidationError(errors)

    existing = GroupSession.objects.filter(group=group, starts_at=starts_at).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            session = GroupSession.objects.create(
                group=group,
                mentor=mentor,
                starts_at=starts_at,
                duration_minutes=duration_minutes,
                topics=topics.strip(),
                notes=notes,
                follow_ups=follow_ups,
                notes_for_participants=notes_for_participants,
            )
    except IntegrityError:
        # Another request saved the same session between our check and insert.
        return GroupSession.objects.get(group=group, starts_at=starts_at), False
    session.attendees.set(attendees)
    audit.record(
        actor,
        "session.logged",
        session,
        edition=group.edition,
        summary=f"{group} {timezone.localtime(starts_at):%d.%m.%Y %H:%M}",
        attendees=len(attendees),
    )
    return session, True


# Startups


def _already_registered(values, startup):
    """Messages, by field, for the identifiers another startup already has."""
    others = Startup.objects.all()
    if startup is not None:
        others = others.exclude(pk=startup.pk)
    messages = {}
    if others.filter(cui=values["cui"]).exists():
        messages["cui"] = _("A startup with this fiscal code is already registered.")
    number = values["trade_register_number"]
    if number and others.filter(trade_register_number=number).exists():
        messages["trade_register_number"] = _(
            "A startup with this Trade Register number is already registered."
        )
    return messages


def _check_startup(
    *,
    edition,
    startup,
    values,
    founders,
    mentors,
    documents,
    existing_documents,
    trade_register_confirmed,
    errors,
):
    """Validate a startup's values; return them normalised or raise by field.

    ``errors`` are those found already (the uploaded files'), added to.
    """

    def refuse(field, message):
        errors.setdefault(field, []).append(message)

    for field, check in (
        ("cui", identifiers.normalise_cui),
        ("caen_code", identifiers.validate_caen),
    ):
        try:
            values[field] = check(values[field])
        except ValidationError as error:
            refuse(field, error)
    try:
        number, euid = identifiers.normalise_trade_register(
            values["trade_register_number"], check_digit_confirmed=True
        )
        # A 2024-form number whose check digit does not match is kept only
        # once someone confirms it; the number already saved was confirmed.
        if not trade_register_confirmed and (
            startup is None or number != startup.trade_register_number
        ):
            identifiers.normalise_trade_register(number)
    except ValidationError as error:
        refuse("trade_register_number", error)
    else:
        values["trade_register_number"], values["euid"] = number, euid

    for field, message in _already_registered(values, startup).items():
        if field not in errors:
            refuse(field, message)

    minimum = Decimal(settings.VSFA_MIN_SHARE_CAPITAL.get(values["legal_form"], 0))
    capital = values.get("share_capital")
    if minimum and (capital is None or capital < minimum):
        refuse(
            "share_capital",
            _("The share capital of this legal form is at least %(minimum)s lei.")
            % {"minimum": minimum},
        )

    registered_on = values["registration_date"]
    if registered_on > timezone.localdate():
        refuse(
            "registration_date",
            _(
                "The registration date is after today: register the startup "
                "here once the Trade Register has registered it."
            ),
        )

    if not founders:
        refuse("founders", _("Choose at least one founder."))
    allowed = set(selectors.founder_candidates(edition).values_list("pk", flat=True))
    for person in founders:
        if person.pk not in allowed:
            refuse(
                "founders",
                _("%(person)s is not in this edition's cohort.") % {"person": person},
            )
            continue
        has_document = person.pk in documents or person.pk in existing_documents
        age = person.age_on(registered_on)
        if age is None and not has_document:
            refuse(
                "founders",
                _(
                    "The date of birth of %(person)s is not recorded: record it "
                    "to check that they are 18 or over."
                )
                % {"person": person},
            )
        elif age is not None and age < EMANCIPATION_MIN_AGE:
            refuse(
                "founders",
                _(
                    "%(person)s is %(age)s on the registration date: a founder must "
                    "be 18 or over, or at least 16 and emancipated by a court."
                )
                % {"person": person, "age": age},
            )
        elif age is not None and age < FOUNDER_MIN_AGE and not has_document:
            refuse(
                "founders",
                _(
                    "%(person)s is %(age)s on the registration date: a founder must "
                    "be 18 or over, or upload their court emancipation document."
                )
                % {"person": person, "age": age},
            )
    for person_pk in documents:
        if person_pk not in {person.pk for person in founders}:
            refuse(
                "emancipated_founder",
                _("The emancipation document must belong to one of the founders."),
            )

    if not 1 <= len(mentors) <= MAX_STARTUP_MENTORS:
        refuse("mentors", _("Choose one or two mentors."))

    if errors:
        raise ValidationError(errors)
    return values


STARTUP_FIELDS = [
    "name",
    "legal_form",
    "cui",
    "trade_register_number",
    "euid",
    "caen_code",
    "caen_revision",
    "registration_date",
    "share_capital",
]


def _save_startup(startup, values):
    """Save ``startup``; an identifier taken meanwhile is a ``ValidationError``."""
    try:
        with transaction.atomic():
            startup.save()
    except IntegrityError:
        # A second submit, or another organiser, saved the same company
        # between the check and this save.
        taken = _already_registered(values, startup)
        if not taken:
            raise
        raise ValidationError(taken) from None


def _check_files(documents, logo):
    """The emancipation documents and logo checked by content, and the errors.

    Returns ``(documents, logo, errors)``; ``errors`` is keyed by field.
    """
    errors = {}
    checked_documents = {}
    for person_pk, document in (documents or {}).items():
        try:
            checked_documents[person_pk] = checked(document)
        except ValidationError as error:
            errors.setdefault("emancipation_document", []).extend(error.messages)
    if logo:
        try:
            logo = checked(logo, uploads.validate_image)
        except ValidationError as error:
            errors["logo"] = error.messages
            logo = None
    return checked_documents, logo, errors


def _save_file(field_file, upload):
    """Store a checked upload in ``field_file``; the model is saved by the caller."""
    uploads.save_file(field_file, upload.file.name, upload.file)


def _delete_on_commit(names):
    names = [name for name in names if name]
    if names:
        storage = uploads.private_storage()
        transaction.on_commit(lambda: [storage.delete(name) for name in names])


@uploads.removes_files_on_error
@transaction.atomic
def register_startup(
    *,
    actor,
    edition,
    founders,
    mentors,
    documents=None,
    logo=None,
    trade_register_confirmed=False,
    **values,
):
    """Register a startup of ``edition`` and schedule its check-ins.

    ``values`` are the Startup fields; ``documents`` maps a founder's person
    pk to their court emancipation document and ``logo`` is an image, each an
    upload (or a ``CheckedFile``) checked by ``vsfa.uploads``. Every rule is
    checked here (identifiers, each registered once, share capital, founders'
    age, one or two mentors); a broken one raises ``ValidationError`` keyed by
    field and saves nothing. A 2024-form Trade Register number whose check
    digit does not match raises ``onrc_checksum`` unless
    ``trade_register_confirmed``. The edition's ``checkin_count`` check-ins
    are scheduled ``checkin_interval_months`` apart, counted from the
    registration date.
    """
    documents, logo, errors = _check_files(documents, logo)
    founders, mentors = list(founders), list(mentors)
    values.setdefault("euid", "")
    values = _check_startup(
        edition=edition,
        startup=None,
        values=values,
        founders=founders,
        mentors=mentors,
        documents=documents,
        existing_documents=set(),
        trade_register_confirmed=trade_register_confirmed,
        errors=errors,
    )

    startup = Startup(edition=edition, **{key: values[key] for key in STARTUP_FIELDS})
    if logo is not None:
        _save_file(startup.logo, logo)
    _save_startup(startup, values)
    for person in founders:
        founder = Founder(startup=startup, person=person)
        if person.pk in documents:
            _save_file(founder.emancipation_document, documents[person.pk])
        founder.save()
    startup.mentors.set(mentors)
    CheckIn.objects.bulk_create(
        CheckIn(startup=startup, number=number, due_on=due_on)
        for number, due_on in enumerate(
            checkin_schedule(edition, startup.registration_date), start=1
        )
    )
    audit.record(
        actor,
        "startup.registered",
        startup,
        edition=edition,
        summary=f"{startup.name} ({startup.cui})",
        founders=[person.pk for person in founders],
        mentors=[mentor.pk for mentor in mentors],
        trade_register_confirmed=trade_register_confirmed,
    )
    return startup


@uploads.removes_files_on_error
@transaction.atomic
def update_startup(
    *,
    actor,
    startup,
    founders,
    mentors,
    documents=None,
    logo=None,
    trade_register_confirmed=False,
    **values,
):
    """Change a startup; the same rules as ``register_startup`` apply.

    The Trade Register number already saved needs no new confirmation.

    Founders kept keep their documents; a new document or logo replaces the
    old one, whose file is deleted. When the registration date moves, the
    check-ins not yet done are rescheduled from it and may be reminded again.
    """
    startup = Startup.objects.select_for_update().get(pk=startup.pk)
    documents, logo, errors = _check_files(documents, logo)
    founders, mentors = list(founders), list(mentors)
    kept = {
        founder.person_id: founder
        for founder in Founder.objects.filter(startup=startup)
    }
    values.setdefault("euid", "")
    values = _check_startup(
        edition=startup.edition,
        startup=startup,
        values=values,
        founders=founders,
        mentors=mentors,
        documents=documents,
        existing_documents={
            pk for pk, founder in kept.items() if founder.emancipation_document
        },
        trade_register_confirmed=trade_register_confirmed,
        errors=errors,
    )

    replaced = []
    moved = values["registration_date"] != startup.registration_date
    for key in STARTUP_FIELDS:
        setattr(startup, key, values[key])
    if logo is not None:
        replaced.append(startup.logo.name)
        _save_file(startup.logo, logo)
    _save_startup(startup, values)
    chosen = {person.pk for person in founders}
    removed = Founder.objects.filter(startup=startup).exclude(person__in=chosen)
    replaced += [founder.emancipation_document.name for founder in removed]
    removed.delete()
    for person in founders:
        founder = kept.get(person.pk) or Founder(startup=startup, person=person)
        if person.pk in documents:
            replaced.append(founder.emancipation_document.name)
            _save_file(founder.emancipation_document, documents[person.pk])
        founder.save()
    startup.mentors.set(mentors)
    if moved:
        due_dates = checkin_schedule(startup.edition, startup.registration_date)
        pending = startup.checkins.filter(done_on__isnull=True)
        for checkin in pending:
            if checkin.number <= len(due_dates):
                checkin.due_on = due_dates[checkin.number - 1]
                checkin.save(update_fields=["due_on"])
        # Reminders of the old dates no longer count: the new ones are sent.
        Reminder.objects.filter(checkin__in=pending).delete()
    _delete_on_commit(replaced)
    # Founders and mentors are kept in the trail: a founder taken off is
    # otherwise gone from the records.
    audit.record(
        actor,
        "startup.changed",
        startup,
        edition=startup.edition,
        summary=f"{startup.name} ({startup.cui})",
        founders=[person.pk for person in founders],
        removed_founders=sorted(set(kept) - chosen),
        mentors=[mentor.pk for mentor in mentors],
        trade_register_confirmed=trade_register_confirmed,
    )
    return startup
