"""Search terms kept in the session: how a list remembers, forgets and pages."""

import re

import pytest
from django.urls import reverse

from cohorts.choices import MemberStatus
from tests import factories
from tests.cohorts import builders
from vsfa import search

pytestmark = pytest.mark.django_db

PEOPLE = reverse("cohorts:person_list")
HREF = re.compile(r'href="([^"]*)"')


def _names(response):
    return [person.full_name for person in response.context["page_obj"]]


@pytest.fixture
def two_people(db):
    return (
        factories.make_person(given_name="Ștefan", family_name="Niță"),
        factories.make_person(given_name="Maria", family_name="Ene"),
    )


def test_posted_term_is_kept_and_the_list_shows_its_matches(
    client_for, organiser, two_people
):
    client = client_for(organiser)

    answer = client.post(PEOPLE, {"q": "  nita  "})
    response = client.get(PEOPLE)

    assert (answer.status_code, answer["Location"]) == (302, PEOPLE)
    assert _names(response) == ["Ștefan Niță"]
    assert response.context["query"] == "nita"


def test_clear_forgets_the_term(client_for, organiser, two_people):
    client = client_for(organiser)
    client.post(PEOPLE, {"q": "nita"})

    answer = client.post(PEOPLE, {"q": "nita", "clear": "1"})
    response = client.get(PEOPLE)

    assert answer["Location"] == PEOPLE
    assert _names(response) == ["Maria Ene", "Ștefan Niță"]
    assert response.context["query"] == ""
    assert "Ștergeți căutarea" not in response.content.decode()


def test_clear_button_shows_only_while_searching(client_for, organiser, two_people):
    client = client_for(organiser)

    client.post(PEOPLE, {"q": "nita"})
    page = client.get(PEOPLE).content.decode()

    assert page.count('name="clear"') == 1
    assert "Ștergeți căutarea" in page


def test_empty_term_forgets_the_search(client_for, organiser, two_people):
    client = client_for(organiser)
    client.post(PEOPLE, {"q": "nita"})

    client.post(PEOPLE, {"q": "   "})
    response = client.get(PEOPLE)

    assert _names(response) == ["Maria Ene", "Ștefan Niță"]


def test_long_term_is_cut_and_spaces_collapse(client_for, organiser):
    client = client_for(organiser)

    client.post(PEOPLE, {"q": "Ana   Maria " + "x" * 200})
    response = client.get(PEOPLE)

    query = response.context["query"]
    assert len(query) == search.MAX_LENGTH
    assert query.startswith("Ana Maria xxx")


def test_term_in_the_address_is_ignored(client_for, organiser, two_people):
    response = client_for(organiser).get(PEOPLE, {"q": "nita"})

    assert _names(response) == ["Maria Ene", "Ștefan Niță"]
    assert response.context["query"] == ""


def test_each_list_keeps_its_own_term(client_for, organiser, edition):
    first = factories.make_conference(edition)
    second = factories.make_conference(edition)
    builders.attend(first, given_name="Ștefan", family_name="Niță")
    builders.attend(second, given_name="Ștefan", family_name="Niță")
    builders.attend(second, given_name="Maria", family_name="Ene")
    client = client_for(organiser)

    client.post(reverse("cohorts:conference_detail", args=[first.pk]), {"q": "ene"})
    on_first = client.get(reverse("cohorts:conference_detail", args=[first.pk]))
    on_second = client.get(reverse("cohorts:conference_detail", args=[second.pk]))
    people = client.get(PEOPLE)

    assert list(on_first.context["page_obj"]) == []
    assert len(on_second.context["page_obj"]) == 2
    assert len(people.context["page_obj"]) == 3


def test_term_is_forgotten_when_the_edition_changes(client_for, organiser, edition):
    older = factories.make_edition("2024/2025", current=False)
    first = factories.make_participant(edition, given_name="Ștefan", family_name="Niță")
    factories.make_participant(edition, given_name="Maria", family_name="Ene")
    factories.make_member(older, person=first.person)
    url = reverse("cohorts:member_list")
    client = client_for(organiser)
    client.post(url, {"q": "nita"})

    client.post(reverse("edition_switch"), {"edition": older.pk})
    in_older = client.get(url)
    client.post(reverse("edition_switch"), {"edition": edition.pk})
    back = client.get(url)

    assert in_older.context["query"] == ""
    assert [m.person.full_name for m in in_older.context["page_obj"]] == ["Ștefan Niță"]
    assert back.context["query"] == ""
    assert len(back.context["page_obj"]) == 2


def test_filters_that_name_no_one_stay_in_the_address(client_for, organiser):
    url = reverse("cohorts:member_list")

    answer = client_for(organiser).post(
        url, {"q": "nita", "status": MemberStatus.WAITLISTED, "page": "3"}
    )

    assert answer["Location"] == f"{url}?status={MemberStatus.WAITLISTED}"


def test_filter_form_shows_the_term_from_the_session(client_for, organiser, edition):
    ab_url = reverse("cohorts:selection")
    client = client_for(organiser)

    client.post(ab_url, {"q": "nita", "status": "none"})
    response = client.get(f"{ab_url}?status=none")

    assert response.context["filters"].cleaned_data["q"] == "nita"
    assert response.context["filters"].cleaned_data["status"] == "none"
    assert 'name="q" value="nita"' in response.content.decode()


def test_pages_of_a_search_carry_no_term(client_for, organiser):
    for number in range(51):
        factories.make_person(given_name="Ana", family_name=f"Zamfir{number:02}")
    client = client_for(organiser)

    client.post(PEOPLE, {"q": "zamfir"})
    first = client.get(PEOPLE)
    second = client.get(PEOPLE, {"page": 2})

    assert HREF.findall(first.content.decode()).count("?page=2") == 1
    assert [h for h in HREF.findall(first.content.decode()) if "zamfir" in h] == []
    assert _names(second) == ["Ana Zamfir50"]


def test_pager_drops_a_term_put_in_the_address(client_for, organiser, edition):
    for _ in range(51):
        factories.make_member(edition, person=factories.make_person())
    url = reverse("cohorts:member_list")

    response = client_for(organiser).get(url, {"status": "selected", "q": "ana"})

    pages = [h for h in HREF.findall(response.content.decode()) if "page=" in h]
    assert pages == ["?status=selected&amp;page=2"]


@pytest.fixture
def outsiders(mentor_user, juror_user, participant):
    return {
        "mentor": mentor_user,
        "juror": juror_user,
        "participant": participant.person.user,
    }


@pytest.mark.parametrize("persona", ["mentor", "juror", "participant"])
def test_others_cannot_search_a_list(client_for, outsiders, persona, two_people):
    client = client_for(outsiders[persona])

    answer = client.post(PEOPLE, {"q": "nita"})

    assert answer.status_code == 404
    assert search.SESSION_KEY not in client.session


def test_anonymous_search_goes_to_sign_in_and_keeps_nothing(client, two_people):
    answer = client.post(PEOPLE, {"q": "nita"})

    assert answer.status_code == 302
    assert answer["Location"].startswith(reverse("account_login"))
    assert "nita" not in answer["Location"]
    assert search.SESSION_KEY not in client.session


@pytest.mark.parametrize("count", [1, 30])
def test_searched_list_queries_do_not_grow(
    client_for, organiser, count, django_assert_num_queries
):
    for number in range(count):
        factories.make_person(given_name="Ana", family_name=f"Zamfir{number:02}")
    client = client_for(organiser)
    client.post(PEOPLE, {"q": "zamfir"})

    # As many as without a search: the term comes with the session.
    with django_assert_num_queries(7):
        searched = client.get(PEOPLE)
    client.post(PEOPLE, {"clear": "1"})
    with django_assert_num_queries(7):
        client.get(PEOPLE)

    assert len(searched.context["page_obj"]) == count
