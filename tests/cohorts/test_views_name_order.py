"""Lists of cohort members in Romanian alphabetical order, on SQLite too."""

import re

import pytest
from django.urls import reverse

from tests import factories, names
from tests.cohorts import builders

pytestmark = pytest.mark.django_db


def test_completion_grid_lists_members_in_romanian_order(
    client_for, organiser, edition
):
    names.make_members(edition)
    builders.make_modules(edition, 2)

    response = client_for(organiser).get(reverse("cohorts:completion_grid"))

    rows = re.findall(
        r'<th scope="row" class="text-start">([^<]+)</th>', response.content.decode()
    )
    assert rows == names.full_names()


def test_workshop_sheet_lists_members_in_romanian_order(client_for, organiser, edition):
    names.make_members(edition)
    workshop = factories.make_workshop(edition)

    response = client_for(organiser).get(
        reverse("cohorts:workshop_attendance", args=[workshop.pk])
    )

    rows = re.findall(
        r'<th scope="row" id="member-\d+">([^<]+)', response.content.decode()
    )
    assert rows == names.full_names()
