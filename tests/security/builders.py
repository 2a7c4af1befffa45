"""One of every record a page can show, owned by the test personas.

The participant attended a conference, is in the cohort, a finalist, in a
mentoring group and a founder; the mentor leads that group and mentors the
startup; the juror scores the participant's pitch. The other participant is
in the cohort and nothing else, so that a leak of the first one's records
would show.
"""

import datetime
import re
import uuid

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

from cohorts import services_evidence
from cohorts.choices import ImportStatus
from cohorts.models import Application, MatchProposal
from competition.models import Appeal, Prize
from mentorship.choices import AssistanceKind
from mentorship.models import Assistance, Founder
from tests import factories
from tests.cohorts import builders as cohort_builders
from tests.cohorts.importing import builders as import_builders
from tests.competition import builders as competition_builders
from tests.mentorship import builders as mentorship_builders

# The value put in a path converter when no record is named for it.
MISSING = 999_999

GOOD_FILE = import_builders.csv_bytes(
    [["Nume", "Prenume", "Clasa"], ["POPA", "Ilinca", "IX A"], ["DINU", "Radu", "X B"]]
)
# A date of birth no one can have: the import is refused, with an error row.
BAD_FILE = import_builders.csv_bytes(
    [
        ["Nume", "Prenume", "Clasa", "Data nașterii"],
        ["POPA", "Ilinca", "IX A", "31.02.2010"],
    ]
)


def make_world(*, edition, organiser, mentor_user, juror_user, participant):
    person = participant.person
    conference = factories.make_conference(edition)
    attendance = cohort_builders.attend(conference, person=person)
    preview = import_builders.preview(organiser, conference, "lista.csv", GOOD_FILE)
    refused = import_builders.preview(organiser, conference, "gresit.csv", BAD_FILE)
    assert (preview.status, refused.status) == (
        ImportStatus.PREVIEW,
        ImportStatus.REFUSED,
    )
    proposal = MatchProposal.objects.create(
        person=factories.make_person(given_name="Ilinca", family_name="Popa"),
        candidate=factories.make_person(given_name="Ilinca", family_name="Popa"),
        reason="same name",
    )

    final = factories.make_final(edition)
    finalist = factories.make_finalist(final, members=[participant])
    juror = factories.make_juror(final, user=juror_user)
    assignment = competition_builders.assign(juror, finalist)
    prize = Prize.objects.create(final=final, name="Locul I", place=1)

    mentor = mentor_user.mentor
    group = factories.make_group(edition, mentors=[mentor], members=[participant])
    session = mentorship_builders.make_session(group, mentor, attendees=[participant])
    startup = mentorship_builders.make_followed_startup(
        edition, mentors=[mentor], founders=[person]
    )
    world = {
        "edition": edition,
        "person": person,
        "member": participant,
        "conference": conference,
        "school": conference.school,
        "attendance": attendance,
        "import": preview,
        "refused_import": refused,
        "proposal": proposal,
        "module": factories.make_module(edition, number=1),
        "workshop": factories.make_workshop(edition),
        "final": final,
        "finalist": finalist,
        "juror": juror,
        "assignment": assignment,
        "sheet": assignment.sheet,
        "prize": prize,
        "group": group,
        "session": session,
        "startup": startup,
        "checkin": startup.checkins.order_by("number").first(),
    }
    world["founder"] = Founder.objects.get(startup=startup, person=person)
    world["evidence"] = _evidence(participant, world["module"])
    world.update(_later_records(edition, organiser, person))
    world.update(_stage_records(world, organiser, participant))
    world["graduate"] = _graduate()
    return world


def _graduate():
    """A member who met the completion rule, in an earlier edition of their own.

    Nobody of the test world's edition has completed, so that a page showing a
    certificate to the wrong person would show.
    """
    edition = factories.make_edition(
        "2020/2021", current=False, min_modules_completed=1
    )
    member = factories.make_member(
        edition,
        person=factories.make_person(given_name="Ana", family_name="Absolventă"),
    )
    cohort_builders.complete(member, [factories.make_module(edition, number=1)])
    return member


def _evidence(participant, module):
    """The participant's claim of a module, with a link, waiting for review."""
    claim, _ = services_evidence.submit_evidence(
        actor=participant.person.user,
        member=participant,
        module=module,
        url="https://example.org/lucrare",
    )
    return claim


def _stage_records(world, organiser, participant):
    """An application, an appeal and legal help: records of the stage issues."""
    applicant = factories.make_person(given_name="Ilinca", family_name="Aplicantă")
    application = Application.objects.create(
        edition=world["edition"],
        person=applicant,
        given_name=applicant.given_name,
        family_name=applicant.family_name,
        birth_date=datetime.date(2008, 5, 1),
        email="ilinca.aplicanta@example.org",
        class_name="XI A",
        motivation="Vreau să învăț.",
        idea="O aplicație pentru bibliotecă.",
        form_token=uuid.uuid4(),
    )
    appeal = Appeal.objects.create(
        finalist=world["finalist"], text="Contestăm.", filed_by=participant.person.user
    )
    assistance = Assistance.objects.create(
        startup=world["startup"],
        kind=AssistanceKind.choices[0][0],
        description="Înregistrare la Registrul Comerțului",
        provider="Cabinet de avocatură",
        provided_on=datetime.date(2027, 10, 20),
        amount=0,
        recorded_by=organiser,
    )
    return {"application": application, "appeal": appeal, "assistance": assistance}


def _later_records(edition, organiser, person):
    """Records of models that other areas are adding; absent ones are skipped."""
    records = {}
    try:
        consent_model = apps.get_model("vsfa", "Consent")
    except LookupError:
        consent_model = None
    if consent_model is not None:
        records["consent"] = consent_model.objects.create(
            person=person, kind="data_processing", given_by="Ștefan Niță"
        )
    try:
        cost_model = apps.get_model("vsfa", "Cost")
    except LookupError:
        cost_model = None
    if cost_model is not None:
        records["cost"] = cost_model.objects.create(
            edition=edition,
            line=cost_model._meta.get_field("line").choices[0][0],
            spent_on=edition.starts_on,
            amount=100,
            description="Sală",
            recorded_by=organiser,
        )
    return records


# Walking the URLconf


class Route:
    """One URL pattern of the project, with its full name and route text."""

    def __init__(self, name, route, pattern):
        self.name = name
        self.route = route
        self.pattern = pattern

    @property
    def key(self):
        return self.name or self.route

    def __repr__(self):
        return f"Route({self.key!r})"


def _join(namespace, name):
    if name is None:
        return None
    return f"{namespace}:{name}" if namespace else name


def walk(patterns=None, prefix="", namespace=""):
    """Every URL pattern under ``patterns`` (the whole project by default)."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for item in patterns:
        if isinstance(item, URLResolver):
            inner = namespace
            if item.namespace:
                inner = f"{namespace}:{item.namespace}" if namespace else item.namespace
            yield from walk(item.url_patterns, prefix + str(item.pattern), inner)
        elif isinstance(item, URLPattern):
            yield Route(_join(namespace, item.name), prefix + str(item.pattern), item)


_CONVERTER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>[^)]*)\)")
_WORDS = re.compile(r"^\w+(\|\w+)+$")


def path_keywords(route):
    """The keyword arguments a route text takes, with their converters."""
    found = {m["name"]: m["converter"] or "str" for m in _CONVERTER.finditer(route)}
    for match in _GROUP.finditer(route):
        found[match["name"]] = "regex"
    return found


def url_of(route, values):
    """The path of ``route`` with each keyword filled from ``values``.

    A keyword missing from ``values`` gets ``MISSING``, or the first choice
    of a regular expression of alternatives (the admin's app labels).
    """

    def converter(match):
        return str(values.get(match["name"], MISSING))

    def group(match):
        if match["name"] in values:
            return str(values[match["name"]])
        if _WORDS.match(match["body"]):
            return match["body"].split("|")[0]
        return str(MISSING)

    # Groups first: "(?P<key>...)" would otherwise read as a "<key>" converter.
    path = _GROUP.sub(group, route)
    path = _CONVERTER.sub(converter, path)
    return "/" + path.replace("^", "").replace("$", "")
