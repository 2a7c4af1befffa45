import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from cohorts import selectors
from cohorts.choices import WorkshopStatus
from cohorts.models import Workshop, WorkshopAttendance
from cohorts.services_workshops import ATTEMPTS
from tests import factories

pytestmark = pytest.mark.django_db

CHECK_IN = reverse("cohorts:workshop_check_in")
HREF = re.compile(r'href="([^"]+)"')


@pytest.fixture
def running(edition):
    """A workshop that started five minutes ago, its code on the screen."""
    return factories.make_workshop(
        edition,
        title="Atelier de prototipare",
        starts_at=timezone.now() - datetime.timedelta(minutes=5),
        check_in_code="KX7P2M",
    )


def test_room_screen_shows_a_new_code_in_large_type(client_for, organiser, edition):
    workshop = factories.make_workshop(edition, title="Atelier de prețuri")

    response = client_for(organiser).get(
        reverse("cohorts:workshop_room", args=[workshop.pk])
    )

    code = Workshop.objects.get(pk=workshop.pk).check_in_code
    assert response.status_code == 200
    assert len(code) == 6
    assert f'id="room-code" aria-label="Codul de înregistrare">{code}</p>' in (
        response.content.decode()
    )
    assert response.context["code"] == code


def test_room_screen_keeps_the_code(client_for, organiser, running):
    response = client_for(organiser).get(
        reverse("cohorts:workshop_room", args=[running.pk])
    )

    assert response.context["code"] == "KX7P2M"


@pytest.mark.parametrize(
    "persona", ["mentor_user", "juror_user", "participant", "other_participant"]
)
def test_room_screen_hidden_from_everyone_but_organisers(
    client_for, request, persona, running
):
    user = request.getfixturevalue(persona)
    user = getattr(getattr(user, "person", None), "user", user)

    response = client_for(user).get(reverse("cohorts:workshop_room", args=[running.pk]))

    assert response.status_code == 404
    assert Workshop.objects.get(pk=running.pk).check_in_code == "KX7P2M"


def test_check_in_page_for_a_participant(client_for, participant):
    response = client_for(participant.person.user).get(CHECK_IN)

    assert response.status_code == 200
    assert gettext("Code shown in the room") in response.content.decode()


def test_check_in_with_the_code_marks_present(client_for, participant, running):
    client = client_for(participant.person.user)

    response = client.post(CHECK_IN, {"code": "kx7p2m"})

    attendance = WorkshopAttendance.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("cohorts:my_progress")
    assert (attendance.member, attendance.status) == (
        participant,
        WorkshopStatus.PRESENT,
    )
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "V-ați înregistrat la Atelier de prototipare: prezent. Spor la atelier!"
    ]


def test_check_in_double_submit_records_once(client_for, participant, running):
    client = client_for(participant.person.user)

    client.post(CHECK_IN, {"code": "KX7P2M"})
    second = client.post(CHECK_IN, {"code": "KX7P2M"})

    assert WorkshopAttendance.objects.count() == 1
    assert [str(m) for m in get_messages(second.wsgi_request)] == [
        gettext("You are checked in to %(workshop)s: %(status)s. Enjoy the workshop!")
        % {"workshop": running.title, "status": "prezent"},
        gettext(
            "You had already checked in to %(workshop)s (%(status)s); nothing changed."
        )
        % {"workshop": running.title, "status": "prezent"},
    ]


def test_check_in_wrong_code_keeps_what_was_typed(client_for, participant, running):
    response = client_for(participant.person.user).post(CHECK_IN, {"code": "KX7P2N"})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "code": [
            "Codul nu este corect. Verificați codul afișat în sală și scrieți-l din nou."
        ]
    }
    assert 'value="KX7P2N"' in response.content.decode()
    assert WorkshopAttendance.objects.count() == 0


def test_check_in_after_the_workshop_is_refused(client_for, participant, edition):
    factories.make_workshop(
        edition,
        starts_at=timezone.now() - datetime.timedelta(hours=4),
        duration_minutes=180,
        check_in_code="KX7P2M",
    )

    response = client_for(participant.person.user).post(CHECK_IN, {"code": "KX7P2M"})

    assert response.context["form"].errors == {
        "code": [
            gettext(
                "This code works only during its workshop, from 15 minutes before "
                "the start until the end. Ask the organisers in the room to mark "
                "you present."
            )
        ]
    }
    assert WorkshopAttendance.objects.count() == 0


def test_check_in_too_many_attempts(client_for, participant, running):
    client = client_for(participant.person.user)
    for _attempt in range(ATTEMPTS):
        client.post(CHECK_IN, {"code": "AAAAAA"})

    response = client.post(CHECK_IN, {"code": "KX7P2M"})

    assert response.status_code == 429
    assert list(response.context["form"].errors) == ["code"]
    assert WorkshopAttendance.objects.count() == 0


@pytest.mark.parametrize("persona", ["organiser", "mentor_user", "juror_user"])
def test_check_in_not_for_other_roles(client_for, request, persona, running):
    response = client_for(request.getfixturevalue(persona)).post(
        CHECK_IN, {"code": "KX7P2M"}
    )

    assert response.status_code == 404
    assert WorkshopAttendance.objects.count() == 0


def test_attendance_sheet_shows_who_checked_in_with_the_code(
    client_for, organiser, participant, other_participant, running
):
    client_for(participant.person.user).post(CHECK_IN, {"code": "KX7P2M"})

    response = client_for(organiser).get(
        reverse("cohorts:workshop_attendance", args=[running.pk])
    )

    page = response.content.decode()
    assert page.count('data-key="self-check-in"') == 1
    assert reverse("cohorts:workshop_room", args=[running.pk]) in page


def links_for(member, own):
    return render_to_string(
        "cohorts/_progress_links_b.html",
        {
            "member": member,
            "own": own,
            "progress": selectors.member_progress(member),
        },
    )


def test_progress_links_on_the_participant_own_page(participant, running):
    page = links_for(participant, own=True)

    assert [
        reverse("cohorts:workshop_check_in"),
        reverse("mentorship:my_sessions"),
        reverse("mentorship:my_calendar"),
    ] == HREF.findall(page)


@pytest.mark.parametrize("status", ["selected", "withdrawn"])
def test_progress_links_not_on_a_page_seen_by_staff_or_after_withdrawing(
    participant, status
):
    participant.status = status

    page = links_for(participant, own=status == "withdrawn")

    assert page.strip() == ""


def test_progress_links_without_a_workshop_to_come_leave_out_the_room_code(
    participant, edition
):
    factories.make_workshop(
        edition, starts_at=timezone.now() - datetime.timedelta(days=1)
    )

    page = links_for(participant, own=True)

    assert [
        reverse("mentorship:my_sessions"),
        reverse("mentorship:my_calendar"),
    ] == HREF.findall(page)
