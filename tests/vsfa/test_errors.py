"""Error pages: the database unreachable answers 503, rendered without it."""

import sqlite3

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(organiser):
    """An organiser's browser, shown the error page as a user is, not the
    exception."""
    client = Client(raise_request_exception=False)
    client.force_login(organiser)
    return client


def _database_down(error):
    """Every query fails as it does while PostgreSQL restarts."""

    def refuse(execute, sql, params, many, context):
        raise error("server closed the connection unexpectedly")

    return connection.execute_wrapper(refuse)


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_database_that_does_not_answer_gets_503_with_retry_after(
    client, error, django_assert_num_queries
):
    # One query tried, the one refused: the page itself needs none.
    with _database_down(error), django_assert_num_queries(1):
        response = client.get(reverse("home"))

    page = response.content.decode()
    assert (response.status_code, response["Retry-After"]) == (503, "30")
    assert response["Cache-Control"] == "no-store"
    assert "<title>Site-ul este indisponibil pentru scurt timp · VSFA</title>" in page
    assert "Baza de date nu răspunde" in page


def test_another_error_keeps_the_500_page(client):
    with connection.execute_wrapper(_fail_otherwise):
        response = client.get(reverse("home"))

    assert (response.status_code, response.has_header("Retry-After")) == (500, False)
    assert (
        "<title>Site-ul nu a putut răspunde · VSFA</title>" in response.content.decode()
    )


def _fail_otherwise(execute, sql, params, many, context):
    raise ValueError("not a database error")


def _wrong_query(execute, sql, params, many, context):
    return execute("SELEC 1", None, False, context)


def test_a_wrong_query_keeps_the_500_page_on_every_database(client):
    with connection.execute_wrapper(_wrong_query):
        response = client.get(reverse("home"))

    assert (response.status_code, response.has_header("Retry-After")) == (500, False)


def _sqlite_locked(execute, sql, params, many, context):
    try:
        raise sqlite3.OperationalError("database is locked")
    except sqlite3.OperationalError as error:
        raise OperationalError(str(error)) from error


def test_a_locked_sqlite_database_gets_503(client):
    with connection.execute_wrapper(_sqlite_locked):
        response = client.get(reverse("home"))

    assert (response.status_code, response["Retry-After"]) == (503, "30")
