from django.urls import reverse

from tests.competition import builders
from tests.competition.builders import ro


def test_home_shows_a_juror_their_pitches(scene, juror_user, client_for):
    builders.score(scene["assignment"], [3] * 6, submit=False)

    response = client_for(juror_user).get(reverse("home"))

    html = response.content.decode()
    assert 'id="juror-pitches"' in html
    assert reverse("competition:sheet", kwargs={"pk": scene["assignment"].pk}) in html
    assert (
        reverse("competition:sheet", kwargs={"pk": scene["other_assignment"].pk})
        not in html
    )
    assert 'data-status="draft"' in html
    assert ro("Draft") in html


def test_home_has_no_pitch_panel_for_others(scene, participant, organiser, client_for):
    for user in (participant.person.user, organiser):
        response = client_for(user).get(reverse("home"))

        assert 'id="juror-pitches"' not in response.content.decode()


def test_nav_links_by_role(scene, organiser, juror_user, mentor_user, client_for):
    final_link = f'href="{reverse("competition:final_list")}"'
    pitches_link = f'href="{reverse("competition:my_pitches")}"'

    seen = {}
    for name, user in (
        ("organiser", organiser),
        ("juror", juror_user),
        ("mentor", mentor_user),
    ):
        html = client_for(user).get(reverse("home")).content.decode()
        seen[name] = (final_link in html, pitches_link in html)

    assert seen == {
        "organiser": (True, False),
        "juror": (False, True),
        "mentor": (False, False),
    }


def test_home_shows_a_juror_their_next_pitch(scene, juror_user, client_for):
    response = client_for(juror_user).get(reverse("home"))

    sheet = reverse("competition:sheet", kwargs={"pk": scene["assignment"].pk})
    button = (
        f'id="next-pitch" class="btn btn-primary btn-lg w-100 text-wrap" href="{sheet}"'
    )
    assert button in response.content.decode()
