import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils.translation import gettext

from mentorship.models import Mentor, MentorGroup
from tests import factories
from tests.mentorship.conftest import PERSONAS

NOT_ORGANISERS = [persona for persona in PERSONAS[1:] if persona != "anonymous"]


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def login_url(url):
    return f"/accounts/login/?next={url}"


# Mentors


def test_mentor_list_organiser_sees_mentors_with_counts(
    sign_in_as, edition, mentor_user, other_mentor, participant
):
    factories.make_group(edition, mentors=[mentor_user.mentor], members=[participant])
    url = reverse("mentorship:mentor_list")

    response = sign_in_as("organiser").get(url)

    rows = [
        (mentor.user.full_name, mentor.group_count, mentor.startup_count)
        for mentor in response.context["page_obj"]
    ]
    assert response.status_code == 200
    assert rows == [("Andrei Altul", 0, 0), ("Mihai Mentor", 1, 0)]


def test_mentor_list_search_by_company(sign_in_as, mentor_user, other_mentor):
    url = reverse("mentorship:mentor_list")

    response = sign_in_as("organiser").post(url, {"q": "beta"}, follow=True)

    assert [mentor.user for mentor in response.context["page_obj"]] == [other_mentor]


@pytest.mark.parametrize("persona", NOT_ORGANISERS)
def test_mentor_list_others_get_404(sign_in_as, persona):
    response = sign_in_as(persona).get(reverse("mentorship:mentor_list"))

    assert response.status_code == 404


def test_mentor_list_anonymous_signs_in_first(sign_in_as):
    url = reverse("mentorship:mentor_list")

    response = sign_in_as("anonymous").get(url)

    assert (response.status_code, response.url) == (302, login_url(url))


def test_mentor_create_organiser_adds_and_invites_once(
    sign_in_as, mailoutbox, django_capture_on_commit_callbacks
):
    client = sign_in_as("organiser")
    data = {"full_name": "Elena Vlad", "email": "elena@firma.ro", "company": "Firma"}

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(reverse("mentorship:mentor_create"), data)
    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(reverse("mentorship:mentor_create"), data)

    mentor = Mentor.objects.get()
    assert (first.status_code, first.url) == (302, reverse("mentorship:mentor_list"))
    assert second.status_code == 302
    assert (mentor.user.email, mentor.company, mentor.user.is_mentor) == (
        "elena@firma.ro",
        "Firma",
        True,
    )
    assert [message.to for message in mailoutbox] == [["elena@firma.ro"]]


def test_mentor_create_form_shows_errors_and_keeps_values(sign_in_as):
    response = sign_in_as("organiser").post(
        reverse("mentorship:mentor_create"),
        {"full_name": "Elena Vlad", "email": "not-an-address"},
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["email"]
    assert 'value="Elena Vlad"' in response.content.decode()
    assert Mentor.objects.count() == 0


@pytest.mark.parametrize("persona", NOT_ORGANISERS)
def test_mentor_create_others_get_404_and_add_nobody(sign_in_as, persona):
    response = sign_in_as(persona).post(
        reverse("mentorship:mentor_create"),
        {"full_name": "Elena Vlad", "email": "elena@firma.ro"},
    )

    assert response.status_code == 404
    assert Mentor.objects.filter(user__email="elena@firma.ro").exists() is False


def test_mentor_create_anonymous_signs_in_first(sign_in_as):
    url = reverse("mentorship:mentor_create")

    response = sign_in_as("anonymous").post(url, {"email": "x@y.ro"})

    assert (response.status_code, response.url) == (302, login_url(url))


# Groups


def test_group_list_organiser_sees_all_groups(
    sign_in_as, edition, mentor_user, other_mentor, participant
):
    factories.make_group(
        edition, mentors=[mentor_user.mentor], members=[participant], name="Alfa"
    )
    factories.make_group(edition, mentors=[other_mentor.mentor], name="Beta")
    factories.make_group(factories.make_edition(current=False), name="Veche")

    response = sign_in_as("organiser").get(reverse("mentorship:group_list"))

    rows = [
        (group.name, group.member_count, [str(m) for m in group.mentors.all()])
        for group in response.context["page_obj"]
    ]
    assert rows == [("Alfa", 1, ["Mihai Mentor"]), ("Beta", 0, ["Andrei Altul"])]


@pytest.mark.parametrize("persona", NOT_ORGANISERS)
def test_group_list_others_get_404(sign_in_as, persona):
    response = sign_in_as(persona).get(reverse("mentorship:group_list"))

    assert response.status_code == 404


def test_group_list_anonymous_signs_in_first(sign_in_as):
    url = reverse("mentorship:group_list")

    response = sign_in_as("anonymous").get(url)

    assert (response.status_code, response.url) == (302, login_url(url))


def test_group_create_organiser_saves_group(
    sign_in_as, edition, mentor_user, participant, other_participant
):
    response = sign_in_as("organiser").post(
        reverse("mentorship:group_create"),
        {
            "name": "Grupa Alfa",
            "mentors": [mentor_user.mentor.pk],
            "members": [participant.pk, other_participant.pk],
        },
    )

    group = MentorGroup.objects.get()
    assert (response.status_code, response.url) == (
        302,
        reverse("mentorship:group_list"),
    )
    assert (group.edition, group.name) == (edition, "Grupa Alfa")
    assert list(group.mentors.all()) == [mentor_user.mentor]
    assert set(group.members.all()) == {participant, other_participant}
    assert messages_of(response) == [
        gettext("Group %(name)s saved.") % {"name": "Grupa Alfa"}
    ]


def test_group_create_member_of_another_group_refused(
    sign_in_as, edition, mentor_user, participant
):
    factories.make_group(edition, members=[participant], name="Alfa")

    response = sign_in_as("organiser").post(
        reverse("mentorship:group_create"),
        {
            "name": "Beta",
            "mentors": [mentor_user.mentor.pk],
            "members": [participant.pk],
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "members": [
            gettext("%(person)s is already in the group %(group)s.")
            % {"person": "Ștefan Niță", "group": "Alfa"}
        ]
    }
    assert MentorGroup.objects.count() == 1


@pytest.mark.parametrize("persona", NOT_ORGANISERS)
def test_group_create_others_get_404(sign_in_as, persona, mentor_user):
    response = sign_in_as(persona).post(
        reverse("mentorship:group_create"),
        {"name": "X", "mentors": [mentor_user.mentor.pk]},
    )

    assert response.status_code == 404
    assert MentorGroup.objects.count() == 0


def test_group_create_anonymous_signs_in_first(sign_in_as, edition, mentor_user):
    url = reverse("mentorship:group_create")

    response = sign_in_as("anonymous").post(
        url, {"name": "X", "mentors": [mentor_user.mentor.pk]}
    )

    assert (response.status_code, response.url) == (302, login_url(url))
    assert MentorGroup.objects.count() == 0


def test_group_update_organiser_changes_members(
    sign_in_as, edition, mentor_user, participant, other_participant
):
    group = factories.make_group(
        edition, mentors=[mentor_user.mentor], members=[participant], name="Alfa"
    )
    url = reverse("mentorship:group_update", kwargs={"pk": group.pk})
    client = sign_in_as("organiser")

    form_page = client.get(url)
    response = client.post(
        url,
        {
            "name": "Alfa",
            "mentors": [mentor_user.mentor.pk],
            "members": [other_participant.pk],
        },
    )

    assert form_page.context["form"].initial["members"] == [participant.pk]
    assert response.status_code == 302
    assert list(group.members.all()) == [other_participant]


@pytest.mark.parametrize("persona", NOT_ORGANISERS)
def test_group_update_others_get_404(sign_in_as, persona, edition, mentor_user):
    group = factories.make_group(edition, mentors=[mentor_user.mentor], name="Alfa")

    response = sign_in_as(persona).post(
        reverse("mentorship:group_update", kwargs={"pk": group.pk}),
        {"name": "Schimbat", "mentors": [mentor_user.mentor.pk]},
    )

    group.refresh_from_db()
    assert response.status_code == 404
    assert group.name == "Alfa"


def test_group_update_anonymous_signs_in_first(sign_in_as, edition):
    group = factories.make_group(edition)
    url = reverse("mentorship:group_update", kwargs={"pk": group.pk})

    response = sign_in_as("anonymous").get(url)

    assert (response.status_code, response.url) == (302, login_url(url))


# A mentor's own groups


def test_my_groups_mentor_sees_only_their_groups(
    sign_in_as, edition, mentor_user, other_mentor, participant
):
    mine = factories.make_group(
        edition, mentors=[mentor_user.mentor], members=[participant], name="Alfa"
    )
    factories.make_group(edition, mentors=[other_mentor.mentor], name="Beta")

    response = sign_in_as("mentor_user").get(reverse("mentorship:my_groups"))

    assert list(response.context["page_obj"]) == [mine]
    html = response.content.decode()
    assert reverse("mentorship:session_create", kwargs={"group_pk": mine.pk}) in html
    assert "Beta" not in html


@pytest.mark.parametrize(
    "persona", ["organiser", "juror_user", "participant", "other_participant"]
)
def test_my_groups_non_mentors_get_404(sign_in_as, persona):
    response = sign_in_as(persona).get(reverse("mentorship:my_groups"))

    assert response.status_code == 404


def test_my_groups_other_mentor_sees_none_of_this_mentors(
    sign_in_as, edition, mentor_user, other_mentor
):
    factories.make_group(edition, mentors=[mentor_user.mentor], name="Alfa")

    response = sign_in_as("other_mentor").get(reverse("mentorship:my_groups"))

    assert list(response.context["page_obj"]) == []


def test_my_groups_anonymous_signs_in_first(sign_in_as):
    url = reverse("mentorship:my_groups")

    response = sign_in_as("anonymous").get(url)

    assert (response.status_code, response.url) == (302, login_url(url))


# Query counts at one and at many rows


@pytest.mark.parametrize("count", [1, 15])
def test_mentor_list_queries_do_not_grow_with_rows(
    sign_in_as, edition, count, django_assert_num_queries
):
    for number in range(count):
        user = factories.make_user("mentor", full_name=f"Mentor {number}")
        factories.make_mentor(user=user)
    client = sign_in_as("organiser")

    # session, user, edition, count, page, editions for the switcher
    with django_assert_num_queries(6):
        response = client.get(reverse("mentorship:mentor_list"))

    assert len(response.context["page_obj"]) == count


@pytest.mark.parametrize("count", [1, 15])
def test_group_list_queries_do_not_grow_with_rows(
    sign_in_as, edition, mentor_user, count, django_assert_num_queries
):
    for _ in range(count):
        member = factories.make_member(edition)
        factories.make_group(edition, mentors=[mentor_user.mentor], members=[member])
    client = sign_in_as("organiser")

    # session, user, edition, count, page, mentors, editions for the switcher
    with django_assert_num_queries(7):
        response = client.get(reverse("mentorship:group_list"))

    assert len(response.context["page_obj"]) == count


@pytest.mark.parametrize("count", [1, 15])
def test_my_groups_queries_do_not_grow_with_rows(
    sign_in_as, edition, mentor_user, count, django_assert_num_queries
):
    for _ in range(count):
        factories.make_group(edition, mentors=[mentor_user.mentor])
    client = sign_in_as("mentor_user")

    # session, user, edition, mentor profile, count, page, mentors
    with django_assert_num_queries(7):
        response = client.get(reverse("mentorship:my_groups"))

    assert len(response.context["page_obj"]) == count


def test_group_list_hidden_label_stays_inside_the_table(sign_in_as, edition):
    factories.make_group(edition, name="Alfa")

    response = sign_in_as("organiser").get(reverse("mentorship:group_list"))

    # Absolutely placed, the hidden label would widen a phone's page.
    assert (
        response.content.decode().count(
            '<th scope="col" class="position-relative"><span class="visually-hidden">'
        )
        == 1
    )


def test_group_update_organiser_renames_group(sign_in_as, edition, mentor_user):
    group = factories.make_group(edition, mentors=[mentor_user.mentor], name="Alfa")
    url = reverse("mentorship:group_update", kwargs={"pk": group.pk})

    response = sign_in_as("organiser").post(
        url, {"name": "Grupa Alfa", "mentors": [mentor_user.mentor.pk]}
    )

    group.refresh_from_db()
    assert response.status_code == 302
    assert group.name == "Grupa Alfa"
    assert messages_of(response) == [
        gettext("Group %(name)s saved.") % {"name": "Grupa Alfa"}
    ]


def test_group_update_refused_rename_keeps_the_saved_name(
    sign_in_as, edition, mentor_user
):
    group = factories.make_group(edition, mentors=[mentor_user.mentor], name="Alfa")
    factories.make_group(edition, name="Beta")
    url = reverse("mentorship:group_update", kwargs={"pk": group.pk})

    response = sign_in_as("organiser").post(
        url, {"name": "Beta", "mentors": [mentor_user.mentor.pk]}
    )

    group.refresh_from_db()
    assert response.context["form"].errors == {
        "name": [gettext("This edition already has a group with this name.")]
    }
    assert response.context["object"].name == "Alfa"
    assert 'value="Beta"' in response.content.decode()
    assert group.name == "Alfa"
