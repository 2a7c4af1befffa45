import pytest
from huey.contrib.djhuey import HUEY

from tests import factories


@pytest.fixture(autouse=True)
def _huey_immediate():
    # Tasks run inline, inside the test, so their effects can be asserted.
    HUEY.immediate = True
    yield
    HUEY.immediate = False


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _romanian_by_default(settings):
    settings.LANGUAGE_CODE = "ro"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The production hasher is slow by design; tests create hundreds of users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def edition(db):
    return factories.make_edition("2026/2027")


@pytest.fixture
def organiser(db):
    return factories.make_user("organiser", full_name="Oana Organizatoare")


@pytest.fixture
def mentor_user(db):
    user = factories.make_user("mentor", full_name="Mihai Mentor")
    factories.make_mentor(user=user)
    return user


@pytest.fixture
def juror_user(db):
    return factories.make_user("juror", full_name="Ioana Jurata")


@pytest.fixture
def participant(db, edition):
    """The cohort member whose pages are being tested."""
    return factories.make_participant(edition, given_name="Ștefan", family_name="Niță")


@pytest.fixture
def other_participant(db, edition):
    return factories.make_participant(edition, given_name="Maria", family_name="Ene")


@pytest.fixture
def client_for(client):
    """Return a test client signed in as ``user`` (or anonymous for None)."""

    def sign_in(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return sign_in
