"""Test builders for applications: an open call, the public form's data,
applications made through the service as the form makes them."""

import datetime
import itertools
import uuid

from django.utils import timezone

from cohorts import services
from cohorts.models import ApplicationCall
from tests import factories

_seq = itertools.count(1)

# 17 on any day a test runs: no guardian's consent needed.
ADULT_ENOUGH = datetime.date(2000, 1, 1)


def years_ago(years, days=0):
    """A date of birth ``years`` ago today, ``days`` earlier still."""
    today = timezone.localdate()
    try:
        day = today.replace(year=today.year - years)
    except ValueError:
        day = today.replace(year=today.year - years, day=28)
    return day - datetime.timedelta(days=days)


def open_call(edition, **fields):
    today = timezone.localdate()
    return ApplicationCall.objects.create(
        edition=edition,
        opens_on=fields.pop("opens_on", today - datetime.timedelta(days=1)),
        closes_on=fields.pop("closes_on", today + datetime.timedelta(days=30)),
        **fields,
    )


def form_data(**overrides):
    """What a browser sends for a complete application of a 17-year-old."""
    number = next(_seq)
    data = {
        "token": str(uuid.uuid4()),
        "given_name": "Ioana",
        "family_name": f"Marin{number}",
        "birth_date": years_ago(17).isoformat(),
        "email": f"ioana{number}@example.org",
        "phone": "0722 123 456",
        "school": "other",
        "other_school": "Liceul Teoretic Nr. 1",
        "class_name": "11A",
        "gender": "female",
        "motivation": "Vreau să învăț cum se pornește o afacere.",
        "idea": "O aplicație pentru schimbul de manuale.",
        "team": "",
        "data_consent": "on",
        "guardian_name": "",
        "guardian_contact": "",
        "roma": "",
        "other_minority": "",
        "disability": "",
        "low_income": "",
        "rural": "",
    }
    data.update(overrides)
    return data


def applicant(**overrides):
    """The details ``services.submit_application`` takes, for a 17-year-old."""
    number = next(_seq)
    details = {
        "given_name": "Radu",
        "family_name": f"Stan{number}",
        "birth_date": years_ago(17),
        "email": f"radu{number}@example.org",
        "phone": "",
        "school": None,
        "other_school": "Liceul Teoretic Nr. 2",
        "class_name": "10B",
        "gender": "male",
        "motivation": "Motivație",
        "idea": "Idee",
        "team": "",
        "guardian_name": "",
        "guardian_contact": "",
    }
    details.update(overrides)
    return details


def apply(edition, sensitive=None, **overrides):
    """An application sent on the public form; the call must be open."""
    application, _created = services.submit_application(
        edition=edition,
        token=uuid.uuid4(),
        applicant=applicant(**overrides),
        sensitive=sensitive,
    )
    return application


def apply_as_attendee(edition, conference=None, **overrides):
    """An application by someone who attended a conference of ``edition``:
    the attendee's e-mail links the two."""
    conference = conference or factories.make_conference(edition)
    number = next(_seq)
    email = overrides.pop("email", f"elev{number}@example.org")
    person = factories.make_person(
        given_name=overrides.get("given_name", "Radu"),
        family_name=overrides.pop("family_name", f"Dinu{number}"),
        email=email,
    )
    person.attendances.create(conference=conference, class_name="10B")
    return apply(edition, email=email, family_name=person.family_name, **overrides)
