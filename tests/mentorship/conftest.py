import pytest

from tests.mentorship.builders import make_mentor_user

PERSONAS = [
    "organiser",
    "mentor_user",
    "other_mentor",
    "juror_user",
    "participant",
    "other_participant",
    "anonymous",
]


@pytest.fixture
def other_mentor(db):
    """A mentor with groups and startups of their own, not the ones tested."""
    return make_mentor_user("Andrei Altul")


@pytest.fixture
def sign_in_as(request, client_for, db):
    """Return a client signed in as the persona named like its fixture."""

    def sign_in(persona):
        if persona == "anonymous":
            return client_for(None)
        user = request.getfixturevalue(persona)
        if persona in {"participant", "other_participant"}:
            user = user.person.user
        return client_for(user)

    return sign_in
