"""The participant's page: where they stand in plain words, their sessions' notes,
the next workshop, the certificate link and a withdrawal."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cohorts import selectors, services
from cohorts.models import CohortMember, ModuleCompletion, WorkshopAttendance
from tests import factories
from tests.cohorts import builders
from tests.mentorship import builders as mentorship_builders

pytestmark = pytest.mark.django_db

MY_PROGRESS = reverse("cohorts:my_progress")


def _progress_url(member):
    return reverse("cohorts:member_progress", args=[member.pk])


def _standing(response):
    content = response.content.decode()
    start = content.index('<ul class="mb-0" id="completion-standing">')
    block = content[start : content.index("</ul>", start)]
    return [line.split("</li>")[0] for line in block.split("<li>")[1:]]


@pytest.fixture
def training(edition):
    """13 modules; four workshops held and four still to come."""
    modules = builders.make_modules(edition, 13)
    held = builders.make_workshops(edition, 4)
    coming = builders.make_workshops(edition, 4, starts_at=builders.FUTURE)
    return modules, held, coming


def test_standing_in_plain_words_on_the_way(client_for, participant, training):
    modules, held, _coming = training
    builders.complete(participant, modules[:9])
    builders.mark(participant, held[:2])

    response = client_for(participant.person.user).get(MY_PROGRESS)

    assert _standing(response) == [
        "Module: 9 terminate din cele 11 necesare.",
        "Ateliere: 2 la care a participat din cele 4 ținute până acum; regula cere "
        "6 din cele 8 planificate: mai sunt de urmat 4 din cele 4 care urmează.",
    ]
    assert 'id="certificate"' not in response.content.decode()


def test_standing_when_the_workshops_left_are_not_enough(
    client_for, participant, training
):
    response = client_for(participant.person.user).get(MY_PROGRESS)

    assert _standing(response)[1] == (
        "Ateliere: 0 la care a participat din cele 4 ținute până acum; regula cere "
        "6 din cele 8 planificate, mai mult decât permit cele 4 care urmează: "
        "vorbiți cu organizatorii."
    )


def test_an_organiser_is_not_told_to_talk_to_the_organisers(
    client_for, organiser, participant, training
):
    response = client_for(organiser).get(_progress_url(participant))

    assert _standing(response)[1] == (
        "Ateliere: 0 la care a participat din cele 4 ținute până acum; regula cere "
        "6 din cele 8 planificate, mai mult decât permit cele 4 care urmează."
    )


def test_graduate_sees_the_rule_met_and_the_certificate(
    client_for, participant, training
):
    modules, held, coming = training
    builders.complete(participant, modules[:11])
    builders.mark(participant, held + coming[:2])

    response = client_for(participant.person.user).get(MY_PROGRESS)

    content = response.content.decode()
    assert _standing(response) == [
        "Module: 11 terminate, cele 11 necesare sunt atinse.",
        "Ateliere: 6 la care a participat, destule pentru regulă (6 din cele 8 "
        "planificate).",
    ]
    assert f'href="{reverse("cohorts:my_certificate")}" download' in content


def test_certificate_link_for_the_organiser_not_the_mentor(
    client_for, organiser, mentor_user, participant, training
):
    modules, held, coming = training
    builders.complete(participant, modules[:11])
    builders.mark(participant, held + coming[:2])
    factories.make_group(
        participant.edition, mentors=[mentor_user.mentor], members=[participant]
    )
    link = reverse("cohorts:member_certificate", args=[participant.pk])

    organisers = client_for(organiser).get(_progress_url(participant))
    mentors = client_for(mentor_user).get(_progress_url(participant))

    assert f'href="{link}" download' in organisers.content.decode()
    assert 'id="certificate"' not in mentors.content.decode()


def test_sessions_show_the_notes_meant_for_the_participant_only(
    client_for, edition, mentor_user, participant
):
    group = factories.make_group(
        edition, mentors=[mentor_user.mentor], members=[participant]
    )
    mentorship_builders.make_session(
        group,
        mentor_user.mentor,
        attendees=[participant],
        topics="Canvas",
        notes="Pare obosit, de vorbit cu diriginta",
        notes_for_participants="Recitiți capitolul despre clienți",
    )

    response = client_for(participant.person.user).get(MY_PROGRESS)

    content = response.content.decode()
    assert (
        '<p class="mb-1 mt-1 session-notes"><span class="fw-semibold">Note pentru '
        "participanți:</span> Recitiți capitolul despre clienți</p>"
    ) in content
    assert "Pare obosit" not in content


def test_next_workshop_with_date_time_and_place(client_for, edition, participant):
    factories.make_workshop(
        edition,
        title="Atelier de pitch",
        starts_at=timezone.make_aware(datetime.datetime(2099, 5, 9, 10, 0)),
        place="Centrul de Tineret Drumul Taberei",
    )

    response = client_for(participant.person.user).get(MY_PROGRESS)

    assert (
        '<dd class="col-sm-7" data-key="next-workshop">Atelier de pitch, '
        "09.05.2099 10:00, Centrul de Tineret Drumul Taberei</dd>"
    ) in response.content.decode()


def test_progress_page_includes_the_modules_and_the_links_blocks(
    client_for, participant
):
    response = client_for(participant.person.user).get(MY_PROGRESS)

    names = [template.name for template in response.templates]
    assert "cohorts/_progress_modules.html" in names
    assert "cohorts/_progress_links_b.html" in names


# Withdrawal frees the place; the history stays


def test_withdrawal_frees_the_place_and_keeps_the_history(
    client_for, organiser, edition, participant, training
):
    modules, held, _coming = training
    builders.complete(participant, modules[:3])
    builders.mark(participant, held[:2])
    free_before = selectors.selection_counts(edition).free

    services.withdraw_member(
        actor=organiser, member=participant, reason="S-a mutat la Cluj"
    )

    member = CohortMember.objects.get(pk=participant.pk)
    assert selectors.selection_counts(edition).free == free_before + 1
    assert (member.status, member.withdrawn_reason) == (
        "withdrawn",
        "S-a mutat la Cluj",
    )
    assert member.withdrawn_at == member.decided_at
    assert ModuleCompletion.objects.filter(member=member).count() == 3
    assert WorkshopAttendance.objects.filter(member=member).count() == 2


def test_withdrawn_page_shows_the_day_and_reason(
    client_for, organiser, participant, training
):
    services.withdraw_member(actor=organiser, member=participant, reason="Boală")
    day = timezone.localdate(
        CohortMember.objects.get(pk=participant.pk).withdrawn_at
    ).strftime("%d.%m.%Y")

    response = client_for(organiser).get(_progress_url(participant))

    assert (
        f'<div class="alert alert-warning" id="withdrawn">S-a retras din cohortă '
        f"pe {day}. Boală</div>"
    ) in response.content.decode()
