import datetime
import uuid
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.utils import translation

from mentorship import services_assistance
from mentorship.models import Assistance, Attachment
from tests.mentorship.builders import make_followed_startup, pdf_upload
from vsfa.models import AuditEvent, Cost

GIVEN_ON = datetime.date(2027, 10, 20)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def startup(edition):
    return make_followed_startup(edition, name="Atelier Verde SRL")


def values(**overrides):
    data = {
        "kind": "registration",
        "description": " Articles of association and registration file ",
        "provider": "Cabinet Avocat Ionescu",
        "provided_on": GIVEN_ON,
        "amount": Decimal("350.00"),
        "budget_line": "running",
    }
    data.update(overrides)
    return data


def test_record_assistance_puts_its_cost_on_the_edition_budget(
    organiser, startup, edition
):
    assistance, created = services_assistance.record_assistance(
        actor=organiser, startup=startup, files=[pdf_upload("contract.pdf")], **values()
    )

    cost = Cost.objects.get()
    assert created is True
    assert (assistance.description, assistance.provider) == (
        "Articles of association and registration file",
        "Cabinet Avocat Ionescu",
    )
    assert assistance.cost == cost
    assert (cost.edition, cost.line, cost.amount, cost.spent_on) == (
        edition,
        "running",
        Decimal("350.00"),
        GIVEN_ON,
    )
    assert cost.description == (
        "Setting up the company for Atelier Verde SRL: Articles of association "
        "and registration file"
    )
    assert list(assistance.documents.values_list("original_name", flat=True)) == [
        "contract.pdf"
    ]
    assert sorted(AuditEvent.objects.values_list("action", flat=True)) == [
        "assistance.recorded",
        "cost.recorded",
    ]


def test_record_assistance_for_free_records_no_cost(organiser, startup):
    assistance, _created = services_assistance.record_assistance(
        actor=organiser, startup=startup, **values(amount=Decimal("0"))
    )

    assert (assistance.cost, Cost.objects.count()) == (None, 0)


def test_record_assistance_same_form_twice_records_once(organiser, startup):
    token = uuid.uuid4()

    first, created = services_assistance.record_assistance(
        actor=organiser, startup=startup, form_token=token, **values()
    )
    second, created_again = services_assistance.record_assistance(
        actor=organiser, startup=startup, form_token=token, **values()
    )

    assert (created, created_again, first) == (True, False, second)
    assert (Assistance.objects.count(), Cost.objects.count()) == (1, 1)


def test_change_assistance_cost_replaces_the_budget_cost(organiser, startup, edition):
    assistance, _created = services_assistance.record_assistance(
        actor=organiser, startup=startup, **values()
    )

    services_assistance.change_assistance(
        actor=organiser,
        assistance=assistance,
        **values(amount=Decimal("420"), budget_line="events"),
    )

    assistance.refresh_from_db()
    assert list(Cost.objects.values_list("line", "amount")) == [
        ("events", Decimal("420.00"))
    ]
    assert assistance.cost == Cost.objects.get()
    assert Cost.objects.filter(edition=edition).aggregate(total=Sum("amount")) == {
        "total": Decimal("420.00")
    }


def test_change_assistance_to_free_takes_the_cost_off(organiser, startup):
    assistance, _created = services_assistance.record_assistance(
        actor=organiser, startup=startup, **values()
    )

    services_assistance.change_assistance(
        actor=organiser, assistance=assistance, **values(amount=Decimal("0"))
    )

    assistance.refresh_from_db()
    assert (assistance.cost, Cost.objects.count()) == (None, 0)


def test_change_assistance_provider_only_keeps_the_cost(organiser, startup):
    assistance, _created = services_assistance.record_assistance(
        actor=organiser, startup=startup, **values()
    )
    cost = assistance.cost

    services_assistance.change_assistance(
        actor=organiser, assistance=assistance, **values(provider="Alt cabinet")
    )

    assistance.refresh_from_db()
    assert (assistance.provider, assistance.cost) == ("Alt cabinet", cost)


def test_delete_assistance_removes_its_cost_and_documents(
    organiser, startup, django_capture_on_commit_callbacks
):
    assistance, _created = services_assistance.record_assistance(
        actor=organiser, startup=startup, files=[pdf_upload()], **values()
    )
    document = Attachment.objects.get()
    storage, name = document.file.storage, document.file.name

    with django_capture_on_commit_callbacks(execute=True):
        services_assistance.delete_assistance(actor=organiser, assistance=assistance)

    assert (Assistance.objects.count(), Cost.objects.count()) == (0, 0)
    assert (Attachment.objects.count(), storage.exists(name)) == (0, False)
    event = AuditEvent.objects.get(action="assistance.deleted")
    assert (event.data["amount"], event.data["documents"]) == (
        "350.00",
        ["contract.pdf"],
    )
