import datetime

import pytest
from django.utils import timezone

from mentorship.services_files import attach_files
from tests.mentorship.builders import (
    confirm,
    make_followed_startup,
    make_mentor_user,
    pdf_upload,
)

PERSONAS = [
    "organiser",
    "mentor_user",
    "other_mentor",
    "juror_user",
    "participant",
    "other_participant",
    "anonymous",
]


@pytest.fixture(autouse=True)
def _private_files_in_tmp(settings, tmp_path):
    settings.VSFA_PRIVATE_MEDIA_ROOT = tmp_path / "private"


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


@pytest.fixture
def founder(participant):
    """The participant, adult, as the founder of the tested startup."""
    participant.person.birth_date = datetime.date(2005, 3, 1)
    participant.person.save()
    return participant.person


@pytest.fixture
def followed(edition, mentor_user, founder):
    """A startup registered 125 days ago, its mentor and founder set.

    Check-in 1 is confirmed (notes only for mentors, a contract as evidence,
    two people working); 2 to 4 are late; 5 and 6 are ahead.
    """
    registered = timezone.localdate() - datetime.timedelta(days=125)
    startup = make_followed_startup(
        edition,
        mentors=[mentor_user.mentor],
        founders=[founder],
        name="Atelier Verde SRL",
        registration_date=registered,
    )
    first = confirm(
        startup.checkins.get(number=1),
        jobs=["full_time", "founder"],
        done_on=registered + datetime.timedelta(days=31),
        by=mentor_user,
    )
    first.notes = "Notă doar pentru mentor"
    first.save()
    attach_files(
        actor=mentor_user,
        startup=startup,
        files=[pdf_upload("contract-munca.pdf")],
        checkin=first,
    )
    return startup
