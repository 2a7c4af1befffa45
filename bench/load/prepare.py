"""The data and the signed-in users of a load run (runs inside Django).

    main(["PLAN.json", "USERS"])    # run by bench/load with Django started

On an empty database: the demo edition, then for the run

- jurors added to the demo final, every pitch assigned to each of them;
- a conference whose list of pupils nobody has checked in yet, for the staff
  at the door;
- accounts for the cohort's participants, and organisers;
- one signed-in session per simulated user, written with the rest of the
  plan to ``PLAN.json`` for the driver (which needs no Django).

Sessions are made directly rather than by signing in: password hashing is
slow by design and would measure the hasher, not the pages.
"""

import datetime
import json

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from bench import planner
from bench.multiply import ready_to_score
from cohorts.choices import MemberStatus
from cohorts.models import Attendance, CohortMember, Conference, School
from competition import services as competition_services
from competition.models import Assignment, Final, Juror
from vsfa.demo import data
from vsfa.demo.builder import DemoBuilder
from vsfa.models import Edition, Person, User

LOAD_SCHOOL = "Liceul Teoretic pentru Testul de Încărcare"
PUPILS_AT_THE_DOOR = 2400
# Shares of the simulated users, by what they do.
MIX = {"juror": 0.3, "staff": 0.2, "participant": 0.4, "organiser": 0.1}
INVITERS = 5


def role_counts(users):
    counts = {role: int(users * share) for role, share in MIX.items()}
    counts["participant"] += users - sum(counts.values())
    return counts


def _session(user):
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def _jurors(final, organiser, count):
    users = []
    for number in range(1, count + 1):
        juror, _created = competition_services.invite_juror(
            actor=organiser,
            final=final,
            full_name=f"Jurat de încărcare {number}",
            email=f"jurat.incarcare{number}@vsfa.test",
        )
        users.append(juror)
    competition_services.assign_everyone(actor=organiser, final=final)
    for juror in users:
        ready_to_score(juror)
    criteria = list(final.criteria.values_list("pk", flat=True))
    plans = []
    for juror in users:
        assignments = list(
            Assignment.objects.filter(juror=juror)
            .order_by("finalist__pitch_order")
            .values_list("pk", flat=True)
        )
        plans.append(
            {
                "user": juror.user,
                "data": {
                    "assignments": assignments,
                    "criteria": criteria,
                    "scale": [final.scale_min, final.scale_max],
                },
            }
        )
    return plans


def _door_conference(edition):
    """A conference whose registered pupils are all still to be checked in."""
    school, _ = School.objects.get_or_create(
        name=LOAD_SCHOOL, defaults={"short_name": "LT Încărcare"}
    )
    conference = Conference.objects.create(
        edition=edition,
        school=school,
        date=timezone.localdate(),
        expected_audience=PUPILS_AT_THE_DOOR,
    )
    people = Person.objects.bulk_create(
        [
            Person(
                given_name="Elev",
                family_name=f"Încărcare {number:04d}",
                search_name=f"elev incarcare {number:04d}",
                birth_date=datetime.date(2009, 1, 1)
                + datetime.timedelta(days=number % 900),
            )
            for number in range(PUPILS_AT_THE_DOOR)
        ]
    )
    Attendance.objects.bulk_create(
        [
            Attendance(conference=conference, person=person, present=False)
            for person in people
        ]
    )
    return conference, [person.pk for person in people]


def _staff(conference, people, count):
    """Each door keeper has a share of the list; neighbours overlap a little,
    as two phones at one door tap the same pupil now and then."""
    share = len(people) // count
    plans = []
    for number in range(count):
        user = User.objects.create(
            email=f"poarta{number + 1}@vsfa.test",
            full_name=f"Voluntar la intrare {number + 1}",
            is_organiser=True,
        )
        start = number * share
        mine = people[start : start + share] + people[start + share : start + share + 3]
        plans.append(
            {"user": user, "data": {"conference": conference.pk, "people": mine}}
        )
    return plans


def _participants(edition, count):
    members = list(
        CohortMember.objects.filter(edition=edition, status=MemberStatus.SELECTED)
        .select_related("person__user")
        .order_by("pk")
    )
    accounts = []
    for member in members:
        user = member.person.user
        if user is None:
            user = User.objects.create(
                email=f"participant{member.pk}@vsfa.test",
                full_name=member.person.full_name,
                is_participant=True,
            )
            member.person.user = user
            member.person.save(update_fields=["user"])
        accounts.append(user)
    # Two devices of one participant are two simulated users.
    return [{"user": accounts[n % len(accounts)], "data": {}} for n in range(count)]


def _organisers(count):
    plans = []
    for number in range(count):
        user = User.objects.create(
            email=f"organizator.incarcare{number + 1}@vsfa.test",
            full_name=f"Organizator {number + 1}",
            is_organiser=True,
        )
        plans.append({"user": user, "data": {"invites": number < INVITERS}})
    return plans


def _url(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


@transaction.atomic
def prepare(users):
    if not Edition.objects.exists():
        DemoBuilder(today=timezone.localdate()).build()
    edition = Edition.objects.current()
    final = Final.objects.filter(edition=edition).order_by("pk").first()
    organiser = User.objects.get(email=data.ORGANISER[0])
    counts = role_counts(users)

    conference, people = _door_conference(edition)
    groups = {
        "juror": _jurors(final, organiser, counts["juror"]),
        "staff": _staff(conference, people, counts["staff"]),
        "participant": _participants(edition, counts["participant"]),
        "organiser": _organisers(counts["organiser"]),
    }
    plan_users = []
    for role, plans in groups.items():
        for plan in plans:
            plan_users.append(
                {
                    "role": role,
                    "email": plan["user"].email,
                    "session": _session(plan["user"]),
                    **plan["data"],
                }
            )
    return {
        "edition": edition.pk,
        "final": final.pk,
        "door_conference": conference.pk,
        "upload_conference": Conference.objects.filter(edition=edition)
        .exclude(pk=conference.pk)
        .order_by("pk")
        .first()
        .pk,
        "jurors": [juror.pk for juror in Juror.objects.filter(final=final)],
        "urls": {
            "home": reverse("home"),
            "my_progress": reverse("cohorts:my_progress"),
            "my_pitches": reverse("competition:my_pitches"),
            "indicators": _url("reports:edition_indicators", edition.pk),
            "user_invite": reverse("user_invite"),
            "sheet": reverse("competition:sheet", args=[0]).replace("/0/", "/{}/"),
            "door": reverse("cohorts:door", args=[conference.pk]),
            "door_check_in": reverse("cohorts:door_check_in", args=[conference.pk]),
            "import_upload": reverse("cohorts:import_upload", args=[0]).replace(
                "/0/", "/{}/"
            ),
        },
        "users": plan_users,
    }


def main(argv):
    plan_path, users = argv[0], int(argv[1])
    plan = prepare(users)
    planner.gather_statistics()
    with open(plan_path, "w", encoding="utf-8") as handle:
        json.dump(plan, handle)
    roles = {}
    for user in plan["users"]:
        roles[user["role"]] = roles.get(user["role"], 0) + 1
    print(f"Prepared {len(plan['users'])} simulated users: {roles}")
