"""Test builders for the indicators and the personal-data pages."""

import datetime
import itertools
from dataclasses import dataclass

from django.contrib.messages import get_messages
from django.utils import translation
from django.utils.translation import gettext

from cohorts import services as cohort_services
from cohorts.choices import MemberStatus
from cohorts.models import Attendance
from mentorship.models import CheckIn
from tests import factories
from vsfa import privacy
from vsfa.choices import ConsentKind, Declared, Gender
from vsfa.services import merge_people

_seq = itertools.count(1)

HELD = datetime.date(2026, 10, 1)
LATER = datetime.date(2026, 11, 1)
PLANNED = datetime.date(2099, 1, 15)


def attend(conference, person, present=True, school=None, declared_age=None):
    return Attendance.objects.create(
        conference=conference,
        person=person,
        present=present,
        school=school,
        class_name="10A",
        declared_age=declared_age,
    )


def person(given_name=None, **fields):
    return factories.make_person(given_name or f"Elev{next(_seq)}", **fields)


def declare(subject, actor=None, **answers):
    """Self-declared answers given with explicit consent."""
    return privacy.save_sensitive(
        actor=actor,
        person=subject,
        answers=answers,
        consent={"given_by": subject.full_name, "evidence": "form 1"},
    )


@dataclass
class SmallEdition:
    """A hand-built edition whose every figure is known (see ``small_edition``)."""

    edition: object
    schools: tuple
    people: dict
    startup: object
    organiser: object


def small_edition(organiser, name="2026/2027"):
    """Seven people through one edition, with the usual traps.

    - Ana (woman, 16 at entry) attended both held conferences: counts once.
    - Bogdan (man, 18) and Gina (woman, 20) were selected, completed, pitched
      as one team and founded one startup together.
    - Carmen (non-binary, age unknown) was typed twice, once per conference,
      and the two records were merged: counts once.
    - Dan (man, 19) was selected, then withdrew: in the cohort, not completed.
    - Elena (woman, 15) waited on the list, then withdrew: not in the cohort.
    - Florin was on a class list but absent: not reached.
    - A third conference is planned for 2099: not held.

    The edition asks no module and has no workshop, so every selected member
    completes.
    """
    edition = factories.make_edition(
        name, min_modules_completed=0, starts_on=datetime.date(2026, 9, 1)
    )
    north, south = (
        factories.make_school("Liceul Nord"),
        factories.make_school("Liceul Sud"),
    )
    first = factories.make_conference(edition, north, date=HELD)
    second = factories.make_conference(edition, south, date=LATER)
    factories.make_conference(edition, north, date=PLANNED)

    ana = person("Ana", gender=Gender.FEMALE, birth_date=datetime.date(2010, 5, 1))
    bogdan = person("Bogdan", gender=Gender.MALE, birth_date=datetime.date(2008, 1, 1))
    carmen = person("Carmen", gender=Gender.NON_BINARY)
    carmen_twin = person("Carmen", gender=Gender.NON_BINARY)
    dan = person("Dan", gender=Gender.MALE, birth_date=datetime.date(2007, 6, 1))
    elena = person("Elena", gender=Gender.FEMALE, birth_date=datetime.date(2011, 1, 1))
    florin = person("Florin", gender=Gender.MALE)
    gina = person("Gina", gender=Gender.FEMALE, birth_date=datetime.date(2006, 3, 3))

    attend(first, ana)
    attend(second, ana)
    attend(first, bogdan)
    attend(first, carmen)
    attend(second, carmen_twin)
    attend(second, dan)
    attend(first, elena)
    attend(first, florin, present=False)
    attend(second, gina)
    merge_people(actor=organiser, keep=carmen, remove=carmen_twin)

    select = cohort_services.select_member
    member_b = select(actor=organiser, edition=edition, person=bogdan)
    member_g = select(actor=organiser, edition=edition, person=gina)
    member_d = select(actor=organiser, edition=edition, person=dan)
    cohort_services.withdraw_member(actor=organiser, member=member_d, reason="Moved")
    member_e = cohort_services.waitlist_member(
        actor=organiser, edition=edition, person=elena
    )
    cohort_services.withdraw_member(actor=organiser, member=member_e, reason="No time")

    final = factories.make_final(edition, date=datetime.date(2026, 11, 20))
    factories.make_finalist(final, members=[member_b, member_g], name="Echipa BG")
    startup = factories.make_startup(edition, founders=[bogdan, gina])
    CheckIn.objects.create(
        startup=startup,
        number=1,
        due_on=datetime.date(2026, 11, 25),
        done_on=datetime.date(2026, 11, 25),
        jobs_created=2,
    )
    CheckIn.objects.create(
        startup=startup,
        number=2,
        due_on=datetime.date(2026, 12, 1),
        done_on=datetime.date(2026, 12, 1),
        jobs_created=3,
    )
    CheckIn.objects.create(startup=startup, number=3, due_on=datetime.date(2027, 1, 1))
    people = {
        "ana": ana,
        "bogdan": bogdan,
        "carmen": carmen,
        "carmen_twin": carmen_twin,
        "dan": dan,
        "elena": elena,
        "florin": florin,
        "gina": gina,
    }
    for record in people.values():
        record.refresh_from_db()
    return SmallEdition(
        edition=edition,
        schools=(north, south),
        people=people,
        startup=startup,
        organiser=organiser,
    )


def crowd(edition, count, *, gender=Gender.FEMALE, conference=None, select=0):
    """``count`` people at one conference of ``edition``; the first ``select``
    of them in the cohort. Returns the people."""
    conference = conference or factories.make_conference(edition, date=HELD)
    people = []
    for index in range(count):
        someone = person(gender=gender, birth_date=datetime.date(2010, 1, 1))
        attend(conference, someone)
        if index < select:
            factories.make_member(edition, person=someone)
        people.append(someone)
    return people


def consent(subject, kind=ConsentKind.DATA_PROCESSING, actor=None, **fields):
    values = {"given_by": "Maria Popescu", "evidence": "Formular 12", **fields}
    if kind == ConsentKind.PHOTO:
        values.setdefault("scope", "Site-ul primăriei")
    return privacy.record_consent(actor=actor, person=subject, kind=kind, **values)


YES = Declared.YES
NO = Declared.NO
PREFER_NOT = Declared.PREFER_NOT
WAITLISTED = MemberStatus.WAITLISTED


def ro(text, **params):
    """``text`` as a Romanian page shows it, whether or not it is translated yet."""
    with translation.override("ro"):
        translated = gettext(text)
    return translated % params if params else translated


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]
