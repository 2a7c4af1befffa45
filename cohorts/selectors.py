"""Reads for stages 1 and 2: conferences, attendees, the cohort and its progress."""

import datetime
from collections import Counter
from dataclasses import dataclass, field, fields

from django.db.models import (
    Avg,
    Case,
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from cohorts import services_workshops
from cohorts.choices import (
    ApplicationDecision,
    EvidenceStatus,
    MatchStatus,
    MemberStatus,
    WorkshopStatus,
)
from cohorts.importing.normalise import age_on
from cohorts.models import (
    Application,
    ApplicationCall,
    ApplicationNotice,
    ApplicationReview,
    Attendance,
    CohortMember,
    Conference,
    MatchProposal,
    Module,
    ModuleCompletion,
    School,
    Workshop,
    WorkshopAttendance,
)
from vsfa.choices import ConsentKind, Declared, Gender
from vsfa.models import Consent, Invitation, Person, SensitiveDeclaration
from vsfa.text import by_name, person_order

# Being late still counts as attending; an excused absence does not.
ATTENDED = (WorkshopStatus.PRESENT, WorkshopStatus.LATE)


def conference_list(edition):
    """The edition's conferences with their school, guests and attendee count."""
    return (
        Conference.objects.filter(edition=edition)
        .select_related("school")
        .prefetch_related("guests")
        .annotate(
            attendee_count=Count(
                "attendances", filter=Q(attendances__present=True), distinct=True
            )
        )
        .order_by("date", "pk")
    )


def conference_attendances(conference, query=""):
    attendances = person_order(
        conference.attendances.select_related("person", "school"), "person__"
    )
    if query:
        attendances = attendances.filter(
            person__in=Person.objects.search(query).values("pk")
        )
    return attendances


def people(query=""):
    """Every person not merged into another, with their number of attendances."""
    people = person_order(
        Person.objects.active().annotate(
            attendance_count=Count("attendances", distinct=True)
        )
    )
    if query:
        people = people.search(query)
    return people


def _latest_attendance(edition, person_ref="pk"):
    return Attendance.objects.filter(
        person=OuterRef(person_ref), conference__edition=edition
    ).order_by("-conference__date", "-pk")


def _school_of(edition, person_ref="pk"):
    """The school of the person's latest attendance in the edition.

    A pupil may attend another school's conference; the attendance then says
    which school the pupil is from.
    """
    return Subquery(
        _latest_attendance(edition, person_ref)
        .annotate(school_ref=Coalesce("school_id", "conference__school_id"))
        .values("school_ref")[:1]
    )


def attendees(edition, query="", school=None, status=None):
    """The unique people who attended the edition's conferences, for selection.

    Each carries ``school_ref`` (school id), ``class_name``, ``conference_count``
    and, when already decided, ``member_id``, ``member_status`` and
    ``waitlist_rank``. ``status`` filters on the decision; "none" means not
    decided yet.
    """
    return _with_board_figures(
        attending(edition, query=query, school=school, status=status), edition
    )


def attending(edition, query="", school=None, status=None):
    """``attendees`` without their figures: to count them and page through them."""
    # Start from the edition's attendances, not from every person on record:
    # the board then costs what the edition holds, however many editions exist.
    attended = Attendance.objects.filter(conference__edition=edition).values("person")
    people = person_order(Person.objects.active().filter(pk__in=attended))
    if query:
        people = people.search(query)
    if school is not None:
        from_school = Attendance.objects.filter(
            Q(school=school) | Q(school__isnull=True, conference__school=school),
            person=OuterRef("pk"),
            conference__edition=edition,
        )
        people = people.filter(Exists(from_school))
    memberships = CohortMember.objects.filter(person=OuterRef("pk"), edition=edition)
    if status == "none":
        people = people.filter(~Exists(memberships))
    elif status:
        people = people.filter(Exists(memberships.filter(status=status)))
    return people


def attendee_rows(edition, people):
    """The rows of ``attendees`` for ``people`` (a queryset of their ids), in order.

    For a page of the board: the figures are subqueries, worked out here for
    the page's people only rather than for every attendee before sorting.
    """
    return list(
        person_order(_with_board_figures(Person.objects.filter(pk__in=people), edition))
    )


def _with_board_figures(people, edition):
    in_edition = Attendance.objects.filter(
        person=OuterRef("pk"), conference__edition=edition
    )
    memberships = CohortMember.objects.filter(person=OuterRef("pk"), edition=edition)
    return people.annotate(
        school_ref=_school_of(edition),
        class_name=Subquery(_latest_attendance(edition).values("class_name")[:1]),
        conference_count=Subquery(
            in_edition.values("person")
            .annotate(total=Count("conference", distinct=True))
            .values("total"),
            output_field=IntegerField(),
        ),
        member_id=Subquery(memberships.values("pk")[:1]),
        member_status=Subquery(memberships.values("status")[:1]),
        waitlist_rank=Subquery(memberships.values("waitlist_rank")[:1]),
    )


@dataclass
class SelectionCounts:
    places: int
    selected: int
    waitlisted: int
    withdrawn: int
    by_school: list = field(default_factory=list)
    by_gender: list = field(default_factory=list)

    @property
    def free(self):
        return max(self.places - self.selected, 0)


def selection_counts(edition, schools=None):
    """How the selection stands: places taken, and the selected per school and gender.

    ``schools``: every school, when the caller has read them already; else
    the schools of the selected are read.
    """
    rows = (
        CohortMember.objects.filter(edition=edition)
        .annotate(school_ref=_school_of(edition, "person_id"))
        .values_list("status", "person__gender", "school_ref")
        .order_by()
    )
    statuses = Counter()
    per_school = Counter()
    genders = Counter()
    for status, gender, school_ref in rows:
        statuses[status] += 1
        if status == MemberStatus.SELECTED:
            per_school[school_ref] += 1
            genders[gender] += 1
    if schools is None:
        schools = School.objects.filter(pk__in=[pk for pk in per_school if pk])
    names = {school.pk: str(school) for school in schools}
    by_school = sorted(
        ((names.get(pk, "—"), count) for pk, count in per_school.items()),
        key=lambda item: (-item[1], item[0]),
    )
    by_gender = [
        (label, genders[value]) for value, label in Gender.choices if genders[value]
    ]
    return SelectionCounts(
        places=edition.cohort_size,
        selected=statuses[MemberStatus.SELECTED],
        waitlisted=statuses[MemberStatus.WAITLISTED],
        withdrawn=statuses[MemberStatus.WITHDRAWN],
        by_school=by_school,
        by_gender=by_gender,
    )


def first_on_waitlist(edition):
    """The member a freed place is offered to: first by rank on the waiting list."""
    return (
        CohortMember.objects.filter(edition=edition, status=MemberStatus.WAITLISTED)
        .select_related("person")
        .order_by("waitlist_rank", "pk")
        .first()
    )


def _count_of(queryset, group_by):
    return Coalesce(
        Subquery(
            queryset.values(group_by).annotate(total=Count("pk")).values("total"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def _with_training_counts(members):
    """Annotate members with what the completion rule counts.

    ``modules_done`` (confirmed completions only), ``workshops_attended``
    (present or late, at workshops of the member's edition), and
    ``workshop_count``, every workshop of the edition, held or still to
    come. Subqueries: one query for any number of members.
    """
    return members.annotate(
        modules_done=_count_of(
            ModuleCompletion.objects.filter(
                member=OuterRef("pk"), status=EvidenceStatus.CONFIRMED
            ),
            "member",
        ),
        workshops_attended=_count_of(
            WorkshopAttendance.objects.filter(
                member=OuterRef("pk"),
                workshop__edition=OuterRef("edition"),
                status__in=ATTENDED,
            ),
            "member",
        ),
        workshop_count=_count_of(
            Workshop.objects.filter(edition=OuterRef("edition")), "edition"
        ),
    )


def cohort_members(edition, query="", status=None):
    """The edition's members with modules done and workshops attended.

    Selected first, then the waiting list in its order, then those who withdrew.
    Each carries ``last_invitation``, the id of the latest invitation of their
    account (None without one), which the invite button sends back so that a
    second press sends no second e-mail.
    """
    members = (
        _with_training_counts(CohortMember.objects.filter(edition=edition))
        .select_related("person", "person__user")
        .annotate(
            last_invitation=Subquery(
                Invitation.objects.filter(user=OuterRef("person__user"))
                .order_by("-pk")
                .values("pk")[:1]
            ),
            status_order=Case(
                When(status=MemberStatus.SELECTED, then=Value(0)),
                When(status=MemberStatus.WAITLISTED, then=Value(1)),
                default=Value(2),
            ),
        )
    )
    members = person_order(members, "person__", ("status_order", "waitlist_rank"))
    if query:
        members = members.filter(person__in=Person.objects.search(query).values("pk"))
    if status:
        members = members.filter(status=status)
    return members


def completion_grid(edition):
    """The selected members, the modules, and the completions between them.

    Returns ``(members, modules, done, claims)``: ``done`` is the set of
    ``(member_id, module_id)`` pairs confirmed, ``claims`` maps the pairs a
    participant claimed and nobody confirmed yet (waiting, or sent back) to
    their completion. Three queries whatever the size of the cohort.
    """
    # The grid shows only the name of each member: the rest of a person's
    # many fields would be read for nothing, 75 times.
    members = by_name(
        CohortMember.objects.filter(edition=edition, status=MemberStatus.SELECTED)
        .select_related("person")
        .only("person__given_name", "person__family_name"),
        "person",
    )
    modules = list(Module.objects.filter(edition=edition).order_by("number"))
    done, claims = set(), {}
    # A full cohort has most of its thousand boxes confirmed, and only their
    # pair is needed: plain rows cost a fraction of model instances. The few
    # claims become instances, for their status and evidence. Unordered: the
    # pairs are looked up, not listed.
    rows = (
        ModuleCompletion.objects.filter(
            member__edition=edition, member__status=MemberStatus.SELECTED
        )
        .order_by()
        .values_list(*_GRID_FIELDS)
    )
    for row in rows:
        pair = (row[_GRID_MEMBER], row[_GRID_MODULE])
        if row[_GRID_STATUS] == EvidenceStatus.CONFIRMED:
            done.add(pair)
        else:
            claims[pair] = ModuleCompletion.from_db(rows.db, _GRID_FIELDS, row)
    return members, modules, done, claims


# In the model's order of fields, as ``Model.from_db`` reads them.
_GRID_FIELDS = tuple(
    model_field.attname
    for model_field in ModuleCompletion._meta.concrete_fields
    if model_field.attname
    in {"id", "member_id", "module_id", "status", "evidence_url", "evidence_file"}
)
_GRID_MEMBER = _GRID_FIELDS.index("member_id")
_GRID_MODULE = _GRID_FIELDS.index("module_id")
_GRID_STATUS = _GRID_FIELDS.index("status")


def workshop_sheet(workshop):
    """The selected members of the workshop's edition, their recorded status,
    and when those who checked in with the room code did so (by member id)."""
    members = by_name(
        CohortMember.objects.filter(
            edition_id=workshop.edition_id, status=MemberStatus.SELECTED
        ).select_related("person"),
        "person",
    )
    statuses, check_ins = {}, {}
    for member_id, status, checked_in_at in WorkshopAttendance.objects.filter(
        workshop=workshop
    ).values_list("member_id", "status", "self_checked_in_at"):
        statuses[member_id] = status
        if checked_in_at is not None:
            check_ins[member_id] = checked_in_at
    return members, statuses, check_ins


def workshop_list(edition):
    return (
        Workshop.objects.filter(edition=edition)
        .annotate(
            attended=Count("attendances", filter=Q(attendances__status__in=ATTENDED))
        )
        .order_by("starts_at", "pk")
    )


@dataclass(frozen=True)
class Standing:
    """The completion rule of an edition, applied to one member's figures.

    The rule lives here only: the progress page and ``completion_by_member``
    both ask it.
    """

    status: str
    modules_done: int
    min_modules: int
    workshops_attended: int
    workshop_count: int
    min_workshop_percent: int

    @property
    def modules_met(self):
        return self.modules_done >= self.min_modules

    @property
    def workshops_met(self):
        # Over every workshop of the edition, so that nobody completes before
        # the training is over; an edition without workshops asks for none.
        needed = self.min_workshop_percent * self.workshop_count
        return self.workshops_attended * 100 >= needed

    @property
    def completed(self):
        """Only a selected member can complete; one who withdrew has not."""
        return (
            self.status == MemberStatus.SELECTED
            and self.modules_met
            and self.workshops_met
        )


@dataclass
class Progress:
    """Where a member stands against the completion rule of their edition."""

    member: CohortMember
    completions: list
    remaining: list
    module_count: int
    min_modules: int
    workshops: list
    workshop_count: int
    workshops_held: int
    workshops_attended: int
    min_workshop_percent: int
    next_workshop: Workshop | None
    # A workshop takes the room code now or will later (the page offers it).
    check_in_ahead: bool = False
    # When the figures that depend on the time of day (held, next, the code)
    # next change; None when no workshop is ahead.
    changes_at: datetime.datetime | None = None

    @property
    def modules_done(self):
        return len(self.completions)

    @property
    def standing(self):
        return Standing(
            status=self.member.status,
            modules_done=self.modules_done,
            min_modules=self.min_modules,
            workshops_attended=self.workshops_attended,
            workshop_count=self.workshop_count,
            min_workshop_percent=self.min_workshop_percent,
        )

    @property
    def modules_met(self):
        return self.standing.modules_met

    @property
    def workshop_percent(self):
        """Attendance so far, over the workshops already held (rounded down)."""
        if not self.workshops_held:
            return None
        return self.workshops_attended * 100 // self.workshops_held

    @property
    def workshops_met(self):
        return self.standing.workshops_met

    @property
    def workshops_needed(self):
        """The fewest workshops, of all those planned, that meet the rule."""
        return -(-self.min_workshop_percent * self.workshop_count // 100)

    @property
    def workshops_left(self):
        """Workshops still to come, where the missing attendance can be made up."""
        return self.workshop_count - self.workshops_held

    @property
    def completed(self):
        return self.standing.completed


def member_progress(member):
    """Modules done and remaining, workshops attended and the next one, the rule."""
    edition = member.edition
    modules = list(Module.objects.filter(edition=edition).order_by("number"))
    # Each completion is given its module from those just read rather than
    # having the database join them again. One recorded by hand against
    # another edition's module counts here as it does in ``standing_of``.
    by_pk = {module.pk: module for module in modules}
    recorded = list(ModuleCompletion.objects.filter(member=member))
    elsewhere = {completion.module_id for completion in recorded} - by_pk.keys()
    if elsewhere:
        by_pk.update(Module.objects.in_bulk(elsewhere))
    for completion in recorded:
        completion.module = by_pk[completion.module_id]
    recorded.sort(key=lambda completion: completion.module.number)
    # Only confirmed completions are done; a module claimed with evidence
    # stays to do, carrying the claim (``module.claim``) for the page.
    completions = [c for c in recorded if c.status == EvidenceStatus.CONFIRMED]
    claims = {c.module_id: c for c in recorded if c.status != EvidenceStatus.CONFIRMED}
    done_ids = {completion.module_id for completion in completions}
    for module in modules:
        module.claim = claims.get(module.pk)
    statuses = dict(
        WorkshopAttendance.objects.filter(member=member).values_list(
            "workshop_id", "status"
        )
    )
    now = timezone.now()
    workshops = [
        (workshop, statuses.get(workshop.pk, ""))
        for workshop in Workshop.objects.filter(edition=edition).order_by("starts_at")
    ]
    return Progress(
        member=member,
        completions=completions,
        remaining=[module for module in modules if module.pk not in done_ids],
        module_count=len(modules),
        min_modules=edition.min_modules_completed,
        workshops=workshops,
        workshop_count=len(workshops),
        workshops_held=sum(1 for workshop, _ in workshops if workshop.starts_at <= now),
        workshops_attended=sum(1 for _, status in workshops if status in ATTENDED),
        min_workshop_percent=edition.min_workshop_percent,
        next_workshop=next(
            (workshop for workshop, _ in workshops if workshop.starts_at > now), None
        ),
        check_in_ahead=services_workshops.check_in_ahead(
            [workshop for workshop, _ in workshops], now
        ),
        changes_at=services_workshops.next_change(
            [workshop for workshop, _ in workshops], now
        ),
    )


def completion_by_member(members):
    """``{member pk: meets their edition's completion rule}`` for many members.

    One query whatever the number of members (they may belong to several
    editions); the figures are those of ``member_progress`` and the rule is
    ``Standing``'s.
    """
    return completion_of([member.pk for member in members])


def completion_of(member_ids):
    """``completion_by_member`` of members known by their ids only.

    A caller that read its members as plain values need not make instances.
    """
    if not member_ids:
        return {}
    return completion_in(CohortMember.objects.filter(pk__in=member_ids))


def _standing_rows(members):
    return (
        _with_training_counts(members)
        .annotate(
            min_modules=F("edition__min_modules_completed"),
            min_workshop_percent=F("edition__min_workshop_percent"),
        )
        .values("pk", *(attribute.name for attribute in fields(Standing)))
        .order_by()
    )


def completion_in(members):
    """``completion_by_member`` of a queryset of members, in one query."""
    rows = _standing_rows(members)
    return {row.pop("pk"): Standing(**row).completed for row in rows}


def standing_of(member):
    """The member's ``Standing`` (modules done, completed or not), in one query."""
    row = _standing_rows(CohortMember.objects.filter(pk=member.pk)).get()
    del row["pk"]
    return Standing(**row)


def has_completed(member):
    """Whether the member meets their edition's completion rule.

    Only a selected member can complete; one who withdrew has not.
    """
    return completion_by_member([member])[member.pk]


# Applications: the call, the selection board, the balance of the selection
# and the decisions to tell.


def application_call(edition):
    return ApplicationCall.objects.filter(edition=edition).first()


def application_call_open(edition, today=None):
    """Whether the edition's public form takes applications today."""
    call = application_call(edition)
    return call is not None and call.is_open_on(today or timezone.localdate())


def _count_per_person(queryset, person_ref="person"):
    return Coalesce(
        Subquery(
            queryset.values(person_ref)
            .annotate(total=Count("conference", distinct=True))
            .values("total"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def applications(edition, query="", school=None, status=None, sort="", reviewer=None):
    """The edition's applications for the selection board, in one query.

    Each carries its person and school, ``conference_count`` (conferences
    of the edition the person attended), ``member_id``, ``member_status`` and
    ``waitlist_rank`` once decided, ``score_average`` and ``review_count`` of
    the panel, ``my_score`` (``reviewer``'s), ``has_guardian`` (a parent's or
    guardian's consent in force) and ``pending_match`` (the id of a possible
    match to confirm, or None). ``status`` filters on the decision ("none":
    not decided yet); ``sort`` is "newest" (the default), "score" or "name".
    """
    memberships = CohortMember.objects.filter(
        person=OuterRef("person"), edition=edition
    )
    reviews = ApplicationReview.objects.filter(
        application=OuterRef("pk"), score__isnull=False
    ).values("application")
    applications = (
        Application.objects.filter(edition=edition)
        .select_related("person", "school")
        .annotate(
            conference_count=_count_per_person(
                Attendance.objects.filter(
                    person=OuterRef("person"), conference__edition=edition
                )
            ),
            member_id=Subquery(memberships.values("pk")[:1]),
            member_status=Subquery(memberships.values("status")[:1]),
            waitlist_rank=Subquery(memberships.values("waitlist_rank")[:1]),
            score_average=Subquery(
                reviews.annotate(average=Avg("score")).values("average"),
                output_field=FloatField(),
            ),
            review_count=Coalesce(
                Subquery(
                    reviews.annotate(total=Count("pk")).values("total"),
                    output_field=IntegerField(),
                ),
                Value(0),
            ),
            my_score=Subquery(
                ApplicationReview.objects.filter(
                    application=OuterRef("pk"),
                    reviewer_id=reviewer.pk if reviewer is not None else None,
                ).values("score")[:1]
            ),
            has_guardian=Exists(
                Consent.objects.filter(
                    person=OuterRef("person"),
                    kind=ConsentKind.GUARDIAN,
                    withdrawn_at__isnull=True,
                )
            ),
            pending_match=Subquery(
                MatchProposal.objects.filter(
                    person=OuterRef("person"), status=MatchStatus.PENDING
                ).values("pk")[:1]
            ),
        )
    )
    if query:
        applications = applications.filter(
            person__in=Person.objects.search(query).values("pk")
        )
    if school is not None:
        applications = applications.filter(school=school)
    if status == "none":
        applications = applications.filter(member_status__isnull=True)
    elif status:
        applications = applications.filter(member_status=status)
    if sort == "score":
        return applications.order_by(
            F("score_average").desc(nulls_last=True), "-submitted_at", "-pk"
        )
    if sort == "name":
        return person_order(applications)
    return applications.order_by("-submitted_at", "-pk")


def application_sent(token):
    """Whether an application was already sent with this one-time token."""
    return Application.objects.filter(form_token=token).exists()


def pending_match_of(application):
    """The possible match still to confirm for the applicant, or None."""
    return (
        MatchProposal.objects.filter(
            person=application.person_id, status=MatchStatus.PENDING
        )
        .select_related("candidate")
        .order_by("pk")
        .first()
    )


def is_under_guardian_age(birth_date, today):
    """Under 16: a parent's or guardian's consent is needed. False unknown."""
    from vsfa.privacy import GUARDIAN_AGE

    return birth_date is not None and age_on(birth_date, today) < GUARDIAN_AGE


def needs_guardian_consent(edition, person, today=None):
    """Whether ``person`` is under 16 and no guardian's consent is in force.

    The age comes from the person's recorded date of birth, else from the
    one on their latest application to ``edition``.
    """
    birth_date = person.birth_date
    if birth_date is None:
        birth_date = (
            Application.objects.filter(edition=edition, person=person)
            .order_by("-submitted_at", "-pk")
            .values_list("birth_date", flat=True)
            .first()
        )
    if not is_under_guardian_age(birth_date, today or timezone.localdate()):
        return False
    return not Consent.objects.filter(
        person=person, kind=ConsentKind.GUARDIAN, withdrawn_at__isnull=True
    ).exists()


def vulnerable_counts(edition):
    """How many of the selected declared each status, as ``[(label, count)]``.

    Totals only, from answers given with a consent that still stands. For
    organisers who may read sensitive data; no answer of anyone is shown.
    """
    from vsfa.privacy import SENSITIVE_FIELDS

    selected = CohortMember.objects.filter(
        edition=edition, status=MemberStatus.SELECTED
    ).values("person")
    consent = Consent.objects.filter(
        person=OuterRef("person"),
        kind=ConsentKind.SENSITIVE,
        withdrawn_at__isnull=True,
    )
    totals = (
        SensitiveDeclaration.objects.filter(person__in=selected)
        .filter(Exists(consent))
        .aggregate(
            **{
                name: Count("pk", filter=Q(**{name: Declared.YES}))
                for name in SENSITIVE_FIELDS
            }
        )
    )
    return [
        (SensitiveDeclaration._meta.get_field(name).verbose_name, totals[name])
        for name in SENSITIVE_FIELDS
    ]


@dataclass(frozen=True)
class Decision:
    """A decision to tell an applicant by e-mail."""

    application_id: int
    email: str
    decision: str


# What a place in the cohort tells; a withdrawal tells nothing.
_DECISION_OF_STATUS = {
    MemberStatus.SELECTED: ApplicationDecision.SELECTED,
    MemberStatus.WAITLISTED: ApplicationDecision.WAITLISTED,
}


def decisions_to_tell(edition, include_not_selected=False):
    """The decisions not yet told, one per person: to their latest application.

    The selected, those on the waiting list and, with
    ``include_not_selected``, the applicants without a place. Someone who
    withdrew is not told anything; a decision told once is not told again.
    Three queries.
    """
    statuses = dict(
        CohortMember.objects.filter(edition=edition).values_list("person", "status")
    )
    told = set(
        ApplicationNotice.objects.filter(application__edition=edition).values_list(
            "application__person", "decision"
        )
    )
    latest = {}
    for application in (
        Application.objects.filter(edition=edition)
        .order_by("person", "-submitted_at", "-pk")
        .values("pk", "person", "email")
    ):
        latest.setdefault(application["person"], application)

    decisions = []
    for person_id, application in latest.items():
        status = statuses.get(person_id)
        if status is None:
            decision = ApplicationDecision.NOT_SELECTED
            if not include_not_selected:
                continue
        else:
            decision = _DECISION_OF_STATUS.get(status)
        if decision is None or (person_id, decision) in told:
            continue
        decisions.append(Decision(application["pk"], application["email"], decision))
    return decisions


def decision_counts(edition):
    """``{decision: applicants to tell}``, not-selected included, for the
    page that asks before telling them."""
    counts = Counter(
        decision.decision
        for decision in decisions_to_tell(edition, include_not_selected=True)
    )
    return {value: counts[value] for value in ApplicationDecision.values}


def promotion_to_tell(member):
    """The "selected" e-mail of someone promoted from the waiting list, or None.

    Only for an applicant already told a decision, who is not told this one
    yet; the others hear with the next round of notices.
    """
    application = (
        Application.objects.filter(edition=member.edition_id, person=member.person_id)
        .order_by("-submitted_at", "-pk")
        .first()
    )
    if application is None:
        return None
    told = set(
        ApplicationNotice.objects.filter(
            application__edition=member.edition_id,
            application__person=member.person_id,
        ).values_list("decision", flat=True)
    )
    if not told or ApplicationDecision.SELECTED in told:
        return None
    return Decision(application.pk, application.email, ApplicationDecision.SELECTED)


def person_attendances(person_id):
    """The conferences a person attended, latest first, in any edition."""
    return (
        Attendance.objects.filter(person=person_id)
        .select_related("conference__school", "conference__edition", "school")
        .order_by("-conference__date", "-pk")
    )


def application_attendances(application):
    return person_attendances(application.person_id)


def application_reviews(application):
    return application.reviews.select_related("reviewer").order_by(
        "reviewer__full_name", "reviewer__email", "pk"
    )


def application_notices(application):
    return application.notices.order_by("queued_at", "pk")


# Exports.


def attendance_for_export(edition, conference=None):
    """The attendances of the edition's conferences, or of one, for a file."""
    attendances = Attendance.objects.filter(conference__edition=edition)
    if conference is not None:
        attendances = attendances.filter(conference=conference)
    return person_order(
        attendances.select_related("conference__school", "person", "school"),
        "person__",
        ("conference__date", "conference__pk"),
    )


def selection_for_export(edition):
    """The edition's cohort places with each person's school and class.

    Selected first, then the waiting list in its order, then those who
    withdrew; ``school_ref`` is a school id.
    """
    members = (
        CohortMember.objects.filter(edition=edition)
        .select_related("person")
        .annotate(
            school_ref=_school_of(edition, "person_id"),
            class_name=Subquery(
                _latest_attendance(edition, "person_id").values("class_name")[:1]
            ),
            status_order=Case(
                When(status=MemberStatus.SELECTED, then=Value(0)),
                When(status=MemberStatus.WAITLISTED, then=Value(1)),
                default=Value(2),
            ),
        )
    )
    return person_order(members, "person__", ("status_order", "waitlist_rank"))


# At the door: who is on a conference's list, who else might walk in, and
# how many are in the room.

# Rows a search at the door shows; one more is read to know there are more.
DOOR_LISTED = 25
DOOR_OTHERS = 10
# Letters typed before people not on the list are looked up at all.
DOOR_OTHERS_MIN_LETTERS = 2


@dataclass(frozen=True)
class DoorCounts:
    present: int
    registered: int
    walk_ins: int
    expected: int | None

    def as_dict(self):
        return {
            "present": self.present,
            "registered": self.registered,
            "walk_ins": self.walk_ins,
            "expected": self.expected,
        }


def door_counts(conference):
    """Who is in the room: present, on the list beforehand, walked in; one query."""
    totals = Attendance.objects.filter(conference=conference).aggregate(
        present=Count("pk", filter=Q(present=True)),
        registered=Count("pk", filter=Q(walk_in=False)),
        walk_ins=Count("pk", filter=Q(walk_in=True)),
    )
    return DoorCounts(expected=conference.expected_audience, **totals)


@dataclass(frozen=True)
class DoorRow:
    """A person at the door, with their attendance of the conference if any."""

    person: Person
    attendance: Attendance | None
    class_name: str = ""
    school: School | None = None

    @classmethod
    def of(cls, attendance):
        return cls(
            attendance.person, attendance, attendance.class_name, attendance.school
        )

    @property
    def present(self):
        return self.attendance is not None and self.attendance.present


def door_list(conference):
    """The conference's whole list, alphabetical, for the door and the sheets."""
    return person_order(
        conference.attendances.select_related("person", "school"), "person__"
    )


def door_listed(conference, query, limit=DOOR_LISTED):
    """Up to ``limit + 1`` rows of the list whose name matches every word of
    ``query``, without diacritics or case."""
    attendances = door_list(conference).filter(
        person__in=Person.objects.search(query).values("pk")
    )
    return [DoorRow.of(attendance) for attendance in attendances[: limit + 1]]


def _edition_class(conference):
    """The class of the person's latest attendance in the conference's edition."""
    return Subquery(
        Attendance.objects.filter(
            person=OuterRef("pk"), conference__edition_id=conference.edition_id
        )
        .order_by("-conference__date", "-pk")
        .values("class_name")[:1]
    )


def door_looks_beyond_list(query):
    """Whether ``query`` is long enough to look for people not on the list.

    A single letter would list half the edition.
    """
    return len("".join(query.split())) >= DOOR_OTHERS_MIN_LETTERS


def door_others(conference, query, limit=DOOR_OTHERS):
    """Up to ``limit + 1`` people not on the list matching every word of ``query``.

    They attended another conference of the edition, or are pupils of the
    conference's school; nobody when the query is too short for that.
    """
    if not door_looks_beyond_list(query):
        return []
    known = Attendance.objects.filter(person=OuterRef("pk")).filter(
        Q(conference__edition_id=conference.edition_id)
        | Q(school_id=conference.school_id)
        | Q(school__isnull=True, conference__school_id=conference.school_id)
    )
    listed = Attendance.objects.filter(person=OuterRef("pk"), conference=conference)
    people = (
        Person.objects.active()
        .filter(anonymised_at__isnull=True)
        .search(query)
        .filter(Exists(known))
        .exclude(Exists(listed))
        .annotate(edition_class=_edition_class(conference))
    )
    people = person_order(people)
    return [
        DoorRow(person, None, person.edition_class or "")
        for person in people[: limit + 1]
    ]


def door_row(conference, person_id):
    """The row of one person at the door, or None when nobody has that id."""
    attendance = door_list(conference).filter(person_id=person_id).first()
    if attendance is not None:
        return DoorRow.of(attendance)
    person = (
        Person.objects.active()
        .filter(pk=person_id)
        .annotate(edition_class=_edition_class(conference))
        .first()
    )
    if person is None:
        return None
    return DoorRow(person, None, person.edition_class or "")
