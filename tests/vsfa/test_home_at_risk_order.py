"""The home page's list of people at risk, in Romanian alphabetical order."""

import datetime
import re

import pytest
from django.utils import timezone

from cohorts.models import CohortMember
from tests import factories, names
from tests.cohorts import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def idle_members(edition):
    builders.make_modules(edition, 13)
    members = names.make_members(edition)
    CohortMember.objects.update(decided_at=timezone.now() - datetime.timedelta(days=40))
    return members


def _names_at_risk(response):
    panel = response.content.decode().split('id="at-risk"', 1)[1]
    return re.findall(r'<a href="/[^"]*">([^<]+)</a>', panel.split("</section>")[0])


def test_organiser_sees_people_at_risk_in_romanian_order(
    client_for, organiser, idle_members
):
    response = client_for(organiser).get("/")

    assert _names_at_risk(response) == names.full_names()


def test_mentor_sees_their_groups_at_risk_in_romanian_order(
    client_for, edition, mentor_user, idle_members
):
    factories.make_group(edition, mentors=[mentor_user.mentor], members=idle_members)

    response = client_for(mentor_user).get("/")

    assert _names_at_risk(response) == names.full_names()
