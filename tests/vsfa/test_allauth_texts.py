"""allauth's sentences read in Romanian with diacritics: our catalogue wins."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["organiser", "mentor", "juror", "participant"])
def test_sign_in_message_is_in_romanian_with_diacritics(client, role):
    factories.make_user(
        role, email="ana@vsfa.test", full_name="Ana Pop", password="pass-word-123!"
    )

    response = client.post(
        reverse("account_login"),
        {"login": "ana@vsfa.test", "password": "pass-word-123!"},
    )

    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        "V-ați conectat ca Ana Pop."
    ]


def test_wrong_password_is_refused_in_romanian(client):
    factories.make_user("participant", email="ana@vsfa.test", password="pass-word-123!")

    response = client.post(
        reverse("account_login"), {"login": "ana@vsfa.test", "password": "wrong"}
    )

    assert response.context["form"].non_field_errors() == [
        "Adresa de e-mail sau parola nu sunt corecte."
    ]
    html = response.content.decode()
    assert "Parolă" in html
    assert "Țineți-mă minte" in html


def test_password_reset_pages_are_in_romanian(client):
    response = client.get(reverse("account_reset_password"))

    html = response.content.decode()
    assert "Ați uitat parola? Introduceți mai jos adresa de e-mail" in html
    assert "Resetați parola" in html


def test_a_used_reset_link_says_so_in_romanian(client):
    response = client.get(
        reverse(
            "account_reset_password_from_key", kwargs={"uidb36": "zz", "key": "bad"}
        )
    )

    html = response.content.decode()
    assert "Link nevalid" in html
    assert "Linkul de resetare a parolei nu este valid" in html


def test_sign_in_form_labels_are_romanian(client):
    response = client.get(reverse("account_login"))

    form = response.context["form"]
    assert [str(form.fields[name].label) for name in ("login", "password")] == [
        "E-mail",
        "Parolă",
    ]
