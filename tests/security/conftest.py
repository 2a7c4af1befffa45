import uuid

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


@pytest.fixture(autouse=True)
def _own_cache(settings):
    # Sign-in rate limits are counted in the cache: each test gets an empty one
    # of its own, never the Redis that other runs share (clearing it would
    # flush their queues too).
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"security-{uuid.uuid4().hex}",
        }
    }
