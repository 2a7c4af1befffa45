import pytest

from tests.security import builders


@pytest.fixture
def world(edition, organiser, mentor_user, juror_user, participant, other_participant):
    return builders.make_world(
        edition=edition,
        organiser=organiser,
        mentor_user=mentor_user,
        juror_user=juror_user,
        participant=participant,
    )


@pytest.fixture
def personas(organiser, mentor_user, juror_user, participant, other_participant):
    """The user behind each persona name; None is the anonymous visitor."""
    return {
        "organiser": organiser,
        "mentor": mentor_user,
        "juror": juror_user,
        "participant": participant.person.user,
        "other_participant": other_participant.person.user,
        "anonymous": None,
    }
