import pytest
from django.urls import reverse

from mentorship import services_assistance
from mentorship.models import MentorGroup, Startup
from tests import factories
from tests.mentorship.builders import make_followed_startup, pdf_upload


@pytest.fixture
def superuser_client(client, db):
    user = factories.make_user(email="root@example.org")
    user.is_staff = user.is_superuser = True
    user.save()
    client.force_login(user)
    return client


@pytest.fixture
def startup(edition, mentor_user):
    return make_followed_startup(
        edition, mentors=[mentor_user.mentor], name="Atelier Verde SRL"
    )


def test_admin_startup_page_is_read_only(superuser_client, startup):
    url = reverse("admin:mentorship_startup_change", args=[startup.pk])

    page = superuser_client.get(url)
    response = superuser_client.post(url, {"name": "Schimbat SRL"})

    startup.refresh_from_db()
    assert page.status_code == 200
    assert (
        page.context["has_change_permission"],
        page.context["has_delete_permission"],
        page.context["has_add_permission"],
    ) == (False, False, False)
    assert response.status_code == 403
    assert startup.name == "Atelier Verde SRL"


def test_admin_startup_cannot_be_deleted(superuser_client, startup):
    url = reverse("admin:mentorship_startup_delete", args=[startup.pk])

    response = superuser_client.post(url, {"post": "yes"})

    assert response.status_code == 403
    assert Startup.objects.filter(pk=startup.pk).exists() is True


def test_admin_group_cannot_be_changed(superuser_client, edition, participant):
    group = factories.make_group(edition, members=[participant], name="Alfa")
    url = reverse("admin:mentorship_mentorgroup_change", args=[group.pk])

    response = superuser_client.post(url, {"name": "Beta", "edition": edition.pk})

    group.refresh_from_db()
    assert response.status_code == 403
    assert group.name == "Alfa"
    assert MentorGroup.objects.count() == 1


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:mentorship_mentor_changelist",
        "admin:mentorship_mentorgroup_changelist",
        "admin:mentorship_groupsession_changelist",
        "admin:mentorship_startup_changelist",
        "admin:mentorship_reminder_changelist",
    ],
)
def test_admin_lists_load(superuser_client, startup, url_name):
    response = superuser_client.get(reverse(url_name))

    assert response.status_code == 200
    assert response.context["cl"].result_count == (
        response.context["cl"].model.objects.count()
    )


def test_admin_startup_page_lists_help_and_files_without_links(
    superuser_client, startup, organiser
):
    services_assistance.record_assistance(
        actor=organiser,
        startup=startup,
        kind="legal",
        description="Contract",
        provider="Cabinet",
        provided_on=startup.registration_date,
        amount=0,
        budget_line="running",
        files=[pdf_upload("contract.pdf")],
    )
    url = reverse("admin:mentorship_startup_change", args=[startup.pk])

    response = superuser_client.get(url)

    html = response.content.decode()
    assert response.status_code == 200
    assert "contract.pdf" in html
    assert "/private/" not in html
