import pytest


@pytest.fixture
def personas(organiser, mentor_user, juror_user, participant, other_participant):
    """Every kind of signed-in user, by name, for the permission tests."""
    return {
        "organiser": organiser,
        "mentor": mentor_user,
        "juror": juror_user,
        "participant": participant.person.user,
        "other_participant": other_participant.person.user,
    }
