"""The pages shown when something is missing or broken.

The error page must render when the database is down (a restart, a full
disk): it makes no query and needs no signed-in user. The load test restarts
PostgreSQL under load and checks that requests get it, then recover.
"""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


def _ro(text):
    with translation.override("ro"):
        return translation.gettext(text)


def test_error_page_renders_without_a_query(django_assert_num_queries):
    request = RequestFactory().get("/final/1/results/")

    with django_assert_num_queries(0), translation.override("ro"):
        response = server_error(request)

    page = response.content.decode()
    assert response.status_code == 500
    assert f"<title>{_ro('The site could not answer')} · VSFA</title>" in page
    assert (
        _ro(
            "If you were saving something, it may not have been saved: open the page again in a minute and check before sending it again."
        )
        in page
    )  # noqa: E501 -- one message


def test_missing_record_shows_the_not_found_page(client_for, organiser):
    response = client_for(organiser).get(
        reverse("cohorts:conference_detail", args=[999_999])
    )

    assert response.status_code == 404
    assert [t.name for t in response.templates][:1] == ["404.html"]
    assert f"<title>{_ro('Page not found')} · VSFA</title>" in response.content.decode()
