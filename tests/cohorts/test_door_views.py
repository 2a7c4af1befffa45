"""The check-in page, the sign-in sheet and late entry, as organisers use them."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from cohorts.models import Attendance
from tests import factories
from tests.cohorts import builders
from vsfa.models import AuditEvent, Person
from vsfa.text import canonical

pytestmark = pytest.mark.django_db

JSON = {"accept": "application/json"}
URL_ATTRIBUTES = re.compile(r'(?:href|action|formaction|src)="([^"]*)"')


def _ro(msgid, **values):
    with translation.override("ro"):
        return gettext(msgid) % values


def _messages(response):
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def client(client_for, organiser):
    return client_for(organiser)


@pytest.fixture
def conference(edition):
    return factories.make_conference(
        edition,
        school=factories.make_school("Colegiul Tehnic Iuliu Maniu"),
        venue="Aula Magna",
        expected_audience=120,
    )


@pytest.fixture
def stefan(conference):
    """Registered beforehand, not present yet."""
    attendance = builders.attend(
        conference, given_name="Ștefan", family_name="Niță", class_name="10B"
    )
    Attendance.objects.filter(pk=attendance.pk).update(present=False)
    attendance.refresh_from_db()
    return attendance


def _url(name, conference):
    return reverse(f"cohorts:{name}", kwargs={"conference_pk": conference.pk})


def _search(client, conference, query, **extra):
    return client.post(_url("door_search", conference), {"q": query}, **extra)


def _tap(client, conference, person, name="door_check_in", **extra):
    return client.post(_url(name, conference), {"person": person.pk}, **extra)


def _walk_in(**fields):
    return {
        "given_name": "Andrei",
        "family_name": "DOBRE",
        "class_name": "9A",
        "birth_date": "",
        "email": "",
        "phone": "",
        **fields,
    }


def _urls_in(html):
    return URL_ATTRIBUTES.findall(html)


# The page and the search


def test_door_page_lists_the_conference_and_its_count(client, conference, stefan):
    builders.attend(conference, given_name="Maria", family_name="Ene")

    response = client.get(_url("door", conference))

    assert response.templates[0].name == "cohorts/door_check_in.html"
    assert [row.person.full_name for row in response.context["listed"]] == [
        "Maria Ene",
        "Ștefan Niță",
    ]
    counts = response.context["counts"]
    assert (counts.present, counts.expected, counts.registered, counts.walk_ins) == (
        1,
        120,
        2,
        0,
    )


def test_door_search_keeps_the_term_in_the_session_not_the_url(
    client, conference, stefan
):
    response = _search(client, conference, "stefan")

    assert response.status_code == 302
    assert response.url == _url("door", conference)
    page = client.get(response.url)
    assert [row.person for row in page.context["listed"]] == [stefan.person]
    assert page.context["search_form"]["q"].value() == "stefan"


@pytest.mark.parametrize(
    "given_name",
    ["Ștefan", "Ştefan", "ȘTEFAN"],
    ids=["comma-below", "cedilla", "capitals"],
)
def test_door_search_without_diacritics_finds_every_spelling(
    client, conference, given_name
):
    builders.attend(conference, given_name=given_name, family_name="Pop")
    builders.attend(conference, given_name="Maria", family_name="Ene")

    response = _search(client, conference, "stefan", headers=JSON)

    html = response.json()["results_html"]
    assert html.count('class="list-group-item door-row') == 1
    # Cedilla letters are stored as the correct comma-below ones.
    assert f"{canonical(given_name)} Pop" in html


def test_door_search_shows_people_not_on_the_list_below(
    client, edition, conference, stefan
):
    builders.attend(
        factories.make_conference(edition), given_name="Ștefania", family_name="Radu"
    )

    response = client.get(_search(client, conference, "stef").url)

    assert [row.person.full_name for row in response.context["listed"]] == [
        "Ștefan Niță"
    ]
    assert [row.person.full_name for row in response.context["others"]] == [
        "Ștefania Radu"
    ]


def test_door_search_cleared_shows_the_whole_list_again(client, conference, stefan):
    builders.attend(conference, given_name="Maria", family_name="Ene")
    _search(client, conference, "stefan")

    client.post(_url("door_search", conference), {"q": "stefan", "clear": "1"})

    page = client.get(_url("door", conference))
    assert len(page.context["listed"]) == 2
    assert page.context["search_form"]["q"].value() == ""


def test_no_url_of_the_door_carries_the_search_term(
    client, edition, conference, stefan
):
    builders.attend(factories.make_conference(edition), given_name="Ștefania")
    for _ in range(60):
        builders.attend(conference, given_name="Ștefan")
    term = "stefan"

    searched = _search(client, conference, term)
    page = client.get(searched.url).content.decode()
    answers = [
        _search(client, conference, term, headers=JSON).json()["results_html"],
        _tap(client, conference, stefan.person, headers=JSON).json()["row_html"],
        _tap(client, conference, stefan.person, headers=JSON).json()["last_html"],
        _tap(client, conference, stefan.person, "door_undo", headers=JSON).json()[
            "row_html"
        ],
    ]
    tapped = _tap(client, conference, stefan.person)
    walked_in = client.post(_url("door_walk_in", conference), _walk_in(given_name=""))

    urls = [searched.url, tapped.url, *_urls_in(page)]
    urls += [url for html in answers for url in _urls_in(html)]
    urls += _urls_in(walked_in.content.decode())
    assert len(urls) > 10
    assert [url for url in urls if term in url.lower()] == []


def test_door_search_is_posted_only(client, conference):
    response = client.get(_url("door_search", conference), {"q": "stefan"})

    assert response.status_code == 405


def test_door_page_list_is_paginated(client, conference):
    for _ in range(55):
        builders.attend(conference)

    response = client.get(_url("door", conference), {"page": "2"})

    assert response.context["page_obj"].number == 2
    assert len(response.context["listed"]) == 5


# Tap, undo, double tap


def test_tap_marks_present_and_reloads_the_page_without_script(
    client, organiser, conference, stefan
):
    response = _tap(client, conference, stefan.person)

    stefan.refresh_from_db()
    assert response.status_code == 302
    assert response.url == _url("door", conference)
    assert (stefan.present, stefan.checked_in_by) == (True, organiser)
    page = client.get(response.url)
    assert _messages(page) == [_ro("%(name)s marked present.", name="Ștefan Niță")]
    assert page.context["last"].person == stefan.person
    assert page.context["counts"].present == 1


def test_tap_answers_the_script_with_the_row_and_the_count(client, conference, stefan):
    response = _tap(client, conference, stefan.person, headers=JSON)

    body = response.json()
    assert body["message"] == _ro("%(name)s marked present.", name="Ștefan Niță")
    assert body["person"] == stefan.person.pk
    assert body["counts"] == {
        "present": 1,
        "registered": 1,
        "walk_ins": 0,
        "expected": 120,
    }
    assert f'id="door-row-{stefan.person.pk}"' in body["row_html"]
    assert _url("door_undo", conference) in body["row_html"]
    assert _url("door_undo", conference) in body["last_html"]


def test_tap_keeps_the_page_of_the_list(client, conference, stefan):
    response = client.post(
        _url("door_check_in", conference), {"person": stefan.person.pk, "page": "2"}
    )

    assert response.url == f"{_url('door', conference)}?page=2"


def test_double_tap_records_one_check_in(client, conference, stefan):
    _tap(client, conference, stefan.person, headers=JSON)

    second = _tap(client, conference, stefan.person, headers=JSON)

    assert second.json()["message"] == _ro(
        "%(name)s was already marked present.", name="Ștefan Niță"
    )
    assert second.json()["counts"]["present"] == 1
    assert Attendance.objects.filter(conference=conference).count() == 1
    assert list(AuditEvent.objects.values_list("action", flat=True)) == [
        "attendance.checked_in"
    ]


def test_tap_on_someone_not_on_the_list_adds_a_walk_in(
    client, edition, conference, stefan
):
    other = builders.attend(factories.make_conference(edition), class_name="11C")

    response = _tap(client, conference, other.person, headers=JSON)

    body = response.json()
    assert body["message"] == _ro(
        "%(name)s added to the list as a walk-in and marked present.",
        name=other.person.full_name,
    )
    assert body["counts"] == {
        "present": 1,
        "registered": 1,
        "walk_ins": 1,
        "expected": 120,
    }


def test_undo_right_after_a_tap(client, conference, stefan):
    _tap(client, conference, stefan.person)

    response = _tap(client, conference, stefan.person, "door_undo", headers=JSON)

    stefan.refresh_from_db()
    body = response.json()
    assert stefan.present is False
    assert body["message"] == _ro("Check-in of %(name)s undone.", name="Ștefan Niță")
    assert body["counts"]["present"] == 0
    assert body["last_html"].strip() == ""
    assert _url("door_check_in", conference) in body["row_html"]


def test_undo_on_a_present_row_without_script(client, conference):
    attendance = builders.attend(conference, given_name="Maria", family_name="Ene")

    response = _tap(client, conference, attendance.person, "door_undo")

    attendance.refresh_from_db()
    assert attendance.present is False
    page = client.get(response.url)
    assert _messages(page) == [_ro("Check-in of %(name)s undone.", name="Maria Ene")]
    assert page.context["last"] is None


def test_undo_twice_says_so(client, conference, stefan):
    response = _tap(client, conference, stefan.person, "door_undo", follow=True)

    assert _messages(response) == [
        _ro("%(name)s was not marked present.", name="Ștefan Niță")
    ]


def test_tap_on_an_unknown_or_merged_person_is_404(client, conference, stefan):
    merged = factories.make_person(merged_into=stefan.person)

    unknown = client.post(_url("door_check_in", conference), {"person": "999999"})
    missing = client.post(_url("door_check_in", conference), {})
    into = _tap(client, conference, merged)

    assert [unknown.status_code, missing.status_code, into.status_code] == [404] * 3
    assert Attendance.objects.filter(conference=conference).count() == 1


# Walk-ins


def test_walk_in_added_without_script(client, conference):
    response = client.post(_url("door_walk_in", conference), _walk_in())

    attendance = Attendance.objects.get(conference=conference)
    assert response.url == _url("door", conference)
    assert (
        attendance.person.full_name,
        attendance.class_name,
        attendance.walk_in,
        attendance.present,
    ) == ("Andrei Dobre", "9A", True, True)
    page = client.get(response.url)
    assert _messages(page) == [
        _ro(
            "%(name)s added to the list as a walk-in and marked present.",
            name="Andrei Dobre",
        )
    ]


def test_walk_in_answers_the_script_with_a_blank_form(client, conference, stefan):
    response = client.post(_url("door_walk_in", conference), _walk_in(), headers=JSON)

    body = response.json()
    assert body["counts"] == {
        "present": 1,
        "registered": 1,
        "walk_ins": 1,
        "expected": 120,
    }
    assert 'name="given_name"' in body["form_html"]
    assert "Andrei" not in body["form_html"]
    assert "Andrei Dobre" in body["last_html"]


def test_walk_in_with_errors_keeps_what_was_typed(client, conference):
    response = client.post(
        _url("door_walk_in", conference),
        _walk_in(family_name="", phone="12"),
    )

    form = response.context["walk_in_form"]
    assert response.status_code == 200
    assert sorted(form.errors) == ["family_name", "phone"]
    assert form["given_name"].value() == "Andrei"
    assert Attendance.objects.count() == 0


def test_walk_in_with_errors_answers_the_script_with_the_form(client, conference):
    response = client.post(
        _url("door_walk_in", conference), _walk_in(given_name=""), headers=JSON
    )

    assert response.json()["invalid"] is True
    assert "is-invalid" in response.json()["form_html"]
    assert Person.objects.count() == 0


def test_walk_in_sent_twice_adds_one_person(client, conference):
    client.post(_url("door_walk_in", conference), _walk_in())

    response = client.post(_url("door_walk_in", conference), _walk_in(), follow=True)

    assert _messages(response)[-1] == _ro(
        "%(name)s was already marked present.", name="Andrei Dobre"
    )
    assert Attendance.objects.filter(conference=conference).count() == 1
    assert Person.objects.count() == 1


def test_walk_in_of_someone_on_the_list_marks_them_present(client, conference, stefan):
    stefan.person.email = "stefan@example.org"
    stefan.person.save()

    response = client.post(
        _url("door_walk_in", conference),
        _walk_in(given_name="Stefan", family_name="Nita", email="STEFAN@example.org"),
        headers=JSON,
    )

    stefan.refresh_from_db()
    assert stefan.present is True
    assert response.json()["message"] == _ro(
        "%(name)s was on the list and is now marked present.", name="Ștefan Niță"
    )


def test_walk_in_then_undo_takes_them_off_the_list(client, conference):
    client.post(_url("door_walk_in", conference), _walk_in())
    person = Person.objects.get()

    response = _tap(client, conference, person, "door_undo", headers=JSON)

    assert response.json()["counts"] == {
        "present": 0,
        "registered": 0,
        "walk_ins": 0,
        "expected": 120,
    }
    assert Attendance.objects.count() == 0


# The live count without an expected audience


def test_door_count_without_an_expected_audience_shows_a_dash(client, edition):
    conference = factories.make_conference(edition)

    response = client.get(_url("door", conference))

    assert response.context["counts"].expected is None
    assert '<dd data-count="expected">—</dd>' in response.content.decode()


# Queries


def _registered(conference, count):
    for _ in range(count):
        builders.attend(conference, given_name="Ștefan")


@pytest.mark.parametrize("count", [1, 200])
def test_door_page_queries_do_not_grow(
    client, conference, django_assert_num_queries, count
):
    _registered(conference, count)
    _tap(client, conference, Person.objects.first(), "door_undo")
    _tap(client, conference, Person.objects.first())

    with django_assert_num_queries(9):
        response = client.get(_url("door", conference))

    assert len(response.context["listed"]) == min(count, 50)


@pytest.mark.parametrize("count", [1, 200])
def test_door_search_queries_do_not_grow(
    client, edition, conference, django_assert_num_queries, count
):
    _registered(conference, count)
    _registered(factories.make_conference(edition), count)
    _search(client, conference, "stefan")

    with django_assert_num_queries(8):
        response = client.get(_url("door", conference))

    assert len(response.context["listed"]) == min(count, 25)
    assert len(response.context["others"]) == min(count, 10)


@pytest.mark.parametrize("count", [1, 200])
def test_signin_sheet_and_late_entry_queries_do_not_grow(
    client, conference, django_assert_num_queries, count
):
    _registered(conference, count)

    with django_assert_num_queries(6):
        sheet = client.get(_url("signin_sheet", conference))
    with django_assert_num_queries(6):
        entry = client.get(_url("late_entry", conference))

    assert len(sheet.context["attendances"]) == count
    assert len(entry.context["rows"]) == count


# The sign-in sheet


def test_signin_sheet_lists_names_alphabetically_then_blank_lines(client, conference):
    builders.attend(conference, given_name="Ștefan", family_name="Niță")
    builders.attend(conference, given_name="Ana", family_name="Ene", class_name="9C")
    builders.attend(conference, given_name="Mihai", family_name="Albu")

    response = client.get(_url("signin_sheet", conference), {"blank": "4"})

    html = response.content.decode()
    assert [a.person.family_name for a in response.context["attendances"]] == [
        "Albu",
        "Ene",
        "Niță",
    ]
    assert list(response.context["blank_numbers"]) == [4, 5, 6, 7]
    assert html.count("<table") == 1
    assert html.count('<tr class="signin-blank">') == 4
    assert html.count('<th scope="col"') == 5
    for text in ["Colegiul Tehnic Iuliu Maniu", "15.10.2026", "Aula Magna", "9C"]:
        assert text in html


def test_signin_sheet_has_fifteen_blank_lines_by_default_and_at_most_200(
    client, conference
):
    default = client.get(_url("signin_sheet", conference))
    many = client.get(_url("signin_sheet", conference), {"blank": "5000"})
    wrong = client.get(_url("signin_sheet", conference), {"blank": "-3"})

    assert [
        default.context["blank"],
        many.context["blank"],
        wrong.context["blank"],
    ] == [
        15,
        200,
        15,
    ]


# Late entry from the paper sheet


def _late_entry_data(response, present, lines=()):
    data = {
        "shown": response.context["form"]["shown"].value(),
        "present": [str(pk) for pk in present],
        "walkin-TOTAL_FORMS": "5",
        "walkin-INITIAL_FORMS": "0",
        "walkin-MIN_NUM_FORMS": "0",
        "walkin-MAX_NUM_FORMS": "50",
    }
    for index, line in enumerate(lines):
        for name, value in line.items():
            data[f"walkin-{index}-{name}"] = value
    return data


def test_late_entry_marks_presence_and_adds_walk_ins(client, conference, stefan):
    was_present = builders.attend(conference, given_name="Maria", family_name="Ene")
    page = client.get(_url("late_entry", conference))

    response = client.post(
        _url("late_entry", conference),
        _late_entry_data(page, present=[stefan.pk], lines=[_walk_in()]),
    )

    assert response.url == reverse("cohorts:conference_detail", args=[conference.pk])
    assert dict(
        Attendance.objects.filter(conference=conference).values_list(
            "person__family_name", "present"
        )
    ) == {"Niță": True, "Ene": False, "Dobre": True}
    was_present.refresh_from_db()
    assert was_present.walk_in is False
    page = client.get(response.url)
    assert _messages(page) == [
        _ro(
            "Sign-in sheet saved. Marked present: %(marked)s; no longer present: "
            "%(unmarked)s; walk-ins added: %(added)s.",
            marked=1,
            unmarked=1,
            added=1,
        )
    ]


def test_late_entry_keeps_a_check_in_made_at_the_door_meanwhile(
    client, conference, stefan
):
    page = client.get(_url("late_entry", conference))
    _tap(client, conference, stefan.person)

    client.post(_url("late_entry", conference), _late_entry_data(page, present=[]))

    stefan.refresh_from_db()
    assert stefan.present is True


def test_late_entry_with_a_bad_line_saves_nothing(client, conference, stefan):
    page = client.get(_url("late_entry", conference))

    response = client.post(
        _url("late_entry", conference),
        _late_entry_data(
            page, present=[stefan.pk], lines=[_walk_in(), {"class_name": "10A"}]
        ),
    )

    stefan.refresh_from_db()
    assert response.status_code == 200
    assert response.context["walk_ins"].errors[1] == {
        "given_name": [_ro("This field is required.")],
        "family_name": [_ro("This field is required.")],
    }
    assert [checked for _, checked in response.context["rows"]] == [True]
    assert stefan.present is False
    assert Person.objects.count() == 1


def test_late_entry_refuses_a_person_no_longer_on_the_list(client, conference, stefan):
    page = client.get(_url("late_entry", conference))
    data = _late_entry_data(page, present=[stefan.pk])
    Attendance.objects.filter(pk=stefan.pk).delete()

    response = client.post(_url("late_entry", conference), data)

    assert response.status_code == 200
    assert response.context["form"].errors["present"] == [
        _ro(
            "The list changed since this page was opened, so nothing was saved. "
            "Check the ticks and save again."
        )
    ]


def test_late_entry_sent_twice_adds_nothing_the_second_time(client, conference, stefan):
    page = client.get(_url("late_entry", conference))
    data = _late_entry_data(page, present=[stefan.pk], lines=[_walk_in()])
    client.post(_url("late_entry", conference), data)

    response = client.post(_url("late_entry", conference), data, follow=True)

    assert _messages(response)[-1] == _ro(
        "Sign-in sheet saved. Marked present: %(marked)s; no longer present: "
        "%(unmarked)s; walk-ins added: %(added)s.",
        marked=0,
        unmarked=0,
        added=0,
    )
    assert Attendance.objects.filter(conference=conference).count() == 2


# Links


def test_conference_page_links_to_the_door_the_sheet_and_late_entry(client, conference):
    response = client.get(reverse("cohorts:conference_detail", args=[conference.pk]))

    html = response.content.decode()
    for name in ["door", "signin_sheet", "late_entry"]:
        assert f'href="{_url(name, conference)}"' in html
