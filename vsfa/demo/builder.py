"""Build the demo edition: one edition walked through all four stages.

The edition is placed in time so that, on the day it is loaded, every stage
has happened: the conferences, the training and the final are over, the
startups are registered and their first check-ins are due. Everything else
comes from one seeded ``random.Random``, so the same day gives the same data.

Writes go through the apps' services, so the demo obeys the same rules as
the pages. The volume rows (1,500 people, their attendances, module
completions and jury scores) are bulk-inserted with the models instead:
through the one-at-a-time services they would take minutes, and their
services would date them today rather than on the demo's calendar.
"""

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from stdnum.ro import cui as stdnum_cui
from stdnum.ro import onrc as stdnum_onrc

from cohorts import services as cohort_services
from cohorts.choices import MemberStatus, WorkshopStatus
from cohorts.models import (
    Attendance,
    CohortMember,
    Conference,
    Module,
    ModuleCompletion,
    School,
    Workshop,
)
from competition import selectors as competition_selectors
from competition import services as competition_services
from competition.models import Criterion, Juror, Score, ScoreSheet
from competition.services_jury import declare_conflicts
from mentorship import services as mentorship_services
from mentorship.choices import LegalForm, RevenueBand, StartupStatus
from mentorship.models import CheckIn
from vsfa import services as vsfa_services
from vsfa.choices import Gender
from vsfa.demo import data, evidence, training, workshops
from vsfa.demo.identifiers import make_cui, make_trade_register_number
from vsfa.models import Person, User
from vsfa.text import canonical, fold

SEED = 20262027
PASSWORD = "vsfa-demo-parola"  # noqa: S105 -- printed on screen on purpose: demo accounts on a developer's machine only
PEOPLE = 1500
VISITORS = 120  # attendees who also go to a second school's conference
PER_SCHOOL_WAITLISTED = 1

HIGH, MEDIUM, AT_RISK = "high", "medium", "at_risk"
# Workshop statuses by engagement: present, late, excused, absent.
WORKSHOP_ODDS = {
    HIGH: (85, 8, 5, 2),
    MEDIUM: (65, 10, 15, 10),
    AT_RISK: (35, 10, 20, 35),
}
SESSION_ODDS = {HIGH: 0.9, MEDIUM: 0.75, AT_RISK: 0.45}
ATTENDED = (WorkshopStatus.PRESENT, WorkshopStatus.LATE)


def demo_logins():
    """(role, e-mail) of the accounts the demo prints, all with ``PASSWORD``."""
    return [
        ("organiser", data.ORGANISER[0]),
        ("mentor", data.MENTORS[0][0]),
        ("jury member", data.JURORS[0][0]),
        ("participant", data.PARTICIPANT_EMAIL),
        ("admin (superuser)", data.ADMIN[0]),
    ]


def demo_emails():
    return (
        [data.ORGANISER[0], data.ADMIN[0], data.PARTICIPANT_EMAIL]
        + [row[0] for row in data.MENTORS]
        + [row[0] for row in data.JURORS]
    )


def first_weekday_on_or_after(day, weekday):
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


@dataclass
class Calendar:
    """The demo edition's dates, derived from the day it is loaded.

    The edition starts on 1 October; the conferences run October to March,
    the training April to September, the final is early the next October and
    the startups register within three weeks of it. The latest edition whose
    startups' first check-ins are all due before ``today`` is chosen.
    """

    today: datetime.date
    start_year: int = field(init=False)

    def __post_init__(self):
        year = self.today.year
        self.start_year = (
            year - 1 if self.today >= datetime.date(year, 12, 1) else year - 2
        )

    @property
    def name(self):
        return f"{self.start_year}/{self.start_year + 1}"

    @property
    def starts_on(self):
        return datetime.date(self.start_year, 10, 1)

    @property
    def ends_on(self):
        return datetime.date(self.start_year + 2, 4, 30)

    @property
    def training_starts_on(self):
        return datetime.date(self.start_year + 1, 4, 1)

    @property
    def training_ends_on(self):
        return datetime.date(self.start_year + 1, 9, 30)

    @property
    def final_on(self):
        return first_weekday_on_or_after(datetime.date(self.start_year + 1, 10, 1), 5)

    def conference_dates(self, count, rng):
        """``count`` school days from early October to late March, in order,
        none in the winter holiday."""
        first = datetime.date(self.start_year, 10, 5)
        last = datetime.date(self.start_year + 1, 3, 27)
        holiday = (
            datetime.date(self.start_year, 12, 20),
            datetime.date(self.start_year + 1, 1, 8),
        )
        school_days = [
            first + datetime.timedelta(days=offset)
            for offset in range((last - first).days + 1)
        ]
        school_days = [
            day
            for day in school_days
            if day.weekday() < 5 and not holiday[0] <= day <= holiday[1]
        ]
        step = len(school_days) / count
        return [
            school_days[int(index * step + rng.uniform(0, step * 0.6))]
            for index in range(count)
        ]

    def at(self, day, hour, minute=0):
        return timezone.make_aware(
            datetime.datetime.combine(day, datetime.time(hour, minute))
        )


class DemoBuilder:
    """Creates the demo edition; call :meth:`build` inside a transaction."""

    def __init__(self, *, today):
        self.rng = random.Random(SEED)
        self.calendar = Calendar(today)
        self.used_emails = set()
        self.used_phones = set()

    # Entry point

    @transaction.atomic
    def build(self):
        self._accounts()
        self._edition()
        self._conferences()
        self._attendees()
        self._selection()
        self._engagement()
        self._training()
        self._mentoring()
        workshops.add_room_codes_and_ratings(self)
        training.add_signatory_and_people_at_risk(self)
        evidence.add_pending_evidence(self)
        self._final()
        self._startups()
        self._checkins()
        return self.edition

    # Accounts and the edition

    def _user(self, email, full_name, **flags):
        user = User(email=email, full_name=full_name, **flags)
        user.password = self.password_hash
        user.save()
        return user

    def _accounts(self):
        # Every demo account gets a password before the services see it, so
        # that giving it a role sends no invitation e-mail. One hash serves
        # them all: hashing is deliberately slow, and these are demo accounts.
        self.password_hash = make_password(PASSWORD)
        self.organiser = self._user(*data.ORGANISER, is_organiser=True)
        self._user(*data.ADMIN, is_organiser=True, is_staff=True, is_superuser=True)
        self.participant_user = self._user(data.PARTICIPANT_EMAIL, "")
        self.mentor_users = [
            self._user(email, name) for email, name, *_rest in data.MENTORS
        ]
        self.juror_users = [self._user(email, name) for email, name, _ in data.JURORS]

    def _edition(self):
        cal = self.calendar
        self.edition = vsfa_services.create_edition(
            actor=self.organiser,
            name=cal.name,
            starts_on=cal.starts_on,
            ends_on=cal.ends_on,
            make_current=True,
        )
        cohort_services.set_up_curriculum(edition=self.edition)
        self.modules = list(
            Module.objects.filter(edition=self.edition).order_by("number")
        )

    # Stage 1: conferences and attendees

    def _conferences(self):
        rng = self.rng
        self.schools = []
        for name, short_name in data.SCHOOLS:
            school = School.objects.filter(name=name).first()
            if school is None:
                school = cohort_services.save_school(
                    actor=self.organiser,
                    school=School(
                        name=name,
                        short_name=short_name,
                        address="București, Sectorul 6",
                    ),
                )
            self.schools.append(school)

        order = list(self.schools)
        rng.shuffle(order)
        dates = self.calendar.conference_dates(len(order), rng)
        guests = list(data.GUESTS)
        rng.shuffle(guests)
        self.conference_of = {}
        for index, (school, day) in enumerate(zip(order, dates, strict=True)):
            conference = cohort_services.save_conference(
                actor=self.organiser,
                conference=Conference(
                    edition=self.edition,
                    school=school,
                    date=day,
                    venue=rng.choice(data.VENUES),
                    expected_audience=rng.randrange(90, 131, 5),
                ),
                guests=[
                    {"name": name, "company": company}
                    for name, company in guests[2 * index : 2 * index + 2]
                ],
            )
            self.conference_of[school.pk] = conference

    def _gender(self):
        roll = self.rng.random()
        if roll < 0.505:
            return Gender.FEMALE
        if roll < 0.975:
            return Gender.MALE
        if roll < 0.985:
            return Gender.NON_BINARY
        return Gender.UNKNOWN

    def _given_name(self, gender):
        if gender == Gender.FEMALE:
            return self.rng.choice(data.FEMALE_NAMES)
        if gender == Gender.MALE:
            return self.rng.choice(data.MALE_NAMES)
        return self.rng.choice(data.FEMALE_NAMES + data.MALE_NAMES)

    def _family_name(self):
        name = self.rng.choice(data.FAMILY_NAMES)
        if "-" not in name and self.rng.random() < 0.03:
            name = f"{name}-{self.rng.choice(data.FAMILY_NAMES)}"
        return name

    def _birth_date(self, grade_index, conference_dates):
        """A birth date matching the class, aged 14 to 19 at every conference."""
        rng = self.rng
        while True:
            # Pupils in the 9th grade in October of year Y were mostly born in
            # Y-15; some are a year older (a late start or a repeated year).
            year = self.calendar.start_year - 15 - grade_index - (rng.random() < 0.12)
            day = datetime.date(year, 1, 1) + datetime.timedelta(
                days=rng.randrange(365)
            )
            ages = [_age_on(day, conference) for conference in conference_dates]
            if all(14 <= age <= 19 for age in ages):
                return day

    def _email(self, given, family):
        local = f"{fold(given)}.{fold(family)}".replace(" ", "")
        while True:
            domain = self.rng.choice(["example.org", "example.com", "example.net"])
            email = f"{local}{self.rng.randrange(10, 100)}@{domain}"
            if email not in self.used_emails:
                self.used_emails.add(email)
                return email

    def _phone(self):
        while True:
            digits = "".join(str(self.rng.randrange(10)) for _ in range(7))
            phone = f"+40 7{self.rng.choice('2345678')}{digits[0]} {digits[1:4]} {digits[4:]}"
            if phone not in self.used_phones:
                self.used_phones.add(phone)
                return phone

    def _attendees(self):
        rng = self.rng
        schools = self.schools
        homes = [schools[index % len(schools)] for index in range(PEOPLE)]
        rng.shuffle(homes)
        visitors = set(rng.sample(range(PEOPLE), VISITORS))

        people, plans = [], []
        for index, home in enumerate(homes):
            conferences = [self.conference_of[home.pk]]
            if index in visitors:
                other = rng.choice([school for school in schools if school != home])
                conferences.append(self.conference_of[other.pk])
            grade_index = rng.choices(range(4), weights=(28, 26, 24, 22))[0]
            gender = self._gender()
            given = canonical(self._given_name(gender))
            family = canonical(self._family_name())
            birth_date = self._birth_date(
                grade_index, [conference.date for conference in conferences]
            )
            people.append(
                # Person.save() is bypassed by bulk_create: do what it does.
                Person(
                    given_name=given,
                    family_name=family,
                    search_name=fold(f"{given} {family}"),
                    birth_date=birth_date,
                    gender=gender,
                    email=self._email(given, family) if rng.random() < 0.35 else "",
                    phone=self._phone() if rng.random() < 0.6 else "",
                )
            )
            class_name = f"{data.GRADES[grade_index]} {rng.choice(data.CLASS_LETTERS)}"
            plans.append((home, conferences, class_name, grade_index))

        Person.objects.bulk_create(people, batch_size=500)
        attendances = []
        for person, (home, conferences, class_name, _grade) in zip(
            people, plans, strict=True
        ):
            for conference in conferences:
                attendances.append(
                    Attendance(
                        conference=conference,
                        person=person,
                        # As the app records it: the pupil's school only
                        # when it is not the conference's.
                        school=None if conference.school_id == home.pk else home,
                        class_name=class_name,
                    )
                )
        Attendance.objects.bulk_create(attendances, batch_size=500)
        self.people = people
        self.home_of = {
            person.pk: plan[0] for person, plan in zip(people, plans, strict=True)
        }
        self.grade_of = {
            person.pk: plan[3] for person, plan in zip(people, plans, strict=True)
        }

    # Stage 2: selection, training and mentoring

    def _selection(self):
        """Five selected per school (three of them young women), one waiting.

        The plan's inclusion aim shows in the choice: women are over-represented
        in the cohort compared with the attendees, and each school sends at least
        one pupil in the 12th grade.
        """
        rng = self.rng
        selected, waitlisted = [], []
        by_school = {school.pk: [] for school in self.schools}
        for person in self.people:
            by_school[self.home_of[person.pk].pk].append(person)
        for number, school in enumerate(self.schools):
            pool = list(by_school[school.pk])
            rng.shuffle(pool)
            women = [p for p in pool if p.gender == Gender.FEMALE]
            men = [p for p in pool if p.gender == Gender.MALE]
            others = [p for p in pool if p.gender not in (Gender.FEMALE, Gender.MALE)]
            senior = next(p for p in women if self.grade_of[p.pk] == 3)
            chosen = [senior] + [p for p in women if p is not senior][:2]
            chosen += men[:1] + (others[:1] if number % 5 == 0 and others else men[1:2])
            selected += chosen
            rest = [p for p in pool if p not in chosen]
            waitlisted += rest[:PER_SCHOOL_WAITLISTED]

        for person in selected:
            cohort_services.select_member(
                actor=self.organiser, edition=self.edition, person=person
            )
        rng.shuffle(waitlisted)
        for person in waitlisted:
            cohort_services.waitlist_member(
                actor=self.organiser, edition=self.edition, person=person
            )
        # Decided once the last conference was over, not on the day of loading.
        decided = self.calendar.at(
            self.calendar.training_starts_on, 12
        ) - datetime.timedelta(days=4)
        CohortMember.objects.filter(edition=self.edition).update(decided_at=decided)
        self.members = list(
            CohortMember.objects.filter(
                edition=self.edition, status=MemberStatus.SELECTED
            )
            .select_related("person")
            .order_by("pk")
        )
        self.seniors = [
            member
            for member in self.members
            if member.person.gender == Gender.FEMALE
            and self.grade_of[member.person_id] == 3
        ]

    def _engagement(self):
        """Choose the finalists' teams and how engaged everyone else is."""
        rng = self.rng
        final_on = self.calendar.final_on
        self.participant_member = self.seniors[0]
        adults = [
            member
            for member in self.members
            if member.person.age_on(final_on) >= 18
            and member is not self.participant_member
        ]
        rng.shuffle(adults)
        # Each finalist has an adult first member, who can found its startup;
        # the demo participant leads the second project.
        leads = adults[:9]
        leads.insert(1, self.participant_member)
        others = [member for member in self.members if member not in leads]
        rng.shuffle(others)
        self.teams = []
        for lead, row in zip(leads, data.FINALISTS, strict=True):
            size = row[2]
            team = [lead] + [others.pop() for _ in range(size - 1)]
            self.teams.append(team)
        finalists = {member.pk for team in self.teams for member in team}
        self.engagement = {}
        for member in self.members:
            if member.pk in finalists:
                self.engagement[member.pk] = HIGH
            else:
                self.engagement[member.pk] = rng.choices(
                    (HIGH, MEDIUM, AT_RISK), weights=(45, 35, 20)
                )[0]

        # The demo participant signs in: the service links the account,
        # found by the e-mail address now on the person.
        person = self.participant_member.person
        person.email = data.PARTICIPANT_EMAIL
        person.save()
        cohort_services.invite_member(
            actor=self.organiser, member=self.participant_member
        )

    def _training(self):
        rng, cal = self.rng, self.calendar
        completions = []
        for member in self.members:
            level = self.engagement[member.pk]
            if level == HIGH:
                count = rng.choice((12, 13, 13))
            elif level == MEDIUM:
                count = rng.randint(9, 12)
            else:
                count = rng.randint(2, 8)
            for module in self.modules[:count]:
                month_start = mentorship_services.add_months(
                    cal.training_starts_on, (module.due_month or 1) - 1
                )
                day = month_start + datetime.timedelta(days=rng.randrange(40))
                completions.append(
                    ModuleCompletion(
                        member=member,
                        module=module,
                        completed_on=min(day, cal.training_ends_on),
                        recorded_by=self.organiser,
                    )
                )
        ModuleCompletion.objects.bulk_create(completions, batch_size=500)

        finalists = {member.pk for team in self.teams for member in team}
        for number, title in enumerate(data.WORKSHOPS):
            month = mentorship_services.add_months(cal.training_starts_on, number)
            # The second Saturday of each month of the training.
            day = first_weekday_on_or_after(month, 5) + datetime.timedelta(days=7)
            workshop = cohort_services.save_workshop(
                actor=self.organiser,
                workshop=Workshop(
                    edition=self.edition,
                    title=title,
                    starts_at=cal.at(day, 10),
                    place=data.WORKSHOP_PLACE,
                    capacity=80,
                ),
            )
            statuses = {}
            for member in self.members:
                status = rng.choices(
                    (
                        WorkshopStatus.PRESENT,
                        WorkshopStatus.LATE,
                        WorkshopStatus.EXCUSED,
                        WorkshopStatus.ABSENT,
                    ),
                    weights=WORKSHOP_ODDS[self.engagement[member.pk]],
                )[0]
                # Finalists completed the training: at most one workshop missed.
                if member.pk in finalists and status not in ATTENDED and number != 2:
                    status = WorkshopStatus.PRESENT
                statuses[member.pk] = status
            cohort_services.record_workshop_attendance(
                actor=self.organiser, workshop=workshop, statuses=statuses
            )

    def _mentoring(self):
        rng, cal = self.rng, self.calendar
        self.mentors = []
        for user, (_email, _name, company, expertise) in zip(
            self.mentor_users, data.MENTORS, strict=True
        ):
            mentor, _created = mentorship_services.add_mentor(
                actor=self.organiser,
                full_name=user.full_name,
                email=user.email,
                company=company,
                expertise=expertise,
            )
            self.mentors.append(mentor)

        members = [m for m in self.members if m is not self.participant_member]
        rng.shuffle(members)
        # The demo participant is in the demo mentor's group.
        members.insert(0, self.participant_member)
        size = len(members) // len(data.GROUPS)
        self.groups = []
        taken = 0
        for number, (name, mentor_count) in enumerate(
            zip(data.GROUPS, data.GROUP_MENTOR_COUNTS, strict=True)
        ):
            group_members = members[number * size : (number + 1) * size]
            group = mentorship_services.save_group(
                actor=self.organiser,
                edition=self.edition,
                name=name,
                mentors=self.mentors[taken : taken + mentor_count],
                members=group_members,
            )
            taken += mentor_count
            self.groups.append(
                (group, self.mentors[taken - mentor_count : taken], group_members)
            )

        for number, (group, mentors, group_members) in enumerate(self.groups):
            for session_number, (topics, notes, follow_ups) in enumerate(
                data.SESSION_TOPICS
            ):
                month = mentorship_services.add_months(
                    cal.training_starts_on, session_number + 1
                )
                # Each group meets on its own weekday, in the third week.
                day = first_weekday_on_or_after(
                    month + datetime.timedelta(days=14), number % 4
                )
                attendees = [
                    member
                    for member in group_members
                    if rng.random() < SESSION_ODDS[self.engagement[member.pk]]
                ]
                mentor = mentors[session_number % len(mentors)]
                mentorship_services.log_session(
                    actor=mentor.user,
                    group=group,
                    mentor=mentor,
                    starts_at=cal.at(day, 17),
                    duration_minutes=rng.choice((90, 90, 120)),
                    topics=topics,
                    attendees=attendees,
                    notes=notes,
                    follow_ups=follow_ups,
                )

    # Stage 3: the final

    def _final(self):
        rng, cal = self.rng, self.calendar
        final = competition_services.create_final(
            actor=self.organiser,
            edition=self.edition,
            title=f"Finala „Vreau să fiu antreprenor” {self.edition.name}",
            date=cal.final_on,
            venue="Sala de consiliu a Primăriei Sectorului 6",
        )
        existing = list(final.criteria.order_by("order"))
        competition_services.replace_criteria(
            actor=self.organiser,
            final=final,
            rows=[
                {
                    "pk": criterion.pk,
                    "order": order,
                    "name": name,
                    "description": description,
                    "weight": Decimal(weight),
                }
                for order, (criterion, (name, description, weight)) in enumerate(
                    zip(existing, data.CRITERIA, strict=True), start=1
                )
            ],
        )
        pitch_orders = list(range(1, len(self.teams) + 1))
        rng.shuffle(pitch_orders)
        self.finalists = []
        for team, row, pitch_order in zip(
            self.teams, data.FINALISTS, pitch_orders, strict=True
        ):
            project, summary = row[0], row[1]
            finalist = competition_services.add_finalist(
                actor=self.organiser,
                final=final,
                # A finalist alone pitches under their own name.
                name=project if len(team) > 1 else "",
                summary=summary if len(team) > 1 else f"{project}: {summary}",
                pitch_order=pitch_order,
                members=team,
            )
            self.finalists.append(finalist)
        for user, (_email, _name, affiliation) in zip(
            self.juror_users, data.JURORS, strict=True
        ):
            competition_services.invite_juror(
                actor=self.organiser,
                final=final,
                full_name=user.full_name,
                email=user.email,
                affiliation=affiliation,
            )
        competition_services.assign_everyone(actor=self.organiser, final=final)
        self._declarations(final)
        self._scores(final)

        ranking = competition_selectors.ranking(final)
        for (name, place, amount), row in zip(data.PRIZES, ranking.rows, strict=False):
            competition_services.create_prize(
                actor=self.organiser,
                final=final,
                name=name,
                place=place,
                amount_lei=Decimal(amount),
                finalist=row.finalist,
            )

    def _declarations(self, final):
        """Every juror declared no conflict of interest on the morning of the
        final: a juror scores only once declared, and the demo's have scored."""
        for juror in Juror.objects.filter(final=final).select_related("final"):
            declare_conflicts(actor=juror.user, juror=juror)
        Juror.objects.filter(final=final).update(
            conflicts_declared_at=self.calendar.at(self.calendar.final_on, 9, 30)
        )

    def _scores(self, final):
        """Most sheets submitted on the day of the final; the demo juror still
        has two drafts and one pitch not started, to try scoring."""
        rng, cal = self.rng, self.calendar
        criteria = list(Criterion.objects.filter(final=final).order_by("order"))
        quality = {finalist.pk: rng.uniform(2.4, 4.6) for finalist in self.finalists}
        strictness = {user.pk: rng.uniform(-0.5, 0.4) for user in self.juror_users}
        demo_juror = self.juror_users[0]
        sheets = list(
            ScoreSheet.objects.filter(assignment__finalist__final=final)
            .select_related("assignment__juror", "assignment__finalist")
            .order_by(
                "assignment__finalist__pitch_order", "assignment__juror__user__email"
            )
        )
        demo_sheets = [s for s in sheets if s.assignment.juror.user_id == demo_juror.pk]
        drafts = {sheet.pk for sheet in demo_sheets[-3:-1]}
        untouched = {demo_sheets[-1].pk}

        scores, submitted = [], []
        for sheet in sheets:
            if sheet.pk in untouched:
                continue
            finalist = sheet.assignment.finalist
            bias = strictness[sheet.assignment.juror.user_id]
            scored = (
                criteria if sheet.pk not in drafts else criteria[: rng.randint(2, 4)]
            )
            for criterion in scored:
                value = round(quality[finalist.pk] + bias + rng.gauss(0, 0.7))
                scores.append(
                    Score(sheet=sheet, criterion=criterion, value=max(1, min(5, value)))
                )
            if sheet.pk not in drafts:
                sheet.submitted_at = cal.at(
                    cal.final_on, rng.randint(11, 15), rng.randrange(60)
                )
                sheet.comment = rng.choice(data.SHEET_COMMENTS)
                submitted.append(sheet)
        Score.objects.bulk_create(scores, batch_size=500)
        ScoreSheet.objects.bulk_update(submitted, ["submitted_at", "comment"])

    # Stage 4: startups and check-ins

    def _startups(self):
        rng, cal = self.rng, self.calendar
        mentors = self.mentors
        startups = []
        used_cui = set()
        for number, (team, row) in enumerate(
            zip(self.teams, data.FINALISTS, strict=True)
        ):
            _project, _summary, _size, legal_form, caen, company = row
            registered_on = cal.final_on + datetime.timedelta(days=rng.randint(5, 21))
            founders = [
                member.person
                for member in team
                if member.person.age_on(registered_on) >= 18
            ]
            if legal_form == LegalForm.PFA:
                founders = founders[:1]
                person = founders[0]
                company = f"{person.family_name} {person.given_name} PFA"
            while True:
                cui = make_cui(rng.randint(5_200_000, 5_399_999))
                if cui not in used_cui:
                    used_cui.add(cui)
                    break
            trade_register = make_trade_register_number(
                "F" if legal_form == LegalForm.PFA else "J",
                registered_on.year,
                rng.randint(10_000, 199_999),
            )
            # The demo's numbers are computed, so check them as the app would.
            if not stdnum_cui.is_valid(cui) or not stdnum_onrc.is_valid(trade_register):
                raise ValueError(f"Invalid demo identifiers: {cui}, {trade_register}")
            if number == 1:
                # The demo participant's startup is mentored by the demo mentor.
                startup_mentors = [mentors[0]]
            elif number == 4:
                # The demo mentor has a second startup, which they co-mentor.
                startup_mentors = [mentors[0], mentors[5]]
            else:
                startup_mentors = rng.sample(mentors[1:], rng.choice((1, 1, 2)))
            capital = {
                LegalForm.SRL: Decimal(rng.choice((500, 1000, 2000, 5000))),
                LegalForm.SRL_D: Decimal(500),
                LegalForm.PFA: None,
            }[legal_form]
            startup = mentorship_services.register_startup(
                actor=self.organiser,
                edition=self.edition,
                founders=founders,
                mentors=startup_mentors,
                name=company,
                legal_form=legal_form,
                # One typed with the RO prefix, as on an invoice.
                cui=f"RO{cui}" if number == 3 else cui,
                trade_register_number=trade_register,
                caen_code=caen,
                caen_revision=3,
                registration_date=registered_on,
                share_capital=capital,
            )
            startups.append((startup, startup_mentors))
        self.startups = startups

    def _checkins(self):
        """The check-ins due so far are recorded by a mentor, but for two."""
        rng, today = self.rng, self.calendar.today
        startups = self.startups
        past = [
            (startup, checkin)
            for startup, _mentors in startups
            for checkin in CheckIn.objects.filter(
                startup=startup, due_on__lt=today
            ).order_by("number")
        ]
        # A couple of the latest check-ins are late: nobody recorded them yet.
        latest = {}
        for startup, checkin in past:
            latest[startup.pk] = checkin
        overdue = {
            checkin.pk
            for checkin in rng.sample(sorted(latest.values(), key=lambda c: c.pk), 2)
        }
        mentor_of = {
            startup.pk: startup_mentors for startup, startup_mentors in startups
        }
        jobs = {startup.pk: rng.randint(0, 1) for startup, _mentors in startups}
        for startup, checkin in past:
            if checkin.pk in overdue:
                continue
            jobs[startup.pk] += rng.choice((0, 0, 1, 1, 2))
            done_on = checkin.due_on + datetime.timedelta(days=rng.randint(-3, 6))
            done_on = max(startup.registration_date, min(done_on, today))
            if checkin.number == 1:
                band = rng.choice(
                    (RevenueBand.NONE, RevenueBand.NONE, RevenueBand.UNDER_10K)
                )
            else:
                band = rng.choice(
                    (
                        RevenueBand.UNDER_10K,
                        RevenueBand.UNDER_10K,
                        RevenueBand.UNDER_50K,
                    )
                )
            # One company pauses after its second month (seen on later days).
            status = (
                StartupStatus.PAUSED
                if startup.pk == startups[6][0].pk and checkin.number > 2
                else StartupStatus.ACTIVE
            )
            mentorship_services.record_checkin(
                actor=mentor_of[startup.pk][0].user,
                checkin=checkin,
                done_on=done_on,
                status=status,
                jobs_created=jobs[startup.pk],
                revenue_band=band,
                notes=rng.choice(data.CHECKIN_NOTES),
            )


def _age_on(birth_date, day):
    """As ``Person.age_on``, for people not created yet."""
    return (
        day.year
        - birth_date.year
        - ((day.month, day.day) < (birth_date.month, birth_date.day))
    )
