import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.mentorship.builders import make_followed_startup

MENTORSHIP_LINKS = {
    "organiser": [
        "mentorship:mentor_list",
        "mentorship:group_list",
        "mentorship:startup_list",
    ],
    "mentor": ["mentorship:my_groups", "mentorship:my_startups"],
}


@pytest.mark.parametrize(
    ("persona", "shown", "hidden"),
    [
        ("organiser", "organiser", "mentor"),
        ("mentor_user", "mentor", "organiser"),
    ],
)
def test_nav_shows_the_links_of_the_role(sign_in_as, edition, persona, shown, hidden):
    response = sign_in_as(persona).get(reverse("home"))

    html = response.content.decode()
    assert [f'href="{reverse(name)}"' in html for name in MENTORSHIP_LINKS[shown]] == [
        True
    ] * len(MENTORSHIP_LINKS[shown])
    assert [f'href="{reverse(name)}"' in html for name in MENTORSHIP_LINKS[hidden]] == [
        False
    ] * len(MENTORSHIP_LINKS[hidden])


@pytest.mark.parametrize("persona", ["juror_user", "participant"])
def test_nav_has_no_mentoring_links_for_others(sign_in_as, edition, persona):
    response = sign_in_as(persona).get(reverse("home"))

    html = response.content.decode()
    assert "/mentoring/" not in html


def test_home_panel_mentor_sees_groups_and_startups_due(
    sign_in_as, edition, mentor_user, other_mentor, participant
):
    mine = factories.make_group(
        edition, mentors=[mentor_user.mentor], members=[participant], name="Alfa"
    )
    factories.make_group(edition, mentors=[other_mentor.mentor], name="Beta")
    late = make_followed_startup(
        edition,
        mentors=[mentor_user.mentor],
        name="Atelier Verde SRL",
        registration_date=timezone.localdate() - datetime.timedelta(days=40),
    )
    make_followed_startup(edition, mentors=[other_mentor.mentor], name="Zeta SRL")

    response = sign_in_as("mentor_user").get(reverse("home"))

    html = response.content.decode()
    assert 'id="mentor-panel"' in html
    assert reverse("mentorship:session_create", kwargs={"group_pk": mine.pk}) in html
    assert "Beta" not in html
    assert reverse("mentorship:startup_detail", kwargs={"pk": late.pk}) in html
    assert "Zeta SRL" not in html
    assert html.count("list-group-item-danger") == 1
    assert late.checkins.get(number=2).due_on.strftime("%d.%m.%Y") in html


@pytest.mark.parametrize("persona", ["organiser", "juror_user", "participant"])
def test_home_panel_hidden_from_non_mentors(sign_in_as, edition, persona):
    response = sign_in_as(persona).get(reverse("home"))

    assert 'id="mentor-panel"' not in response.content.decode()


def test_home_panel_founder_sees_their_startup(
    sign_in_as, edition, participant, other_participant
):
    startup = make_followed_startup(
        edition, founders=[participant.person], name="Atelier Verde SRL"
    )
    make_followed_startup(edition, founders=[other_participant.person], name="Zeta")

    response = sign_in_as("participant").get(reverse("home"))

    html = response.content.decode()
    assert 'id="founder-panel"' in html
    assert reverse("mentorship:startup_detail", kwargs={"pk": startup.pk}) in html
    assert "Zeta" not in html


def test_home_panel_participant_without_startup_sees_no_founder_panel(
    sign_in_as, edition, participant
):
    response = sign_in_as("participant").get(reverse("home"))

    assert 'id="founder-panel"' not in response.content.decode()
