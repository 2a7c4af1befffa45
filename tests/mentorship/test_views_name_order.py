"""Forms and pages of mentoring that list people in Romanian alphabetical order."""

import datetime
import re

import pytest
from django.urls import reverse

from tests import factories, names
from tests.mentorship.builders import make_followed_startup, make_mentor_user

pytestmark = pytest.mark.django_db


def _checkbox_labels(response, field):
    """The names next to the checkboxes of ``field``, in page order."""
    return re.findall(
        rf'<label for="id_{field}_\d+"[^>]*>\s*([^<]+?)\s*</label>',
        response.content.decode(),
    )


@pytest.fixture
def group(edition, mentor_user):
    return factories.make_group(
        edition, mentors=[mentor_user.mentor], members=names.make_members(edition)
    )


@pytest.mark.parametrize("persona", ["organiser", "mentor_user"])
def test_session_form_lists_attendees_in_romanian_order(sign_in_as, persona, group):
    url = reverse("mentorship:session_create", kwargs={"group_pk": group.pk})

    response = sign_in_as(persona).get(url)

    assert _checkbox_labels(response, "attendees") == names.full_names()


def test_group_form_lists_the_cohort_in_romanian_order(sign_in_as, group):
    url = reverse("mentorship:group_update", kwargs={"pk": group.pk})

    response = sign_in_as("organiser").get(url)

    assert _checkbox_labels(response, "members") == names.full_names()


def test_group_form_lists_mentors_in_romanian_order(sign_in_as, group):
    for full_name in ["Ștefan Ene", "Zoe Mara", "Sorin Pop", "Ămălia Dinu"]:
        make_mentor_user(full_name)
    url = reverse("mentorship:group_update", kwargs={"pk": group.pk})

    response = sign_in_as("organiser").get(url)

    assert _checkbox_labels(response, "mentors") == [
        "Ămălia Dinu (Beta SRL)",
        "Mihai Mentor (Acme SRL)",
        "Sorin Pop (Beta SRL)",
        "Ștefan Ene (Beta SRL)",
        "Zoe Mara (Beta SRL)",
    ]


@pytest.mark.parametrize("persona", ["organiser", "mentor_user"])
def test_startup_page_lists_founders_in_romanian_order(
    sign_in_as, persona, edition, mentor_user
):
    members = names.make_members(edition, birth_date=datetime.date(2000, 1, 1))
    startup = make_followed_startup(
        edition,
        mentors=[mentor_user.mentor],
        founders=[member.person for member in members],
    )
    url = reverse("mentorship:startup_detail", kwargs={"pk": startup.pk})

    response = sign_in_as(persona).get(url)

    founders = [founder.person.full_name for founder in response.context["founders"]]
    assert founders == names.full_names()


def test_startup_form_lists_candidate_founders_in_romanian_order(sign_in_as, edition):
    names.make_members(edition)

    response = sign_in_as("organiser").get(reverse("mentorship:startup_create"))

    assert _checkbox_labels(response, "founders") == names.full_names()
