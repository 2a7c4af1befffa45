import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cohorts.choices import MemberStatus
from tests import factories
from tests.cohorts import builders
from tests.mentorship import builders as mentorship_builders

pytestmark = pytest.mark.django_db

MY_PROGRESS = reverse("cohorts:my_progress")
# Session, user, member, completions, modules, workshop statuses, workshops,
# sessions attended, the edition being viewed and the organiser's edition menu.
QUERIES_OF_PROGRESS = 10
DAY = datetime.timedelta(days=1)


@pytest.fixture
def training(edition, participant, other_participant):
    """Modules and workshops, with each participant's own progress in them."""
    modules = builders.make_modules(edition, 13)
    workshops = builders.make_workshops(edition, 4)
    builders.complete(participant, modules[:11])
    builders.mark(participant, workshops[:3])
    builders.complete(other_participant, modules[:2])
    return modules, workshops


def _progress_url(member):
    return reverse("cohorts:member_progress", args=[member.pk])


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("organiser", 404),
        ("mentor", 404),
        ("juror", 404),
        ("participant", 200),
        ("other_participant", 200),
    ],
)
def test_my_progress_by_persona(client_for, personas, training, persona, expected):
    response = client_for(personas[persona]).get(MY_PROGRESS)

    assert response.status_code == expected


def test_my_progress_shows_only_own_figures(client_for, participant, training):
    response = client_for(participant.person.user).get(MY_PROGRESS)

    progress = response.context["progress"]
    assert progress.member == participant
    assert (progress.modules_done, progress.module_count) == (11, 13)
    assert (progress.workshops_attended, progress.workshop_count) == (3, 4)
    assert progress.completed is True
    assert [module.number for module in progress.remaining] == [12, 13]
    assert 'id="completion-rule"' in response.content.decode()


def test_my_progress_of_the_other_participant_is_theirs(
    client_for, other_participant, training
):
    response = client_for(other_participant.person.user).get(MY_PROGRESS)

    progress = response.context["progress"]
    assert (progress.member, progress.modules_done) == (other_participant, 2)
    assert progress.completed is False


def test_my_progress_without_membership_is_404(client_for, edition):
    user = factories.make_user("participant")
    factories.make_person(user=user)

    response = client_for(user).get(MY_PROGRESS)

    assert response.status_code == 404


def test_my_progress_on_the_waiting_list_is_404(client_for, participant):
    participant.status = MemberStatus.WAITLISTED
    participant.save()

    response = client_for(participant.person.user).get(MY_PROGRESS)

    assert response.status_code == 404


def _newer_edition_becomes_current(edition):
    edition.is_current = False
    edition.save()
    return factories.make_edition(
        "2031/2032", starts_on="2031-09-01", ends_on="2033-03-31", current=True
    )


def test_my_progress_once_a_newer_edition_is_current(client_for, edition, participant):
    _newer_edition_becomes_current(edition)

    response = client_for(participant.person.user).get(MY_PROGRESS)

    assert response.status_code == 200
    assert response.context["progress"].member == participant
    assert response.context["member"].edition == edition


def test_my_progress_shows_the_edition_viewed_first(client_for, edition, participant):
    newer = _newer_edition_becomes_current(edition)
    current = factories.make_member(newer, person=participant.person)

    response = client_for(participant.person.user).get(MY_PROGRESS)

    assert response.context["progress"].member == current


def test_my_progress_on_a_newer_waiting_list_shows_the_earlier_place(
    client_for, edition, participant
):
    newer = _newer_edition_becomes_current(edition)
    factories.make_member(
        newer, person=participant.person, status=MemberStatus.WAITLISTED
    )

    response = client_for(participant.person.user).get(MY_PROGRESS)

    assert response.context["progress"].member == participant


def test_home_card_once_a_newer_edition_is_current(client_for, edition, participant):
    _newer_edition_becomes_current(edition)

    response = client_for(participant.person.user).get("/")

    assert 'id="progress-card-title"' in response.content.decode()


def test_my_progress_sends_anonymous_to_sign_in(client, edition):
    response = client.get(MY_PROGRESS)

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={MY_PROGRESS}"


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("organiser", 200),
        ("mentor", 404),
        ("juror", 404),
        ("participant", 404),
        ("other_participant", 404),
    ],
)
def test_member_progress_by_persona(
    client_for, personas, participant, training, persona, expected
):
    response = client_for(personas[persona]).get(_progress_url(participant))

    assert response.status_code == expected


def test_member_progress_for_the_mentor_of_the_group(
    client_for, edition, mentor_user, participant, other_participant, training
):
    factories.make_group(edition, mentors=[mentor_user.mentor], members=[participant])
    client = client_for(mentor_user)

    mine = client.get(_progress_url(participant))
    other = client.get(_progress_url(other_participant))

    assert mine.status_code == 200
    assert mine.context["progress"].member == participant
    assert other.status_code == 404


def test_member_progress_of_a_mentor_of_another_group_is_404(
    client_for, edition, mentor_user, participant, other_participant
):
    factories.make_group(
        edition, mentors=[mentor_user.mentor], members=[other_participant]
    )

    response = client_for(mentor_user).get(_progress_url(participant))

    assert response.status_code == 404


def test_member_progress_sends_anonymous_to_sign_in(client, participant):
    url = _progress_url(participant)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={url}"


def test_member_progress_shows_the_mentoring_sessions(
    client_for, organiser, participant
):
    response = client_for(organiser).get(_progress_url(participant))

    assert "mentorship/_participant_sessions.html" in [
        template.name for template in response.templates
    ]


def test_home_shows_the_participant_a_progress_card(client_for, participant, training):
    response = client_for(participant.person.user).get("/")

    content = response.content.decode()
    assert f'href="{MY_PROGRESS}"' in content
    assert "cohorts/_progress_card.html" in [t.name for t in response.templates]
    assert 'id="progress-card-title"' in content


def test_home_shows_the_organiser_no_progress_card(client_for, organiser, edition):
    response = client_for(organiser).get("/")

    assert 'id="progress-card-title"' not in response.content.decode()


def test_nav_links_for_organiser_and_participant(client_for, organiser, participant):
    organiser_page = client_for(organiser).get("/").content.decode()
    participant_page = client_for(participant.person.user).get("/").content.decode()

    for name in ["conference_list", "selection", "member_list", "completion_grid"]:
        assert f'href="{reverse(f"cohorts:{name}")}"' in organiser_page
        assert f'href="{reverse(f"cohorts:{name}")}"' not in participant_page
    assert f'href="{reverse("cohorts:import_list")}"' in organiser_page
    assert f'href="{MY_PROGRESS}"' in participant_page
    assert f'href="{MY_PROGRESS}"' not in organiser_page


@pytest.mark.parametrize("count", [1, 13])
def test_member_progress_queries_do_not_grow(
    client_for,
    organiser,
    edition,
    participant,
    mentor_user,
    django_assert_num_queries,
    count,
):
    modules = builders.make_modules(edition, count)
    workshops = builders.make_workshops(edition, count)
    builders.complete(participant, modules)
    builders.mark(participant, workshops)
    group = factories.make_group(
        edition, mentors=[mentor_user.mentor], members=[participant]
    )
    for _ in range(count):
        mentorship_builders.make_session(group, mentor_user.mentor, [participant])
    client = client_for(organiser)

    with django_assert_num_queries(QUERIES_OF_PROGRESS):
        response = client.get(_progress_url(participant))

    assert response.context["progress"].modules_done == count


def _summary_heading(response):
    content = response.content.decode()
    start = content.index('id="summary-title">') + len('id="summary-title">')
    return content[start : content.index("</h2>", start)]


def test_my_progress_speaks_to_the_participant(client_for, participant, training):
    response = client_for(participant.person.user).get(MY_PROGRESS)

    assert _summary_heading(response) == "Unde vă aflați"


@pytest.mark.parametrize("persona", ["organiser", "mentor"])
def test_member_progress_speaks_of_the_participant(
    client_for, edition, personas, participant, training, persona
):
    factories.make_group(
        edition, mentors=[personas["mentor"].mentor], members=[participant]
    )

    response = client_for(personas[persona]).get(_progress_url(participant))

    assert _summary_heading(response) == f"Unde se află {participant.person.given_name}"


CHECK_IN_LINK = f'href="{reverse("cohorts:workshop_check_in")}"'


@pytest.mark.parametrize(
    ("starts", "offered"),
    [
        (datetime.timedelta(days=-1), False),
        (datetime.timedelta(hours=-1), True),
        (datetime.timedelta(days=1), True),
    ],
)
def test_my_progress_offers_the_room_code_only_while_a_workshop_can_take_it(
    client_for, edition, participant, starts, offered
):
    factories.make_workshop(edition, starts_at=timezone.now() - 2 * DAY)
    factories.make_workshop(edition, starts_at=timezone.now() + starts)

    html = client_for(participant.person.user).get(MY_PROGRESS).content.decode()

    assert (CHECK_IN_LINK in html) is offered
    assert f'href="{reverse("mentorship:my_sessions")}"' in html


def test_my_progress_without_workshops_offers_no_room_code(
    client_for, edition, participant
):
    html = client_for(participant.person.user).get(MY_PROGRESS).content.decode()

    assert CHECK_IN_LINK not in html


def test_my_progress_outside_the_edition_viewed_shows_the_latest_place(
    client_for, edition, participant
):
    edition.is_current = False
    edition.save()
    later = factories.make_edition(
        "2029/2030", starts_on="2029-09-01", ends_on="2031-03-31", current=False
    )
    factories.make_edition(
        "2031/2032", starts_on="2031-09-01", ends_on="2033-03-31", current=True
    )
    place = factories.make_member(later, person=participant.person)

    response = client_for(participant.person.user).get(MY_PROGRESS)

    assert response.context["progress"].member == place
