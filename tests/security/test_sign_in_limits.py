"""Password guessing is slowed down: allauth's ACCOUNT_RATE_LIMITS.

Five failures for one address within five minutes, or ten from one network
address within a minute, and even the right password is refused for a while.
The counts live in the cache (Redis in production, shared by the workers).
"""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


def _sign_in(client, email, password, address="10.1.2.3"):
    return client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        REMOTE_ADDR=address,
    )


def _signed_in(client):
    return "_auth_user_id" in client.session


def test_the_limits_are_configured():
    assert settings.ACCOUNT_RATE_LIMITS["login_failed"] == "10/m/ip,5/5m/key"


def test_right_password_signs_in_after_four_failures(client, organiser):
    for _ in range(4):
        _sign_in(client, organiser.email, "wrong-password")

    response = _sign_in(client, organiser.email, PASSWORD)

    assert (response.status_code, _signed_in(client)) == (302, True)


def test_right_password_is_refused_after_five_failures_for_one_address(
    client, organiser
):
    for _ in range(5):
        _sign_in(client, organiser.email, "wrong-password")

    response = _sign_in(client, organiser.email, PASSWORD)

    assert (response.status_code, _signed_in(client)) == (200, False)
    with translation.override("ro"):
        expected = translation.gettext(
            "Too many failed login attempts. Try again later."
        )
    assert response.context["form"].errors["__all__"] == [expected]


def test_another_address_still_signs_in_from_the_same_network(client, organiser):
    colleague = factories.make_user("organiser", password=PASSWORD)
    for _ in range(5):
        _sign_in(client, organiser.email, "wrong-password")

    response = _sign_in(client, colleague.email, PASSWORD)

    assert (response.status_code, _signed_in(client)) == (302, True)


def test_ten_failures_from_one_network_address_refuse_everyone_from_it(client):
    users = [factories.make_user("mentor", password=PASSWORD) for _ in range(11)]
    for user in users[:10]:
        _sign_in(client, user.email, "wrong-password")

    refused = _sign_in(client, users[10].email, PASSWORD)
    elsewhere = _sign_in(client, users[10].email, PASSWORD, address="10.9.9.9")

    assert (refused.status_code, elsewhere.status_code) == (200, 302)
