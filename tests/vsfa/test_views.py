import datetime

import pytest
from django.core import mail

from tests import factories
from vsfa.models import Edition, User

pytestmark = pytest.mark.django_db

ORGANISER_PAGES = [
    "/editions/",
    "/editions/new/",
    "/people/accounts/",
    "/people/accounts/invite/",
]


@pytest.fixture
def personas(organiser, mentor_user, juror_user, participant, other_participant):
    return {
        "organiser": organiser,
        "mentor": mentor_user,
        "juror": juror_user,
        "participant": participant.person.user,
        "other_participant": other_participant.person.user,
    }


@pytest.mark.parametrize("path", ORGANISER_PAGES)
@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("organiser", 200),
        ("mentor", 404),
        ("juror", 404),
        ("participant", 404),
        ("other_participant", 404),
    ],
)
def test_organiser_pages_by_persona(client_for, personas, path, persona, expected):
    client = client_for(personas[persona])

    response = client.get(path)

    assert response.status_code == expected


@pytest.mark.parametrize("path", [*ORGANISER_PAGES, "/"])
def test_pages_send_anonymous_to_sign_in(client, edition, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={path}"


def test_edition_page_for_another_edition_is_404_for_participant(
    client_for, participant
):
    other = factories.make_edition("2030/2031", current=False)

    response = client_for(participant.person.user).get(f"/editions/{other.pk}/edit/")

    assert response.status_code == 404


def test_create_next_edition_prefills_name_and_copies_modules(
    client_for, organiser, edition
):
    from cohorts.services import set_up_curriculum

    set_up_curriculum(edition=edition)
    client = client_for(organiser)

    form_page = client.get("/editions/new/")
    response = client.post(
        "/editions/new/",
        {
            **{
                key: value
                for key, value in form_page.context["form"].initial.items()
                if value is not None
            },
            "starts_on": "2027-09-01",
            "ends_on": "2029-03-31",
            "make_current": "on",
        },
    )

    assert form_page.context["form"].initial["name"] == "2027/2028"
    assert response.status_code == 302
    new = Edition.objects.get(name="2027/2028")
    assert new.is_current is True
    assert Edition.objects.get(pk=edition.pk).is_current is False
    assert new.modules.count() == 13
    assert list(new.modules.values_list("title", flat=True)) == list(
        edition.modules.values_list("title", flat=True)
    )


def test_first_edition_gets_the_romanian_default_modules(client_for, organiser):
    client = client_for(organiser)

    client.post(
        "/editions/new/",
        {
            "name": "2026/2027",
            "starts_on": "2026-09-01",
            "ends_on": "2028-03-31",
            "target_conferences": 15,
            "target_attendees": 1500,
            "cohort_size": 75,
            "target_modules": 13,
            "target_finals": 1,
            "finalist_count": 10,
            "target_startups": 10,
            "checkin_count": 6,
            "checkin_interval_months": 1,
            "min_modules_completed": 11,
            "min_workshop_percent": 75,
        },
    )

    edition = Edition.objects.get()
    assert edition.modules.count() == 13
    assert edition.modules.get(number=13).title == "Pitching"
    assert edition.modules.get(number=3).title == "Descoperirea clienților"


def test_edition_form_keeps_input_and_explains_bad_dates(client_for, organiser):
    response = client_for(organiser).post(
        "/editions/new/",
        {"name": "2026/2027", "starts_on": "2026-09-01", "ends_on": "2026-01-01"},
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["ends_on"] == ["Ediția nu se poate încheia înainte să înceapă."]
    assert form["name"].value() == "2026/2027"
    assert Edition.objects.count() == 0


def test_make_current_switches_the_flag(client_for, organiser, edition):
    later = factories.make_edition(
        "2027/2028", current=False, starts_on=datetime.date(2027, 9, 1)
    )

    response = client_for(organiser).post(f"/editions/{later.pk}/make-current/")

    assert response.status_code == 302
    assert list(Edition.objects.filter(is_current=True)) == [later]


def test_organiser_switches_the_edition_shown(client_for, organiser, edition):
    older = factories.make_edition("2025/2026", current=False)
    client = client_for(organiser)

    client.post("/editions/switch/", {"edition": older.pk, "next": "/"})
    response = client.get("/")

    assert response.context["edition"] == older


def test_switch_ignores_unsafe_next(client_for, organiser, edition):
    response = client_for(organiser).post(
        "/editions/switch/", {"edition": edition.pk, "next": "https://evil.example/"}
    )

    assert response.url == "/"


def test_invite_page_sends_invitation(
    client_for, organiser, edition, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(organiser).post(
            "/people/accounts/invite/",
            {"full_name": "Radu Ionescu", "email": "Radu@Firma.ro", "role": "juror"},
            follow=True,
        )

    assert response.redirect_chain == [("/people/accounts/", 302)]
    user = User.objects.get(email="radu@firma.ro")
    assert user.is_juror is True
    assert [m.to for m in mail.outbox] == [["radu@firma.ro"]]
    assert "Invitație trimisă către radu@firma.ro." in [
        str(m) for m in response.context["messages"]
    ]


def test_account_list_query_count_does_not_grow(
    client_for, organiser, edition, django_assert_num_queries
):
    client = client_for(organiser)
    client.get("/people/accounts/")
    with django_assert_num_queries(6) as one:
        client.get("/people/accounts/")
    for _ in range(30):
        factories.make_user("mentor")

    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get("/people/accounts/")

    assert len(response.context["page_obj"].object_list) == 31


def test_home_counts_people_who_came_once_each(client_for, organiser, edition):
    first = factories.make_conference(edition)
    second = factories.make_conference(edition)
    came_twice = factories.make_person()
    only_registered = factories.make_person()
    first.attendances.create(person=came_twice, present=True)
    second.attendances.create(person=came_twice, present=True)
    first.attendances.create(person=only_registered, present=False)

    response = client_for(organiser).get("/")

    overview = {item["key"]: item["value"] for item in response.context["overview"]}
    assert overview["attendees"] == 1


def test_home_writes_large_figures_with_romanian_grouping(
    client_for, organiser, edition
):
    edition.target_attendees = 12500
    edition.save(update_fields=["target_attendees"])

    response = client_for(organiser).get("/")

    assert "țintă 12.500" in response.content.decode()
