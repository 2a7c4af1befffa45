"""The audit trail's filter lists the people who acted in Romanian order."""

import re

import pytest
from django.urls import reverse

from tests import factories
from vsfa.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_audit_filter_lists_actors_in_romanian_order(client_for, organiser):
    for full_name in ["Ștefan Ene", "Zoe Mara", "Sorin Pop", "Ămălia Dinu"]:
        actor = factories.make_user("organiser", full_name=full_name)
        AuditEvent.objects.create(actor=actor, action="consent.given")

    response = client_for(organiser).get(reverse("privacy:audit_list"))

    select = re.search(
        r'<select name="actor"[^>]*>(.*?)</select>', response.content.decode(), re.S
    ).group(1)
    assert re.findall(r'<option value="\d+">([^<]+)</option>', select) == [
        "Ămălia Dinu",
        "Sorin Pop",
        "Ștefan Ene",
        "Zoe Mara",
    ]
