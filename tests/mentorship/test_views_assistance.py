import datetime
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from mentorship import services_assistance
from mentorship.models import Assistance, Attachment
from tests.mentorship.builders import login_url, pdf_upload
from tests.mentorship.conftest import PERSONAS
from vsfa.models import Cost

NOT_ORGANISERS = [p for p in PERSONAS if p not in {"organiser", "anonymous"}]
TODAY = timezone.localdate()


def form_data(**overrides):
    data = {
        "kind": "accounting",
        "description": "Contabilitate primele trei luni",
        "provider": "Expert Contabil SRL",
        "provided_on": TODAY.isoformat(),
        "amount": "300",
        "budget_line": "running",
        "form_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


@pytest.fixture
def assistance(followed, organiser):
    recorded, _created = services_assistance.record_assistance(
        actor=organiser,
        startup=followed,
        kind="legal",
        description="Contract de asociere",
        provider="Cabinet Avocat Ionescu",
        provided_on=TODAY - datetime.timedelta(days=30),
        amount=Decimal("250"),
        budget_line="running",
        files=[pdf_upload("contract-asociere.pdf")],
    )
    return recorded


# Recording help


def test_assistance_create_records_help_cost_and_documents(
    sign_in_as, followed, edition
):
    url = reverse("mentorship:assistance_create", kwargs={"startup_pk": followed.pk})
    client = sign_in_as("organiser")

    page = client.get(url)
    response = client.post(url, {**form_data(), "files": pdf_upload("factura.pdf")})

    assistance = Assistance.objects.get()
    assert page.status_code == 200
    assert (response.status_code, response.url) == (
        302,
        reverse("mentorship:startup_detail", kwargs={"pk": followed.pk}),
    )
    assert (assistance.kind, assistance.amount, assistance.cost.edition) == (
        "accounting",
        Decimal("300.00"),
        edition,
    )
    assert list(assistance.documents.values_list("original_name", flat=True)) == [
        "factura.pdf"
    ]


def test_assistance_create_double_submit_records_once(sign_in_as, followed):
    url = reverse("mentorship:assistance_create", kwargs={"startup_pk": followed.pk})
    client = sign_in_as("organiser")
    data = form_data()

    first = client.post(url, data, follow=True)
    second = client.post(url, data, follow=True)

    assert (Assistance.objects.count(), Cost.objects.count()) == (1, 1)
    assert [str(message) for message in first.context["messages"]] == [
        gettext("Help recorded.")
    ]
    assert [str(message) for message in second.context["messages"]] == [
        gettext("This help was already recorded; it was not added twice.")
    ]


def test_assistance_create_date_after_today_refused(sign_in_as, followed):
    url = reverse("mentorship:assistance_create", kwargs={"startup_pk": followed.pk})
    tomorrow = TODAY + datetime.timedelta(days=1)

    response = sign_in_as("organiser").post(
        url, form_data(provided_on=tomorrow.isoformat(), amount="-5")
    )

    assert response.context["form"].errors == {
        "provided_on": [
            gettext("Record help once it has been given: the date is after today.")
        ],
        "amount": [
            gettext("Ensure this value is greater than or equal to %(limit_value)s.")
            % {"limit_value": 0}
        ],
    }
    assert Assistance.objects.count() == 0


@pytest.mark.parametrize("persona", NOT_ORGANISERS)
def test_assistance_create_others_get_404(sign_in_as, persona, followed):
    url = reverse("mentorship:assistance_create", kwargs={"startup_pk": followed.pk})

    response = sign_in_as(persona).post(url, form_data())

    assert response.status_code == 404
    assert Assistance.objects.count() == 0


def test_assistance_create_anonymous_signs_in_first(sign_in_as, followed):
    url = reverse("mentorship:assistance_create", kwargs={"startup_pk": followed.pk})

    response = sign_in_as("anonymous").get(url)

    assert (response.status_code, response.url) == (302, login_url(url))


# Changing and removing it


def test_assistance_update_changes_the_cost(sign_in_as, assistance):
    url = reverse("mentorship:assistance_update", kwargs={"pk": assistance.pk})
    client = sign_in_as("organiser")

    page = client.get(url)
    response = client.post(url, form_data(kind="legal", amount="275.50"))

    assistance.refresh_from_db()
    assert "form_token" not in page.context["form"].fields
    assert response.status_code == 302
    assert list(Cost.objects.values_list("amount", flat=True)) == [Decimal("275.50")]
    assert assistance.cost.amount == Decimal("275.50")


@pytest.mark.parametrize("persona", NOT_ORGANISERS)
def test_assistance_update_others_get_404(sign_in_as, persona, assistance):
    url = reverse("mentorship:assistance_update", kwargs={"pk": assistance.pk})

    response = sign_in_as(persona).post(url, form_data(amount="1"))

    assistance.refresh_from_db()
    assert response.status_code == 404
    assert assistance.amount == Decimal("250.00")


def test_assistance_update_anonymous_signs_in_first(sign_in_as, assistance):
    url = reverse("mentorship:assistance_update", kwargs={"pk": assistance.pk})

    response = sign_in_as("anonymous").get(url)

    assert (response.status_code, response.url) == (302, login_url(url))


def test_assistance_delete_asks_then_removes_with_its_cost(sign_in_as, assistance):
    url = reverse("mentorship:assistance_delete", kwargs={"pk": assistance.pk})
    client = sign_in_as("organiser")

    page = client.get(url)
    kept = Assistance.objects.count()
    response = client.post(url)

    assert page.status_code == 200
    assert "250" in page.content.decode()
    assert kept == 1
    assert response.status_code == 302
    assert (Assistance.objects.count(), Cost.objects.count()) == (0, 0)
    assert Attachment.objects.filter(assistance__isnull=False).count() == 0


@pytest.mark.parametrize("persona", NOT_ORGANISERS)
def test_assistance_delete_others_get_404(sign_in_as, persona, assistance):
    url = reverse("mentorship:assistance_delete", kwargs={"pk": assistance.pk})

    response = sign_in_as(persona).post(url)

    assert response.status_code == 404
    assert Assistance.objects.count() == 1


def test_assistance_delete_anonymous_signs_in_first(sign_in_as, assistance):
    url = reverse("mentorship:assistance_delete", kwargs={"pk": assistance.pk})

    response = sign_in_as("anonymous").post(url)

    assert (response.status_code, response.url) == (302, login_url(url))
    assert Assistance.objects.count() == 1


# Shown on the startup's page


@pytest.mark.parametrize("persona", ["organiser", "mentor_user", "participant"])
def test_startup_detail_lists_the_help_and_its_documents(
    sign_in_as, persona, assistance
):
    url = reverse("mentorship:startup_detail", kwargs={"pk": assistance.startup_id})

    response = sign_in_as(persona).get(url)

    html = response.content.decode()
    document = assistance.documents.get()
    assert list(response.context["assistance"]) == [assistance]
    assert "Cabinet Avocat Ionescu" in html
    assert reverse("mentorship:attachment_download", kwargs={"pk": document.pk}) in html
    edit = reverse("mentorship:assistance_update", kwargs={"pk": assistance.pk})
    assert (edit in html) == (persona == "organiser")


def test_assistance_document_outsider_gets_404(sign_in_as, assistance):
    document = assistance.documents.get()
    url = reverse("mentorship:attachment_download", kwargs={"pk": document.pk})

    response = sign_in_as("other_mentor").get(url)

    assert response.status_code == 404
