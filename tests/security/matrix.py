"""The declared table joined to the walked URLconf: URLs and outcomes."""

from django.test import Client
from django.urls import reverse

from tests.security import access, builders

ROUTES = list(builders.walk())
BY_KEY = {route.key: route for route in ROUTES}
ADMIN = [
    route
    for route in ROUTES
    if route.route.startswith("admin/") and route.name not in access.ADMIN_PUBLIC
]
DECLARED = {**access.ACCESS, **access.UNNAMED}


def _value(key, world):
    if isinstance(key, access.Text):
        return key.value
    if key in world:
        return world[key].pk
    # A record the world does not build: a pk that exists nowhere.
    return builders.MISSING


def url_for(key, world):
    declared = DECLARED[key]
    values = {name: _value(record, world) for name, record in declared.kwargs.items()}
    return builders.url_of(BY_KEY[key].route, values)


def outcome_of(response):
    if response.status_code in (301, 302):
        location = response["Location"]
        if location.startswith(reverse("account_login") + "?next="):
            return access.SIGN_IN
        if location.startswith(reverse("admin:login")):
            return access.ADMIN_SIGN_IN
        return access.REDIRECT
    return str(response.status_code)


def agrees(expected, response):
    if expected == access.ANSWERS:
        return response.status_code < 400
    return outcome_of(response) == expected


def client_as(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client
