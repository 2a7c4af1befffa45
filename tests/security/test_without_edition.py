"""A fresh installation has no edition yet: no page may fail for that.

``request.edition`` is then a lazy object wrapping ``None``; code that asks
``edition is None`` gets a false answer and sends it to the database. Every
page whose address needs no record is opened by each role before the first
edition exists.
"""

import pytest

from tests import factories
from tests.security.matrix import BY_KEY, DECLARED, client_as, url_for
from vsfa.models import Edition

pytestmark = pytest.mark.django_db

WITHOUT_RECORDS = sorted(
    key for key, declared in DECLARED.items() if key in BY_KEY and not declared.kwargs
)


@pytest.fixture
def users():
    mentor = factories.make_mentor()
    return {
        "organiser": factories.make_user("organiser"),
        "mentor": mentor.user,
        "juror": factories.make_user("juror"),
        "participant": factories.make_user("participant"),
    }


@pytest.mark.parametrize("role", ["organiser", "mentor", "juror", "participant"])
def test_no_page_fails_before_the_first_edition(role, users):
    client = client_as(users[role])
    client.raise_request_exception = False

    failed = [
        (key, response.status_code)
        for key in WITHOUT_RECORDS
        if (response := client.get(url_for(key, {}))).status_code >= 500
    ]

    assert Edition.objects.count() == 0
    assert failed == []
