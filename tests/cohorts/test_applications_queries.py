"""The selection board costs the same number of queries for one application
and for a full page of them."""

import pytest
from django.urls import reverse

from cohorts.choices import MemberStatus
from cohorts.models import ApplicationReview
from tests import factories
from tests.cohorts import application_builders as ab

pytestmark = pytest.mark.django_db


def _applications(edition, count, reviewers):
    ab.open_call(edition)
    conference = factories.make_conference(edition)
    for number in range(count):
        application = ab.apply_as_attendee(
            edition,
            conference,
            birth_date=ab.years_ago(15),
            guardian_name="Părinte",
            guardian_contact="0733 000 111",
            sensitive={"roma": "yes", "low_income": "prefer_not"},
        )
        for reviewer in reviewers:
            ApplicationReview.objects.create(
                application=application, reviewer=reviewer, score=1 + number % 5
            )
        if number % 2:
            factories.make_member(
                edition,
                person=application.person,
                status=MemberStatus.WAITLISTED,
                waitlist_rank=number,
            )


@pytest.mark.parametrize("count", [1, 40])
@pytest.mark.parametrize(("sensitive", "queries"), [(False, 10), (True, 15)])
def test_board_queries_do_not_grow(
    client_for, edition, django_assert_num_queries, count, sensitive, queries
):
    organiser = factories.make_user("organiser")
    organiser.can_view_sensitive = sensitive
    organiser.save()
    _applications(edition, count, [organiser, factories.make_user("organiser")])
    client = client_for(organiser)

    with django_assert_num_queries(queries):
        response = client.get(reverse("cohorts:application_list"))

    assert len(response.context["page_obj"]) == count
