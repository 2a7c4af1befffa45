"""The home page: who is at risk, for organisers and mentors, and who completed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cohorts.models import CohortMember
from tests import factories
from tests.cohorts import builders
from vsfa import freshness

pytestmark = pytest.mark.django_db

# The organiser's figures and attention list (1), the completed count (1) and the
# people at risk (5), whatever their number.
QUERIES_OF_HOME = 10


def _idle(member, days=40):
    """``member`` selected ``days`` ago, with no module since."""
    CohortMember.objects.filter(pk=member.pk).update(
        decided_at=timezone.now() - datetime.timedelta(days=days)
    )
    return member


@pytest.fixture
def modules(edition):
    return builders.make_modules(edition, 13)


def _panel(response):
    content = response.content.decode()
    if 'id="at-risk"' not in content:
        return None
    return [
        (risk.member.person.full_name, risk.summary)
        for risk in response.context["at_risk"]
    ]


def test_organiser_sees_everyone_at_risk_with_reasons_and_links(
    client_for, organiser, edition, modules, participant, other_participant
):
    _idle(participant)

    response = client_for(organiser).get("/")

    content = response.content.decode()
    assert _panel(response) == [
        ("Ștefan Niță", "Niciun modul nou de 40 de zile"),
    ]
    link = reverse("cohorts:member_progress", args=[participant.pk])
    assert f'<a href="{link}">Ștefan Niță</a>' in content
    assert '<span class="small">Niciun modul nou de 40 de zile</span>' in content


def test_mentor_sees_only_their_groups(
    client_for, edition, modules, mentor_user, participant, other_participant
):
    _idle(participant)
    _idle(other_participant)
    factories.make_group(edition, mentors=[mentor_user.mentor], members=[participant])

    response = client_for(mentor_user).get("/")

    assert _panel(response) == [("Ștefan Niță", "Niciun modul nou de 40 de zile")]


def test_nobody_at_risk_says_so(client_for, organiser, edition, modules, participant):
    response = client_for(organiser).get("/")

    assert _panel(response) == []
    assert "Nimeni nu este în risc." in response.content.decode()


def test_no_panel_for_jurors_or_participants(
    client_for, edition, modules, juror_user, participant
):
    _idle(participant)

    pages = [
        client_for(user).get("/") for user in (juror_user, participant.person.user)
    ]

    assert [_panel(page) for page in pages] == [None, None]


def test_completed_count_on_the_organisers_home(
    client_for, organiser, edition, modules, participant, other_participant
):
    builders.complete(participant, modules[:11])
    builders.complete(other_participant, modules[:10])

    response = client_for(organiser).get("/")

    overview = {item["key"]: item for item in response.context["overview"]}
    assert (overview["completed"]["value"], overview["completed"]["target"]) == (1, 75)
    assert str(overview["completed"]["label"]) == "A absolvit pregătirea"


def test_home_queries_do_not_grow_with_people_at_risk(
    client_for, organiser, edition, modules, django_assert_num_queries
):
    client = client_for(organiser)
    _idle(builders.make_members(edition, 1)[0])
    client.get("/")
    # Read afresh, as the first view after any change is.
    freshness.changed()
    with django_assert_num_queries(QUERIES_OF_HOME) as one:
        first = client.get("/")
    for member in builders.make_members(edition, 30):
        _idle(member)

    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get("/")

    assert (len(first.context["at_risk"]), len(response.context["at_risk"])) == (1, 31)


def test_no_panel_before_the_first_edition(client_for, organiser):
    response = client_for(organiser).get("/")

    assert _panel(response) is None


@pytest.mark.parametrize("role", ["organiser", "mentor"])
def test_nobody_at_risk_once_the_last_workshop_is_held(
    client_for, organiser, mentor_user, edition, modules, participant, role
):
    _idle(participant)
    factories.make_group(edition, mentors=[mentor_user.mentor], members=[participant])
    factories.make_workshop(
        edition, starts_at=timezone.now() - datetime.timedelta(days=2)
    )
    user = organiser if role == "organiser" else mentor_user

    response = client_for(user).get("/")

    assert _panel(response) == []
