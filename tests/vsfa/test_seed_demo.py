import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import F
from django.test import override_settings
from django.utils import timezone
from stdnum.ro import cui, onrc

from cohorts.choices import MemberStatus
from cohorts.models import (
    Attendance,
    CohortMember,
    Conference,
    Module,
    Workshop,
    WorkshopAttendance,
)
from cohorts.services_workshops import CODE_ALPHABET
from competition.models import Assignment, Final, Finalist, Juror, ScoreSheet
from mentorship.models import CheckIn, GroupSession, Mentor, SessionRating, Startup
from tests import factories
from vsfa.demo.builder import PASSWORD, Calendar, demo_logins
from vsfa.demo.identifiers import cui_check_digit, make_trade_register_number
from vsfa.models import Edition, Person, User


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded once for the module, rolled back when it is done."""
    output = io.StringIO()
    # The hasher the per-test settings use (see conftest), so the demo's
    # passwords can be checked by the tests.
    fast_hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(DEBUG=True, PASSWORD_HASHERS=fast_hashers),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("seed_demo", stdout=output)
            yield output.getvalue()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Edition, Person, Attendance, CohortMember, Startup, User)
    }


@pytest.mark.django_db
def test_seed_demo_refuses_with_debug_off(settings):
    settings.DEBUG = False
    before = counts()

    with pytest.raises(CommandError) as error:
        call_command("seed_demo", stdout=io.StringIO())

    assert "refuses to run with DEBUG off" in str(error.value)
    assert counts() == before


@pytest.mark.django_db
def test_seed_demo_refuses_a_day_in_the_future(settings):
    settings.DEBUG = True
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    with pytest.raises(CommandError) as error:
        call_command("seed_demo", as_of=tomorrow, stdout=io.StringIO())

    assert str(error.value) == "--as-of cannot be in the future."


@pytest.mark.django_db
def test_seed_demo_creates_the_programme_figures(demo):
    edition = Edition.objects.get()
    people = Person.objects.filter(attendances__conference__edition=edition).distinct()

    assert edition.is_current is True
    assert edition.name == Calendar(timezone.localdate()).name
    assert Conference.objects.filter(edition=edition).count() == 15
    assert Module.objects.filter(edition=edition).count() == 13
    assert people.count() >= 1400
    assert Attendance.objects.filter(conference__edition=edition).count() > (
        people.count()
    )
    assert edition.members.filter(status=MemberStatus.SELECTED).count() == 75
    assert edition.members.filter(status=MemberStatus.WAITLISTED).count() == 15
    assert Final.objects.filter(edition=edition).count() == 1
    assert Finalist.objects.filter(final__edition=edition).count() == 10
    assert Juror.objects.filter(final__edition=edition).count() == 5
    assert Startup.objects.filter(edition=edition).count() == 10
    assert {
        tuple(startup.checkins.order_by("number").values_list("number", flat=True))
        for startup in Startup.objects.filter(edition=edition)
    } == {(1, 2, 3, 4, 5, 6)}


@pytest.mark.django_db
def test_seed_demo_every_conference_has_two_guests(demo):
    guest_counts = Conference.objects.values_list("guests__conference", flat=True)

    assert sorted(set(guest_counts)) == sorted(
        Conference.objects.values_list("pk", flat=True)
    )
    assert guest_counts.count() == 30


@pytest.mark.django_db
def test_seed_demo_attendees_are_14_to_19_at_their_conferences(demo):
    ages = {
        attendance.person.age_on(attendance.conference.date)
        for attendance in Attendance.objects.select_related("person", "conference")
    }

    assert min(ages) == 14
    assert max(ages) == 19


@pytest.mark.django_db
def test_seed_demo_identifiers_are_valid(demo):
    startups = list(Startup.objects.all())

    assert len(startups) == 10
    assert all(cui.is_valid(startup.cui) for startup in startups)
    assert all(onrc.is_valid(startup.trade_register_number) for startup in startups)
    assert len({startup.cui for startup in startups}) == 10


@pytest.mark.django_db
def test_seed_demo_founders_are_adults_on_the_registration_date(demo):
    ages = [
        person.age_on(startup.registration_date)
        for startup in Startup.objects.prefetch_related("founders")
        for person in startup.founders.all()
    ]

    assert len(ages) >= 10
    assert min(ages) >= 18


@pytest.mark.django_db
def test_seed_demo_some_checkins_are_done_and_two_overdue(demo):
    today = timezone.localdate()
    past = CheckIn.objects.filter(due_on__lt=today)

    assert past.filter(done_on__isnull=True).count() == 2
    assert past.filter(done_on__isnull=False).count() == past.count() - 2
    assert CheckIn.objects.filter(due_on__gte=today, done_on__isnull=False).count() == 0


@pytest.mark.django_db
def test_seed_demo_scores_most_sheets_and_leaves_the_demo_juror_some(demo):
    sheets = ScoreSheet.objects.filter(assignment__juror__user__email="jurat@vsfa.test")

    assert ScoreSheet.objects.filter(submitted_at__isnull=False).count() == 47
    assert sheets.filter(submitted_at__isnull=True).count() == 3
    assert sheets.filter(submitted_at__isnull=True, scores__isnull=True).count() == 1


@pytest.mark.django_db
def test_seed_demo_jurors_declared_no_conflict_before_scoring(demo):
    jurors = Juror.objects.select_related("final")

    declared = {
        (juror.conflicts_declared_at is not None)
        and juror.conflicts_declared_at.date() == juror.final.date
        and not juror.conflict_schools.exists()
        for juror in jurors
    }

    assert (jurors.count(), declared) == (5, {True})
    assert (
        ScoreSheet.objects.filter(
            submitted_at__lt=F("assignment__juror__conflicts_declared_at")
        ).count()
        == 0
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "email"), demo_logins())
def test_seed_demo_login_signs_in(demo, client, role, email):
    response = client.post("/accounts/login/", {"login": email, "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == "/"
    assert client.session["_auth_user_id"] == str(User.objects.get(email=email).pk)


@pytest.mark.django_db
def test_seed_demo_logins_hold_their_roles(demo):
    mentor = Mentor.objects.get(user__email="mentor@vsfa.test")
    participant = User.objects.get(email="participant@vsfa.test")
    member = CohortMember.objects.get(person__user=participant)

    assert User.objects.get(email="organizator@vsfa.test").is_organiser is True
    assert User.objects.get(email="admin@vsfa.test").is_superuser is True
    assert mentor.groups.count() == 1
    assert mentor.startups.count() == 2
    assert Assignment.objects.filter(juror__user__email="jurat@vsfa.test").count() == 10
    assert participant.is_participant is True
    assert member.status == MemberStatus.SELECTED
    assert member.completions.count() >= 12
    assert member.mentor_groups.get().mentors.filter(pk=mentor.pk).exists()


@pytest.mark.django_db
def test_seed_demo_prints_the_logins(demo):
    assert f"Demo sign-in, password '{PASSWORD}':" in demo
    assert all(email in demo for _role, email in demo_logins())


@pytest.mark.django_db
def test_seed_demo_if_empty_does_nothing_the_second_time(demo, settings):
    settings.DEBUG = True
    before = counts()
    output = io.StringIO()

    call_command("seed_demo", if_empty=True, stdout=output)

    assert counts() == before
    assert output.getvalue().startswith(
        "The database already has an edition: no demo loaded.\n"
    )


@pytest.mark.django_db
def test_seed_demo_without_if_empty_refuses_a_database_with_an_edition(settings):
    settings.DEBUG = True
    factories.make_edition("2030/2031", current=False)

    with pytest.raises(CommandError) as error:
        call_command("seed_demo", stdout=io.StringIO())

    assert "the demo loads into an empty database only" in str(error.value)


@pytest.mark.parametrize(
    ("today", "name", "final_on"),
    [
        (datetime.date(2026, 12, 4), "2025/2026", datetime.date(2026, 10, 3)),
        (datetime.date(2026, 11, 30), "2024/2025", datetime.date(2025, 10, 4)),
        (datetime.date(2027, 12, 1), "2026/2027", datetime.date(2027, 10, 2)),
    ],
)
def test_calendar_places_the_final_before_the_first_checkins(today, name, final_on):
    calendar = Calendar(today)

    assert calendar.name == name
    assert calendar.final_on == final_on
    assert calendar.final_on.weekday() == 5
    # Registered at most three weeks after the final, checked a month later.
    assert calendar.final_on + datetime.timedelta(days=21 + 31) < today


@pytest.mark.parametrize(("body", "check"), [(1847290, 1), (1234567, 4), (12, 4)])
def test_cui_check_digit_matches_stdnum(body, check):
    assert cui_check_digit(body) == check
    assert cui.is_valid(f"{body}{check}") is True


def test_trade_register_number_is_valid_for_stdnum():
    number = make_trade_register_number("J", 2025, 1234)

    assert number == "J2025001234003"
    assert onrc.is_valid(number) is True


def test_seed_demo_room_codes_check_ins_and_ratings(demo):
    codes = list(Workshop.objects.values_list("check_in_code", flat=True))
    participant = User.objects.get(email="participant@vsfa.test")
    attended = GroupSession.objects.filter(attendees__person__user=participant)
    rated = SessionRating.objects.filter(member__person__user=participant)

    assert all(len(code) == 6 and set(code) <= set(CODE_ALPHABET) for code in codes)
    assert WorkshopAttendance.objects.filter(self_checked_in_at__isnull=False).exists()
    assert SessionRating.objects.count() > 50
    assert rated.count() == attended.count() - 1
