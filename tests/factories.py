"""Plain builders for test data: each returns a saved object with sane defaults."""

import datetime
import itertools
from decimal import Decimal

from cohorts.choices import MemberStatus
from cohorts.models import CohortMember, Conference, Module, School, Workshop
from competition.models import Assignment, Criterion, Final, Finalist, Juror
from mentorship.models import Mentor, MentorGroup, Startup
from vsfa.models import Edition, Person, User

_seq = itertools.count(1)

DEFAULT_CRITERIA = [
    ("Problem and customer validation", Decimal("20")),
    ("Solution and innovation", Decimal("20")),
    ("Market and business model", Decimal("20")),
    ("Financial feasibility", Decimal("15")),
    ("Team and learning", Decimal("15")),
    ("Pitch delivery and answers", Decimal("10")),
]


def make_edition(name=None, *, current=True, **fields):
    number = next(_seq)
    return Edition.objects.create(
        name=name or f"{2026 + number}/{2027 + number}",
        starts_on=fields.pop("starts_on", datetime.date(2026, 9, 1)),
        ends_on=fields.pop("ends_on", datetime.date(2028, 3, 31)),
        is_current=current,
        **fields,
    )


def make_user(*roles, email=None, full_name="", password="correct-horse-battery"):
    number = next(_seq)
    flags = {f"is_{role}": True for role in roles}
    return User.objects.create_user(
        email=email or f"user{number}@example.org",
        password=password,
        full_name=full_name or f"User {number}",
        **flags,
    )


def make_person(given_name="Ana", family_name=None, **fields):
    return Person.objects.create(
        given_name=given_name,
        family_name=family_name or f"Popescu{next(_seq)}",
        **fields,
    )


def make_school(name=None):
    return School.objects.create(name=name or f"Colegiul Tehnic {next(_seq)}")


# Shown by their short name where they have one, in Romanian order: Caragiani,
# Airinei, Seminarul, Școala, Tudor. Ordered by full name Airinei would come
# first.
SCHOOLS_TO_ORDER = [
    ("Tudor Vianu", ""),
    ("Colegiul Tehnic de Poștă Gheorghe Airinei", "CT Gheorghe Airinei"),
    ("Colegiul Tehnic nr. 2 Elena Caragiani", "CT Elena Caragiani"),
    ("Școala Gimnazială nr. 5", "Școala Gimnazială 5"),
    ("Seminarul Teologic", ""),
]


def make_schools_to_order():
    """The schools of ``SCHOOLS_TO_ORDER``, in that (unsorted) order."""
    return [
        School.objects.create(name=name, short_name=short_name)
        for name, short_name in SCHOOLS_TO_ORDER
    ]


def make_conference(edition, school=None, **fields):
    return Conference.objects.create(
        edition=edition,
        school=school or make_school(),
        date=fields.pop("date", datetime.date(2026, 10, 15)),
        **fields,
    )


def make_member(edition, person=None, status=MemberStatus.SELECTED, **fields):
    return CohortMember.objects.create(
        edition=edition, person=person or make_person(), status=status, **fields
    )


def make_participant(edition, **person_fields):
    """A cohort member with an account, as a participant signs in."""
    user = make_user("participant")
    person = make_person(user=user, **person_fields)
    return make_member(edition, person=person)


def make_module(edition, number=None, title="Module"):
    return Module.objects.create(
        edition=edition, number=number or next(_seq), title=title
    )


def make_workshop(edition, **fields):
    return Workshop.objects.create(
        edition=edition,
        title=fields.pop("title", "Workshop"),
        starts_at=fields.pop(
            "starts_at", datetime.datetime(2027, 3, 10, 16, 0, tzinfo=datetime.UTC)
        ),
        **fields,
    )


def make_mentor(user=None, company="Acme SRL"):
    return Mentor.objects.create(user=user or make_user("mentor"), company=company)


def make_group(edition, mentors=(), members=(), name=None):
    group = MentorGroup.objects.create(
        edition=edition, name=name or f"Grupa {next(_seq)}"
    )
    group.mentors.set(mentors)
    group.members.set(members)
    return group


def make_final(edition, criteria=DEFAULT_CRITERIA, **fields):
    final = Final.objects.create(
        edition=edition,
        title=fields.pop("title", "Finala"),
        date=fields.pop("date", datetime.date(2027, 9, 20)),
        **fields,
    )
    for order, (name, weight) in enumerate(criteria, start=1):
        Criterion.objects.create(final=final, order=order, name=name, weight=weight)
    return final


def make_finalist(final, members=(), name=None, pitch_order=None):
    finalist = Finalist.objects.create(
        final=final,
        name=name or f"Echipa {next(_seq)}",
        pitch_order=pitch_order or next(_seq),
    )
    finalist.members.set(members)
    return finalist


def make_juror(final, user=None):
    return Juror.objects.create(final=final, user=user or make_user("juror"))


def assign(juror, finalist):
    return Assignment.objects.create(juror=juror, finalist=finalist)


def make_startup(edition, founders=(), **fields):
    startup = Startup.objects.create(
        edition=edition,
        name=fields.pop("name", f"Startup {next(_seq)} SRL"),
        cui=fields.pop("cui", str(next(_seq))),
        caen_code=fields.pop("caen_code", "6201"),
        registration_date=fields.pop("registration_date", datetime.date(2027, 10, 1)),
        **fields,
    )
    for person in founders:
        startup.founders.add(person)
    return startup
