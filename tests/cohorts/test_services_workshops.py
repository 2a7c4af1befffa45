import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from cohorts import selectors, services_workshops
from cohorts.choices import MemberStatus, WorkshopStatus
from cohorts.models import WorkshopAttendance
from cohorts.services_workshops import CODE_ALPHABET, TooManyAttempts
from tests import factories

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
START = datetime.datetime(2027, 3, 10, 14, 0, tzinfo=UTC)
MINUTE = datetime.timedelta(minutes=1)
WRONG_CODE = (
    "This code is not right. Check the code shown in the room and type it again."
)
CLOSED = (
    "This code works only during its workshop, from 15 minutes before the "
    "start until the end. Ask the organisers in the room to mark you present."
)


@pytest.fixture
def workshop(edition):
    return factories.make_workshop(
        edition, starts_at=START, duration_minutes=180, check_in_code="KX7P2M"
    )


def check_in(participant, code="KX7P2M", at=START):
    return services_workshops.check_in_with_code(
        user=participant.person.user, member=participant, code=code, now=at
    )


def messages_of(error):
    return error.value.messages


def test_room_code_is_six_unambiguous_characters_and_kept(edition):
    workshop = factories.make_workshop(edition)

    code = services_workshops.room_code(workshop)
    again = services_workshops.room_code(type(workshop).objects.get(pk=workshop.pk))

    assert len(code) == 6
    assert set(code) <= set(CODE_ALPHABET)
    assert not set(code) & set("0O1I")
    assert again == code


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (START - 15 * MINUTE, WorkshopStatus.PRESENT),
        (START + 15 * MINUTE, WorkshopStatus.PRESENT),
        (START + 16 * MINUTE, WorkshopStatus.LATE),
        (START + 179 * MINUTE, WorkshopStatus.LATE),
    ],
)
def test_check_in_inside_the_window(workshop, participant, at, expected):
    attendance, changed = check_in(participant, at=at)

    assert changed is True
    assert (attendance.status, attendance.self_checked_in_at) == (expected, at)
    assert attendance.recorded_by == participant.person.user


@pytest.mark.parametrize("at", [START - 16 * MINUTE, START + 180 * MINUTE])
def test_check_in_outside_the_window_is_refused(workshop, participant, at):
    with pytest.raises(ValidationError) as error:
        check_in(participant, at=at)

    assert messages_of(error) == [gettext(CLOSED)]
    assert WorkshopAttendance.objects.count() == 0


@pytest.mark.parametrize("code", ["KX7P2N", "", "KX7P2", "kx7p2m-extra"])
def test_check_in_wrong_code_is_refused(workshop, participant, code):
    with pytest.raises(ValidationError) as error:
        check_in(participant, code=code)

    assert messages_of(error) == [gettext(WRONG_CODE)]


def test_check_in_code_typed_in_small_letters_with_spaces(workshop, participant):
    attendance, _changed = check_in(participant, code=" kx7 p2m ")

    assert attendance.status == WorkshopStatus.PRESENT


def test_check_in_code_of_another_edition_is_wrong(workshop, participant):
    other = factories.make_edition("2027/2028", current=False)
    member = factories.make_participant(other)

    with pytest.raises(ValidationError) as error:
        check_in(member)

    assert messages_of(error) == [gettext(WRONG_CODE)]


@pytest.mark.parametrize("status", [MemberStatus.WITHDRAWN, MemberStatus.WAITLISTED])
def test_check_in_only_for_selected_members(workshop, participant, status):
    participant.status = status
    participant.save()

    with pytest.raises(ValidationError) as error:
        check_in(participant)

    assert messages_of(error) == [gettext("Only selected participants can check in.")]


def test_check_in_twice_changes_nothing(workshop, participant):
    first, _created = check_in(participant, at=START)

    second, changed = check_in(participant, at=START + 30 * MINUTE)

    assert changed is False
    assert second.pk == first.pk
    assert (second.status, second.self_checked_in_at) == (WorkshopStatus.PRESENT, START)
    assert WorkshopAttendance.objects.count() == 1


def test_check_in_late_never_lowers_present_set_by_organiser(
    workshop, participant, organiser
):
    WorkshopAttendance.objects.create(
        workshop=workshop,
        member=participant,
        status=WorkshopStatus.PRESENT,
        recorded_by=organiser,
    )

    attendance, changed = check_in(participant, at=START + 40 * MINUTE)

    assert changed is True
    assert (attendance.status, attendance.recorded_by) == (
        WorkshopStatus.PRESENT,
        organiser,
    )
    assert attendance.self_checked_in_at == START + 40 * MINUTE


@pytest.mark.parametrize("status", [WorkshopStatus.ABSENT, WorkshopStatus.EXCUSED])
def test_check_in_raises_absent_or_excused_to_what_the_clock_says(
    workshop, participant, organiser, status
):
    WorkshopAttendance.objects.create(
        workshop=workshop, member=participant, status=status, recorded_by=organiser
    )

    attendance, _changed = check_in(participant, at=START + 40 * MINUTE)

    assert attendance.status == WorkshopStatus.LATE


def test_check_in_attempts_are_limited_per_user(
    workshop, participant, other_participant
):
    for _attempt in range(services_workshops.ATTEMPTS):
        with pytest.raises(ValidationError):
            check_in(participant, code="AAAAAA")

    with pytest.raises(TooManyAttempts):
        check_in(participant)
    attendance, _changed = check_in(other_participant)

    assert attendance.member == other_participant
    assert WorkshopAttendance.objects.filter(member=participant).count() == 0


def test_the_sheet_lists_only_code_check_ins(
    workshop, participant, other_participant, organiser
):
    check_in(participant)
    WorkshopAttendance.objects.create(
        workshop=workshop,
        member=other_participant,
        status=WorkshopStatus.PRESENT,
        recorded_by=organiser,
    )

    _members, statuses, check_ins = selectors.workshop_sheet(workshop)

    assert check_ins == {participant.pk: START}
    assert statuses == {
        participant.pk: WorkshopStatus.PRESENT,
        other_participant.pk: WorkshopStatus.PRESENT,
    }


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (START - 60 * MINUTE, True),
        (START - 15 * MINUTE, True),
        (START + 179 * MINUTE, True),
        (START + 180 * MINUTE, False),
    ],
)
def test_check_in_ahead_while_a_window_is_open_or_to_come(workshop, at, expected):
    earlier = factories.make_workshop(
        workshop.edition, starts_at=START - datetime.timedelta(days=7)
    )

    assert services_workshops.check_in_ahead([earlier, workshop], at) is expected


def test_no_check_in_ahead_without_workshops():
    assert services_workshops.check_in_ahead([], START) is False


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        # Before the window opens, at the start, before the window closes.
        (START - 60 * MINUTE, START - 15 * MINUTE),
        (START - 15 * MINUTE, START),
        (START, START + 180 * MINUTE),
        (START + 179 * MINUTE, START + 180 * MINUTE),
        (START + 180 * MINUTE, None),
    ],
)
def test_next_change_is_the_next_start_or_window_edge(workshop, at, expected):
    earlier = factories.make_workshop(
        workshop.edition, starts_at=START - datetime.timedelta(days=7)
    )

    assert services_workshops.next_change([earlier, workshop], at) == expected


def test_no_next_change_without_workshops():
    assert services_workshops.next_change([], START) is None
