import pytest

from tests import factories
from tests.competition import builders


@pytest.fixture(autouse=True)
def _private_files_in_tmp(settings, tmp_path):
    settings.VSFA_PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def edition(db):
    """The edition of the final's tests: its completion rule asks nothing, so
    every selected member may pitch; tests of the rule set their own."""
    return factories.make_edition(
        "2026/2027", min_modules_completed=0, min_workshop_percent=0
    )


@pytest.fixture
def other_juror(db):
    return factories.make_user("juror", full_name="Radu Jurat")


@pytest.fixture
def final(edition, organiser):
    return builders.make_final(edition, organiser)


@pytest.fixture
def scene(final, participant, other_participant, juror_user, other_juror):
    """A final with two finalists; each juror scores one of them only.

    ``juror_user`` scores Echipa Niță (``participant``); ``other_juror``
    scores Echipa Ene (``other_participant``) and has a draft for it, so that
    a leak of another juror's sheet would show.
    """
    ours = factories.make_finalist(
        final, members=[participant], name="Echipa Niță", pitch_order=1
    )
    theirs = factories.make_finalist(
        final, members=[other_participant], name="Echipa Ene", pitch_order=2
    )
    juror = factories.make_juror(final, user=juror_user)
    other = factories.make_juror(final, user=other_juror)
    assignment = builders.assign(juror, ours)
    other_assignment = builders.assign(other, theirs)
    builders.score(other_assignment, [5, 5, 5, 5, 5, 5], submit=False, comment="Secret")
    return {
        "final": final,
        "ours": ours,
        "theirs": theirs,
        "juror": juror,
        "other": other,
        "assignment": assignment,
        "other_assignment": other_assignment,
    }


@pytest.fixture
def personas(
    organiser, mentor_user, juror_user, other_juror, participant, other_participant
):
    """Everyone who might open a page, by name; None is the anonymous visitor."""
    return {
        "organiser": organiser,
        "mentor": mentor_user,
        "juror": juror_user,
        "other_juror": other_juror,
        "participant": participant.person.user,
        "other_participant": other_participant.person.user,
        "anonymous": None,
    }
