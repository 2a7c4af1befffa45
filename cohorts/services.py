"""Writes for stages 1 and 2: attendance, selection, the cohort and its modules."""

import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext

from cohorts import selectors
from cohorts.choices import MemberStatus
from cohorts.curriculum import DEFAULT_MODULES
from cohorts.importing import matching
from cohorts.importing.parsing import Row
from cohorts.importing.services import decide_match
from cohorts.models import (
    Application,
    ApplicationNotice,
    ApplicationReview,
    Attendance,
    CohortMember,
    Conference,
    Guest,
    MatchProposal,
    Module,
    ModuleCompletion,
    Workshop,
    WorkshopAttendance,
)
from cohorts.training_time import check_within_edition, training_over
from vsfa import audit, emails
from vsfa.choices import ConsentKind
from vsfa.models import Edition, Invitation, Person, User
from vsfa.services import invite_user
from vsfa.text import canonical, fold, name_case

logger = logging.getLogger(__name__)


class SelectionError(Exception):
    """A decision the programme's rules refuse; the message is for the organiser."""


class ConfirmationNeeded(Exception):
    """A decision that takes something away, sent without the organiser's
    confirmation: the caller asks first (``member`` is who would lose it)."""

    def __init__(self, member):
        super().__init__(member)
        self.member = member


@transaction.atomic
def set_up_curriculum(*, edition, copy_from=None):
    """Give a new edition its modules: a copy of ``copy_from``'s, or the defaults.

    Does nothing when the edition already has modules. Default titles are
    stored in Romanian, the language of the programme's users.
    """
    if Module.objects.filter(edition=edition).exists():
        return
    source = []
    if copy_from is not None:
        source = [
            Module(
                edition=edition,
                number=module.number,
                title=module.title,
                description=module.description,
                lesson_url=module.lesson_url,
                due_month=module.due_month,
            )
            for module in Module.objects.filter(edition=copy_from)
        ]
    if not source:
        with translation.override("ro"):
            source = [
                Module(
                    edition=edition,
                    number=number,
                    title=gettext(title),
                    due_month=month,
                )
                for number, title, month in DEFAULT_MODULES
            ]
    Module.objects.bulk_create(source)


def _lock(edition):
    """Lock the edition's row: writes that check before they add are serialised."""
    return Edition.objects.select_for_update().get(pk=edition.pk)


def _save(actor, obj, action, **data):
    created = obj.pk is None
    obj.save()
    audit.record(
        actor,
        f"{action}.{'created' if created else 'changed'}",
        obj,
        edition=getattr(obj, "edition", None),
        summary=str(obj),
        **data,
    )
    return obj


@transaction.atomic
def save_school(*, actor, school):
    return _save(actor, school, "school")


@transaction.atomic
def save_module(*, actor, module):
    return _save(actor, module, "module")


@transaction.atomic
def save_workshop(*, actor, workshop):
    """Save a workshop; raises ``ValidationError`` (on ``starts_at``) when it
    falls outside its edition's dates, or when the edition already has a
    workshop of that title at that time, so that a form sent twice plans it
    once.
    """
    try:
        check_within_edition(workshop.edition, workshop.starts_at)
    except ValidationError as error:
        raise ValidationError({"starts_at": error.messages}) from error
    _lock(workshop.edition)
    twins = Workshop.objects.filter(
        edition=workshop.edition,
        title__iexact=workshop.title,
        starts_at=workshop.starts_at,
    ).exclude(pk=workshop.pk)
    if twins.exists():
        raise ValidationError(
            {"starts_at": gettext("This workshop is already planned at this time.")}
        )
    return _save(actor, workshop, "workshop")


@transaction.atomic
def save_conference(*, actor, conference, guests):
    """Save a conference and its guest entrepreneurs in the order given.

    ``guests`` is a list of ``{"name": ..., "company": ...}``; entries without
    a name are dropped. The guests are rewritten each time: nothing else
    refers to them. A school has one conference per day in an edition:
    raises ``ValidationError`` (on ``date``) for a second one, so that a form
    sent twice creates one conference.
    """
    _lock(conference.edition)
    twins = Conference.objects.filter(
        edition=conference.edition, school=conference.school, date=conference.date
    ).exclude(pk=conference.pk)
    if twins.exists():
        raise ValidationError(
            {
                "date": gettext("%(school)s already has a conference on this date.")
                % {"school": conference.school}
            }
        )
    _save(actor, conference, "conference")
    kept = [guest for guest in guests if canonical(guest.get("name"))]
    Guest.objects.filter(conference=conference).delete()
    Guest.objects.bulk_create(
        Guest(
            conference=conference,
            order=order,
            name=canonical(guest["name"]),
            company=canonical(guest.get("company")),
        )
        for order, guest in enumerate(kept, start=1)
    )
    return conference


def find_or_create_person(
    *,
    given_name,
    family_name,
    birth_date=None,
    email="",
    phone="",
    gender="",
    photo_consent=None,
):
    """Return ``(person, created)`` for one person typed in by hand.

    The same e-mail address (in any case) is the same person; otherwise the
    same name without diacritics and the same birth date. A name alone never
    matches. A matched person gets the fields they were missing; nothing
    recorded is typed over. Bulk imports have their own matcher, which also
    proposes uncertain matches for an organiser to confirm.
    """
    given_name, family_name = name_case(given_name), name_case(family_name)
    email = (email or "").strip().lower()
    people = Person.objects.active().order_by("pk")
    person = None
    if email:
        person = people.filter(email__iexact=email).first()
    if person is None and birth_date is not None:
        person = people.filter(
            search_name=fold(f"{given_name} {family_name}"), birth_date=birth_date
        ).first()
    if person is None:
        person = Person.objects.create(
            given_name=given_name,
            family_name=family_name,
            birth_date=birth_date,
            email=email,
            phone=phone,
            gender=gender,
            photo_consent=photo_consent,
        )
        return person, True

    missing = {
        "birth_date": birth_date,
        "email": email,
        "phone": phone,
        "gender": gender,
        "photo_consent": photo_consent,
    }
    changed = [
        name
        for name, value in missing.items()
        if value not in (None, "") and getattr(person, name) in (None, "")
    ]
    for name in changed:
        setattr(person, name, missing[name])
    if changed:
        person.save()
    return person, False


def _same_attendee(conference, person_fields):
    """An attendee of ``conference`` who is plainly the one being typed again.

    Guards against the same form sent twice when it carries neither e-mail nor
    birth date, which ``find_or_create_person`` would not match.
    """
    search_name = fold(
        f"{name_case(person_fields['given_name'])} "
        f"{name_case(person_fields['family_name'])}"
    )
    birth_date = person_fields.get("birth_date")
    email = (person_fields.get("email") or "").strip().lower()
    for person in Person.objects.filter(
        attendances__conference=conference, search_name=search_name
    ):
        if person.birth_date == birth_date and person.email == email:
            return person
    return None


@transaction.atomic
def add_attendance(*, actor, conference, person_fields, class_name="", school=None):
    """Record that a person attended, finding or creating the person.

    Returns ``(attendance, created)``; ``created`` is False when the person was
    already on the conference's list. ``school`` is the pupil's school when it
    is not the conference's.
    """
    # One writer per conference at a time, so that a form sent twice cannot
    # create the same new person twice.
    Conference.objects.select_for_update().filter(pk=conference.pk).first()
    person = _same_attendee(conference, person_fields)
    if person is None:
        person, _ = find_or_create_person(**person_fields)
    if school is not None and school.pk == conference.school_id:
        school = None
    attendance, created = Attendance.objects.get_or_create(
        conference=conference,
        person=person,
        defaults={"class_name": canonical(class_name), "school": school},
    )
    if created:
        audit.record(
            actor,
            "attendance.added",
            attendance,
            edition=conference.edition,
            summary=f"{person} @ {conference}",
        )
    return attendance, created


@transaction.atomic
def remove_attendance(*, actor, attendance):
    """Take a person off a conference's list; the person record stays."""
    conference = attendance.conference
    audit.record(
        actor,
        "attendance.removed",
        attendance,
        edition=conference.edition,
        summary=f"{attendance.person} @ {conference}",
        person_id=attendance.person_id,
        conference_id=conference.pk,
    )
    attendance.delete()


# Selection. Every decision locks the edition row first, so that two
# organisers deciding at the same moment are served one after the other and
# the count of places taken is never stale.


def _ensure_free_place(edition, person):
    taken = CohortMember.objects.filter(
        edition=edition, status=MemberStatus.SELECTED
    ).count()
    if taken >= edition.cohort_size:
        raise SelectionError(
            gettext(
                "All %(places)s places of the cohort are taken: %(name)s was not "
                "selected. Free a place or put them on the waiting list."
            )
            % {"places": edition.cohort_size, "name": person}
        )


def _ensure_attended(edition, person):
    if not Attendance.objects.filter(
        person=person, conference__edition=edition
    ).exists():
        raise SelectionError(
            gettext("%(name)s did not attend a conference of this edition.")
            % {"name": person}
        )


def _ensure_guardian(edition, person):
    """Under 16, a parent's or guardian's consent must be on record first."""
    if selectors.needs_guardian_consent(edition, person):
        raise SelectionError(
            gettext(
                "%(name)s is under 16: record the consent of their parent or "
                "guardian before giving them a place."
            )
            % {"name": person}
        )


def _renumber_waitlist(edition):
    """Close the gaps in the waiting list's ranks, keeping their order."""
    waiting = list(
        CohortMember.objects.filter(
            edition=edition, status=MemberStatus.WAITLISTED
        ).order_by("waitlist_rank", "pk")
    )
    changed = []
    for rank, member in enumerate(waiting, start=1):
        if member.waitlist_rank != rank:
            member.waitlist_rank = rank
            changed.append(member)
    CohortMember.objects.bulk_update(changed, ["waitlist_rank"])


def _decide(member, actor, status, rank=None):
    member.status = status
    member.waitlist_rank = rank
    member.decided_by = actor
    member.decided_at = timezone.now()
    if status != MemberStatus.WITHDRAWN:
        member.withdrawn_reason = ""
        member.withdrawn_at = None


@transaction.atomic
def select_member(*, actor, edition, person):
    """Give ``person`` a place in the edition's cohort.

    Raises ``SelectionError`` when every place is taken (also when another
    organiser took the last one a moment earlier), when the person did not
    attend the edition's conferences, or when they are under 16 without a
    parent's or guardian's consent on record. Selecting someone already
    selected changes nothing.
    """
    edition = _lock(edition)
    member = CohortMember.objects.filter(edition=edition, person=person).first()
    if member is not None and member.status == MemberStatus.SELECTED:
        return member
    if member is None:
        _ensure_attended(edition, person)
    _ensure_free_place(edition, person)
    _ensure_guardian(edition, person)

    if member is None:
        member = CohortMember(edition=edition, person=person)
    _decide(member, actor, MemberStatus.SELECTED)
    member.save()
    _renumber_waitlist(edition)

    audit.record(actor, "cohort.selected", member, edition=edition, summary=str(person))
    return member


@transaction.atomic
def waitlist_member(*, actor, edition, person, confirmed=False):
    """Put ``person`` at the end of the edition's waiting list.

    A selected member loses their place (and, while waiting, their modules
    and a completed training stop counting): that needs ``confirmed``, else
    ``ConfirmationNeeded`` is raised and nothing changes. Checked under the
    edition's lock, so that a board showing someone undecided cannot demote
    them once another organiser selected them.
    """
    edition = _lock(edition)
    member = CohortMember.objects.filter(edition=edition, person=person).first()
    if member is not None and member.status == MemberStatus.WAITLISTED:
        return member
    if member is not None and member.status == MemberStatus.SELECTED and not confirmed:
        raise ConfirmationNeeded(member)
    if member is None:
        _ensure_attended(edition, person)
    last = CohortMember.objects.filter(
        edition=edition, status=MemberStatus.WAITLISTED
    ).aggregate(last=Max("waitlist_rank"))["last"]

    if member is None:
        member = CohortMember(edition=edition, person=person)
    _decide(member, actor, MemberStatus.WAITLISTED, rank=(last or 0) + 1)
    member.save()

    audit.record(
        actor,
        "cohort.waitlisted",
        member,
        edition=edition,
        summary=str(person),
        rank=member.waitlist_rank,
    )
    return member


def has_training_records(member):
    """Whether the member took part in anything that must stay on record."""
    return (
        ModuleCompletion.objects.filter(member=member).exists()
        or WorkshopAttendance.objects.filter(member=member).exists()
        # Reverse relations: mentorship and competition import cohorts.
        or member.mentor_groups.exists()
        or member.group_sessions.exists()
        or member.finalist_entries.exists()
    )


@transaction.atomic
def remove_member(*, actor, member):
    """Undo a selection decision: the person is neither selected nor waiting.

    Refused once the member has training records; they withdraw instead, so
    that their history stays.
    """
    edition = _lock(member.edition)
    if has_training_records(member):
        raise SelectionError(
            gettext(
                "%(name)s already has training records: withdraw them from the "
                "cohort instead, so that their history is kept."
            )
            % {"name": member.person}
        )
    audit.record(
        actor,
        "cohort.removed",
        member,
        edition=edition,
        summary=str(member.person),
        status=member.status,
        person_id=member.person_id,
    )
    member.delete()
    _renumber_waitlist(edition)


@transaction.atomic
def withdraw_member(*, actor, member, reason):
    """Record that a member left, with the reason; their history stays.

    Returns the first person on the waiting list when a place was freed, for
    the organiser to promote (see ``promote_next``), else None: also once the
    training is over (``cohorts.training_time``), when a place is no longer
    worth offering.
    """
    reason = canonical(reason)
    if not reason:
        raise SelectionError(gettext("Say why they withdraw."))
    edition = _lock(member.edition)
    member = CohortMember.objects.select_related("person").get(pk=member.pk)
    if member.status == MemberStatus.WITHDRAWN:
        return None
    freed = member.status == MemberStatus.SELECTED

    _decide(member, actor, MemberStatus.WITHDRAWN)
    member.withdrawn_reason = reason
    member.withdrawn_at = member.decided_at
    member.save()
    _renumber_waitlist(edition)

    audit.record(
        actor,
        "cohort.withdrawn",
        member,
        edition=edition,
        summary=str(member.person),
        reason=reason,
    )
    if not freed or training_over(edition):
        return None
    return selectors.first_on_waitlist(edition)


@transaction.atomic
def promote_next(*, actor, edition, offered=None):
    """Give the free place to the first person on the waiting list.

    ``offered`` is the id of the member the organiser was shown as first.
    When given, only they are promoted: pressing twice, or on a page that is
    out of date, never gives a second place to whoever came next; once they
    are in the cohort, a second press returns them and changes nothing.
    Raises ``SelectionError`` when the training is over, nobody is waiting,
    no place is free, someone else is first now, or they are under 16
    without a guardian's consent on record. An applicant already told a decision is told of the
    place by e-mail (see ``notify_decisions``).
    """
    edition = _lock(edition)
    if offered is not None:
        promoted = (
            CohortMember.objects.filter(
                pk=offered, edition=edition, status=MemberStatus.SELECTED
            )
            .select_related("person")
            .first()
        )
        if promoted is not None:
            return promoted
    if training_over(edition):
        raise SelectionError(
            gettext(
                "The training is over: a free place is no longer given to the "
                "waiting list."
            )
        )
    member = selectors.first_on_waitlist(edition)
    if member is None:
        raise SelectionError(gettext("Nobody is on the waiting list."))
    if offered is not None and member.pk != offered:
        raise SelectionError(
            gettext(
                "The waiting list has changed: %(name)s is first now. "
                "Check and try again."
            )
            % {"name": member.person}
        )
    _ensure_free_place(edition, member.person)
    _ensure_guardian(edition, member.person)

    _decide(member, actor, MemberStatus.SELECTED)
    member.save()
    _renumber_waitlist(edition)

    audit.record(
        actor, "cohort.promoted", member, edition=edition, summary=str(member.person)
    )
    _tell_promoted(actor, member)
    return member


@transaction.atomic
def move_on_waitlist(*, actor, member, rank):
    """Put a member of the waiting list at ``rank`` (1 is first).

    The others keep their order around them; a rank past the end puts them
    last. Raises ``SelectionError`` when they are not on the waiting list.
    """
    edition = _lock(member.edition)
    waiting = list(
        CohortMember.objects.filter(
            edition=edition, status=MemberStatus.WAITLISTED
        ).order_by("waitlist_rank", "pk")
    )
    moved = next((other for other in waiting if other.pk == member.pk), None)
    if moved is None:
        raise SelectionError(
            gettext("%(name)s is not on the waiting list.") % {"name": member.person}
        )

    waiting.remove(moved)
    waiting.insert(min(max(rank, 1), len(waiting) + 1) - 1, moved)
    changed = []
    for place, other in enumerate(waiting, start=1):
        if other.waitlist_rank != place:
            other.waitlist_rank = place
            changed.append(other)
    CohortMember.objects.bulk_update(changed, ["waitlist_rank"])

    audit.record(
        actor,
        "cohort.waitlist_moved",
        moved,
        edition=edition,
        summary=str(member.person),
        rank=moved.waitlist_rank,
    )
    return moved


@transaction.atomic
def invite_member(*, actor, member, last_seen=None):
    """Invite a selected member to a participant account and link it to them.

    Uses the e-mail address on the person (or their existing account's).
    Returns ``(user, invitation)`` as ``vsfa.services.invite_user`` does; the
    e-mail is queued after commit. ``last_seen`` is the id of the latest
    invitation the organiser's page showed (0 for none): when a newer one
    exists, the button was pressed twice and that one is returned, with no
    second e-mail.
    """
    person = Person.objects.select_for_update().get(pk=member.person_id)
    if member.status != MemberStatus.SELECTED:
        raise SelectionError(
            gettext("Only selected members of the cohort get an account.")
        )
    account = User.objects.filter(pk=person.user_id).first()
    if account is not None and last_seen is not None:
        latest = Invitation.objects.filter(user=account).order_by("-pk").first()
        if latest is not None and latest.pk > last_seen:
            return account, latest
    email = account.email if account is not None else person.email
    if not email:
        raise SelectionError(
            gettext("%(name)s has no e-mail address: add one first.") % {"name": person}
        )
    if account is None:
        taken = Person.objects.filter(user__email__iexact=email).exclude(pk=person.pk)
        if taken.exists():
            raise SelectionError(
                gettext("The account %(email)s belongs to another person.")
                % {"email": email}
            )

    user, invitation = invite_user(
        actor=actor, email=email, full_name=person.full_name, role="participant"
    )
    if person.user_id != user.pk:
        person.user = user
        person.save(update_fields=["user"])

    audit.record(
        actor,
        "cohort.member_invited",
        member,
        edition=member.edition,
        summary=f"{person} <{email}>",
    )
    return user, invitation


# Applications sent on the public form, the panel's reviews, and the
# decisions told to applicants by e-mail.


class ApplicationError(Exception):
    """The application cannot be taken; the message is for the applicant."""


def _applicant_person(edition, applicant):
    """Who the applicant is in the programme's records: ``(person, proposal)``.

    The attendance import's rule decides, against a list with nobody on it:
    the same e-mail address is the same person (unless the given names have
    nothing in common); the same name with the same date of birth, or the
    same school and class, is only proposed as a match for an organiser to
    confirm, and the applicant gets a record of their own meanwhile. A known
    person's details stay as recorded: a public form does not change them.
    """
    school = applicant["school"]
    row = Row(
        row=1,
        given_name=name_case(applicant["given_name"]),
        family_name=name_case(applicant["family_name"]),
        class_name=applicant["class_name"],
        birth_date=applicant["birth_date"],
        email=applicant["email"],
        phone=applicant["phone"],
        gender=applicant["gender"],
        school_id=school.pk if school is not None else None,
    )
    # Never saved: a conference without a list, so nobody is on it.
    nowhere = Conference(edition=edition, date=timezone.localdate())
    (decision,) = matching.plan([row], nowhere).decisions
    if decision.action == matching.MATCHED:
        return Person.objects.get(pk=decision.entity.person_id), None

    person = Person.objects.create(
        given_name=row.given_name,
        family_name=row.family_name,
        birth_date=row.birth_date,
        email=row.email,
        phone=row.phone,
        gender=row.gender,
    )
    proposal = None
    if decision.candidate_person_id is not None:
        proposal, _created = MatchProposal.objects.get_or_create(
            person=person,
            candidate_id=decision.candidate_person_id,
            defaults={"reason": decision.reason},
        )
    return person, proposal


def _application_evidence(application):
    # Stored in Romanian, the language of the programme's records.
    with translation.override("ro"):
        return gettext("Application form no. %(number)s") % {"number": application.pk}


def _create_application(edition, token, applicant, sensitive):
    from vsfa import privacy

    person, proposal = _applicant_person(edition, applicant)
    application = Application.objects.create(
        edition=edition, person=person, form_token=token, **applicant
    )
    evidence = _application_evidence(application)
    privacy.record_consent(
        actor=None,
        person=person,
        kind=ConsentKind.DATA_PROCESSING,
        given_by=application.full_name,
        evidence=evidence,
    )
    if sensitive:
        privacy.save_sensitive(
            actor=None,
            person=person,
            answers=sensitive,
            consent={"given_by": application.full_name, "evidence": evidence},
        )
    audit.record(
        None,
        "application.received",
        application,
        edition=edition,
        summary=str(person),
        person_id=person.pk,
        match_proposal=proposal.pk if proposal is not None else None,
    )
    return application


def submit_application(*, edition, token, applicant, sensitive=None):
    """Record an application sent on the public form: ``(application, created)``.

    ``token`` is the form's one-time token: the same form sent again returns
    the first application and creates nothing, also when both copies arrive
    at the same moment (the token is unique). ``applicant`` holds the form's
    details (``ApplicationForm.applicant``); ``sensitive`` the self-declared
    answers given with their explicit consent, or None. Records the consent
    to process the data, given by the applicant on the form, and the answers
    with their consent. A guardian's consent stays pending until an organiser
    confirms the signed form (``confirm_guardian_consent``). Raises
    ``ApplicationError`` when the edition takes no applications today.
    """
    existing = Application.objects.filter(form_token=token).first()
    if existing is not None:
        return existing, False
    if not selectors.application_call_open(edition):
        raise ApplicationError(gettext("Applications to this edition are closed."))

    try:
        with transaction.atomic():
            application = _create_application(edition, token, applicant, sensitive)
    except IntegrityError:
        # The other copy of the same form was saved a moment earlier.
        existing = Application.objects.filter(form_token=token).first()
        if existing is None:
            raise
        return existing, False
    return application, True


@transaction.atomic
def save_application_call(*, actor, call):
    """Open, close or move the edition's call for applications; audited."""
    return _save(actor, call, "application_call")


@transaction.atomic
def confirm_guardian_consent(*, actor, application, evidence):
    """Record the consent of the parent or guardian named on ``application``.

    ``evidence`` says which signed form the organiser holds. Sent twice with
    the same evidence, the first consent is returned. Raises
    ``SelectionError`` when the application names nobody.
    """
    from vsfa import privacy

    if not application.guardian_name:
        raise SelectionError(gettext("This application names no parent or guardian."))
    return privacy.record_consent(
        actor=actor,
        person=application.person,
        kind=ConsentKind.GUARDIAN,
        given_by=application.guardian_name,
        evidence=canonical(evidence),
    )


@transaction.atomic
def save_review(*, actor, application, score, notes):
    """``actor``'s score (1 to 5, or None) and notes on ``application``.

    One review per panel member, changed in place; audited with the score.
    """
    review, created = ApplicationReview.objects.update_or_create(
        application=application,
        reviewer=actor,
        defaults={"score": score, "notes": notes.strip()},
    )
    audit.record(
        actor,
        "application.reviewed",
        application,
        edition=application.edition,
        summary=str(application.person),
        score=score,
        created=created,
    )
    return review


def decide_application_match(*, actor, application, same_person):
    """Confirm or reject the possible match proposed for an applicant.

    As on the duplicates page: confirmed, the two records become one person
    keeping every record of both (``vsfa.services.MergeConflict`` when they
    cannot). Returns False when no match waits for a decision.
    """
    proposal = selectors.pending_match_of(application)
    if proposal is None:
        return False
    _proposal, decided = decide_match(
        actor=actor, proposal=proposal, same_person=same_person
    )
    return decided


def _queue_notices(actor, decisions):
    """Create the notices of ``decisions`` (``selectors.Decision``) that do
    not exist yet; returns how many were asked for."""
    # A notice already made for the same decision stays as it is.
    ApplicationNotice.objects.bulk_create(
        [
            ApplicationNotice(
                application_id=decision.application_id,
                decision=decision.decision,
                email=decision.email,
                queued_by=actor,
            )
            for decision in decisions
        ],
        ignore_conflicts=True,
    )
    return len(decisions)


def _send_unsent(notices):
    """Send the notices of ``notices`` not sent yet, from the worker, after commit.

    A notice queued twice is still sent once: the task claims it first.
    """
    unsent = list(notices.filter(sent_at__isnull=True).values_list("pk", flat=True))
    transaction.on_commit(lambda: _enqueue_notices(unsent))


def _enqueue_notices(notice_ids):
    from cohorts.tasks import send_application_notice

    for notice_id in notice_ids:
        send_application_notice(notice_id)


@transaction.atomic
def notify_decisions(*, actor, edition, include_not_selected=False):
    """Tell applicants by e-mail, in Romanian, the decision on their application.

    The selected and those on the waiting list, and with
    ``include_not_selected`` those who were not selected; the latest
    application of each person is told. Each decision is told to a person
    once, ever: pressing again queues nothing new (``ApplicationNotice`` is
    unique per application and decision, and the task claims it before
    sending). The e-mails go out from the worker after commit. Returns the
    number of e-mails queued.
    """
    edition = _lock(edition)
    decisions = selectors.decisions_to_tell(
        edition, include_not_selected=include_not_selected
    )
    queued = _queue_notices(actor, decisions)
    # Also those a failed worker left unsent.
    _send_unsent(ApplicationNotice.objects.filter(application__edition=edition))
    if queued:
        audit.record(
            actor,
            "application.decisions_notified",
            edition=edition,
            summary=str(queued),
            queued=queued,
            not_selected=include_not_selected,
        )
    return queued


def _tell_promoted(actor, member):
    """Tell at once someone given a place from the waiting list.

    Only when they were already told a decision; otherwise the next round
    of notices tells them.
    """
    decision = selectors.promotion_to_tell(member)
    if decision is not None:
        _queue_notices(actor, [decision])
        _send_unsent(
            ApplicationNotice.objects.filter(application_id=decision.application_id)
        )


def send_application_notice(notice_id):
    """E-mail one decision to its applicant, at most once.

    Claims the notice with a conditional UPDATE before sending and gives the
    claim back when sending fails, so that a retry sends it; another worker
    finds it claimed and sends nothing. Returns True when sent.
    """
    claimed = ApplicationNotice.objects.filter(
        pk=notice_id, sent_at__isnull=True
    ).update(sent_at=timezone.now())
    if not claimed:
        logger.info("Application notice %s is gone or already sent", notice_id)
        return False
    notice = ApplicationNotice.objects.select_related("application__edition").get(
        pk=notice_id
    )
    application = notice.application
    try:
        emails.send_templated(
            f"emails/application_{notice.decision}",
            notice.email,
            {"application": application, "edition": application.edition},
        )
    except Exception:
        ApplicationNotice.objects.filter(pk=notice_id).update(sent_at=None)
        raise
    return True


@transaction.atomic
def record_export(*, actor, edition, what, rows, file_format):
    """Note in the audit trail that ``actor`` downloaded personal data."""
    audit.record(
        actor,
        "export.downloaded",
        edition=edition,
        summary=f"{what}.{file_format}",
        what=what,
        rows=rows,
    )


@transaction.atomic
def record_workshop_attendance(*, actor, workshop, statuses):
    """Record the whole cohort's attendance of a workshop in one go.

    ``statuses`` maps each member id to a status, or to "" to clear what was
    recorded. Returns the number of rows that changed.
    """
    existing = {
        attendance.member_id: attendance
        for attendance in WorkshopAttendance.objects.select_for_update().filter(
            workshop=workshop
        )
    }
    to_create, to_update, to_delete = [], [], []
    for member_id, status in statuses.items():
        attendance = existing.get(member_id)
        if not status:
            if attendance is not None:
                to_delete.append(attendance.pk)
        elif attendance is None:
            to_create.append(
                WorkshopAttendance(
                    workshop=workshop,
                    member_id=member_id,
                    status=status,
                    recorded_by=actor,
                )
            )
        elif attendance.status != status:
            attendance.status = status
            attendance.recorded_by = actor
            to_update.append(attendance)

    WorkshopAttendance.objects.bulk_create(to_create)
    WorkshopAttendance.objects.bulk_update(to_update, ["status", "recorded_by"])
    WorkshopAttendance.objects.filter(pk__in=to_delete).delete()

    changed = len(to_create) + len(to_update) + len(to_delete)
    if changed:
        audit.record(
            actor,
            "workshop.attendance_recorded",
            workshop,
            edition=workshop.edition,
            summary=str(workshop),
            created=len(to_create),
            updated=len(to_update),
            cleared=len(to_delete),
        )
    return changed


# At the door: check-in on the day, walk-ins, and late entry from the paper
# sign-in sheet. Every write locks the conference's row first, so that two
# phones at the door, or one finger tapping twice, are served one after the
# other; the unique attendance per conference and person backs it up.


def _lock_conference(conference):
    Conference.objects.select_for_update().filter(pk=conference.pk).first()


def _record_door(actor, action, conference, attendance, **data):
    audit.record(
        actor,
        action,
        attendance,
        edition=conference.edition,
        summary=f"{attendance.person} @ {conference}",
        person_id=attendance.person_id,
        conference_id=conference.pk,
        **data,
    )


def _check_in_listed(actor, conference, attendance):
    """Mark someone already on the list present; False when they were."""
    if attendance.present:
        return False
    attendance.present = True
    attendance.checked_in_at = timezone.now()
    attendance.checked_in_by = actor
    attendance.save(update_fields=["present", "checked_in_at", "checked_in_by"])
    _record_door(actor, "attendance.checked_in", conference, attendance)
    return True


def _known_class(conference, person):
    """Class and pupil's school of the person's latest attendance in the edition.

    The school is None when it is the conference's own, as on the list.
    """
    latest = (
        Attendance.objects.filter(
            person=person, conference__edition_id=conference.edition_id
        )
        .select_related("conference")
        .order_by("-conference__date", "-pk")
        .first()
    )
    if latest is None:
        return "", None
    school_id = latest.school_id or latest.conference.school_id
    return latest.class_name, None if school_id == conference.school_id else school_id


def _add_walk_in(actor, conference, person, class_name=None):
    """Put someone who was not on the list on it, present.

    ``class_name`` None takes the class of their latest attendance in the
    edition, when they have one.
    """
    school_id = None
    if class_name is None:
        class_name, school_id = _known_class(conference, person)
    attendance = Attendance.objects.create(
        conference=conference,
        person=person,
        school_id=school_id,
        class_name=canonical(class_name),
        present=True,
        walk_in=True,
        checked_in_at=timezone.now(),
        checked_in_by=actor,
    )
    _record_door(actor, "attendance.walk_in", conference, attendance)
    return attendance


def _undo_check_in(actor, conference, attendance):
    """Take back a presence; False when the person was not marked present.

    A walk-in was not on the list before: they come off it again (the person
    record stays). Anyone else stays on the list, as not present.
    """
    if not attendance.present:
        return False
    _record_door(
        actor,
        "attendance.check_in_undone",
        conference,
        attendance,
        walk_in=attendance.walk_in,
    )
    if attendance.walk_in:
        attendance.delete()
        return True
    attendance.present = False
    attendance.checked_in_at = None
    attendance.checked_in_by = None
    attendance.save(update_fields=["present", "checked_in_at", "checked_in_by"])
    return True


@transaction.atomic
def check_in(*, actor, conference, person):
    """Mark ``person`` present at ``conference``, adding them if not on the list.

    Returns ``(attendance, changed)``; ``changed`` is False when they were
    already present, so that a double tap records one check-in. Someone not
    on the list is added as a walk-in, with the class of their latest
    attendance in the edition.
    """
    _lock_conference(conference)
    attendance = Attendance.objects.filter(conference=conference, person=person).first()
    if attendance is None:
        return _add_walk_in(actor, conference, person), True
    return attendance, _check_in_listed(actor, conference, attendance)


@transaction.atomic
def undo_check_in(*, actor, conference, person):
    """Take back ``person``'s presence at ``conference``.

    Returns True when something changed; undoing twice changes nothing. A
    walk-in comes off the list again; anyone else stays on it, not present.
    """
    _lock_conference(conference)
    attendance = Attendance.objects.filter(conference=conference, person=person).first()
    if attendance is None:
        return False
    return _undo_check_in(actor, conference, attendance)


@transaction.atomic
def add_walk_in(*, actor, conference, person_fields, class_name=""):
    """Record someone typed in at the door as present.

    The person is found or created as by ``add_attendance`` (the same e-mail,
    or the same name and birth date, is the same person; the same form sent
    twice finds the attendee it added). Returns ``(attendance, changed)``:
    someone already on the list is marked present, not added again.
    """
    _lock_conference(conference)
    person = _same_attendee(conference, person_fields)
    if person is None:
        person, _ = find_or_create_person(**person_fields)
    attendance = Attendance.objects.filter(conference=conference, person=person).first()
    if attendance is None:
        return _add_walk_in(actor, conference, person, class_name), True
    return attendance, _check_in_listed(actor, conference, attendance)


@transaction.atomic
def record_late_entry(*, actor, conference, ticked, cleared, walk_ins):
    """Enter the paper sign-in sheet afterwards, all of it or nothing.

    ``ticked`` and ``cleared`` are sets of attendance ids of the conference
    whose box was ticked or cleared compared with what the form showed, so
    that check-ins made at the door in the meantime are kept. ``walk_ins``
    is a list of ``{"person_fields": ..., "class_name": ...}`` for the names
    added by hand at the bottom of the sheet. Returns ``(marked, unmarked,
    added)``; sending the same form twice changes nothing the second time.
    """
    _lock_conference(conference)
    attendances = Attendance.objects.filter(
        conference=conference, pk__in=set(ticked) | set(cleared)
    ).select_related("person")
    marked = unmarked = added = 0
    for attendance in attendances:
        if attendance.pk in ticked:
            marked += _check_in_listed(actor, conference, attendance)
        else:
            unmarked += _undo_check_in(actor, conference, attendance)
    for line in walk_ins:
        _, changed = add_walk_in(
            actor=actor,
            conference=conference,
            person_fields=line["person_fields"],
            class_name=line["class_name"],
        )
        added += changed
    return marked, unmarked, added
