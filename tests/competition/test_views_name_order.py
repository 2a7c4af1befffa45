"""The final's forms list cohort members in Romanian alphabetical order."""

import re

import pytest
from django.urls import reverse

from tests import names

pytestmark = pytest.mark.django_db


def test_finalist_form_lists_members_in_romanian_order(final, organiser, client_for):
    names.make_members(final.edition)
    url = reverse("competition:finalist_create", kwargs={"pk": final.pk})

    response = client_for(organiser).get(url)

    labels = re.findall(
        r'<label for="id_members_\d+"[^>]*>\s*([^<(]+?) \(',
        response.content.decode(),
    )
    assert labels == names.full_names()
