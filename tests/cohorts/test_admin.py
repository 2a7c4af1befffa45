import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cohorts import services_evidence
from cohorts.admin import ModuleResource, SchoolResource
from cohorts.models import CohortMember, Module, School
from tests import factories

pytestmark = pytest.mark.django_db


def test_school_resource_imports_by_name_without_duplicates():
    factories.make_school("Colegiul Tehnic Iuliu Maniu")
    data = tablib.Dataset(
        ["Colegiul Tehnic Iuliu Maniu", "CT Maniu", "Str. Iuliu Maniu 1"],
        ["Colegiul Tehnic Petru Maior", "CT Petru Maior", ""],
        headers=["name", "short_name", "address"],
    )

    result = SchoolResource().import_data(data, raise_errors=True)

    assert result.has_errors() is False
    assert list(School.objects.values_list("name", "short_name")) == [
        ("Colegiul Tehnic Iuliu Maniu", "CT Maniu"),
        ("Colegiul Tehnic Petru Maior", "CT Petru Maior"),
    ]


def test_module_resource_reads_the_edition_by_name(edition):
    factories.make_module(edition, number=1, title="Vechi")
    data = tablib.Dataset(
        ["2026/2027", "1", "Mentalitate antreprenorială", "", "", "1"],
        ["2026/2027", "14", "Modul nou", "", "https://lectii.example.org/14", ""],
        headers=[
            "edition",
            "number",
            "title",
            "description",
            "lesson_url",
            "due_month",
        ],
    )

    ModuleResource().import_data(data, raise_errors=True)

    assert list(
        Module.objects.filter(edition=edition).values_list("number", "title")
    ) == [(1, "Mentalitate antreprenorială"), (14, "Modul nou")]


def test_module_resource_exports_the_edition_name(edition):
    factories.make_module(edition, number=2, title="Idei")

    exported = ModuleResource().export()

    assert exported.dict[0]["edition"] == "2026/2027"
    assert exported.dict[0]["title"] == "Idei"


@pytest.mark.parametrize(
    ("url", "model"),
    [
        ("/admin/cohorts/school/", School),
        ("/admin/cohorts/module/", Module),
    ],
)
def test_admin_lists_load_for_staff(client, edition, url, model):
    factories.make_module(edition, number=1)
    factories.make_school()
    admin_user = factories.make_user(email="root@example.org")
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client.force_login(admin_user)

    response = client.get(url)

    assert response.status_code == 200
    assert response.context["cl"].result_count == model.objects.count()


@pytest.fixture
def admin_client(client):
    admin_user = factories.make_user(email="root@example.org")
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client.force_login(admin_user)
    return client


def test_admin_cannot_move_a_cohort_place_to_another_edition(admin_client, edition):
    member = factories.make_member(edition)
    other = factories.make_edition(current=False)

    admin_client.post(
        f"/admin/cohorts/cohortmember/{member.pk}/change/",
        {"edition": other.pk, "person": member.person_id, "withdrawn_reason": "x"},
    )

    member.refresh_from_db()
    assert (member.edition, member.withdrawn_reason) == (edition, "x")


def test_admin_cannot_delete_a_cohort_place(admin_client, edition):
    member = factories.make_member(edition)

    response = admin_client.post(
        f"/admin/cohorts/cohortmember/{member.pk}/delete/", {"post": "yes"}
    )

    assert response.status_code == 403
    assert CohortMember.objects.filter(pk=member.pk).exists() is True


def test_admin_module_completion_page_with_an_evidence_file(
    admin_client, edition, participant
):
    completion, _ = services_evidence.submit_evidence(
        actor=participant.person.user,
        member=participant,
        module=factories.make_module(edition),
        file=SimpleUploadedFile(
            "dovada.pdf", b"%PDF-1.4\n% dovada\n", content_type="application/pdf"
        ),
    )
    url = reverse("admin:cohorts_modulecompletion_change", args=[completion.pk])

    response = admin_client.get(url)

    assert response.status_code == 200
    assert "evidence_file" not in response.context["adminform"].form.fields
    assert completion.evidence_file.name.endswith(".pdf")
