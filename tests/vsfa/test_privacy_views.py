import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.vsfa import builders
from vsfa import audit, privacy
from vsfa.choices import ConsentKind
from vsfa.models import AuditEvent, SensitiveAccess

pytestmark = pytest.mark.django_db

ro = builders.ro


@pytest.fixture
def personas(organiser, mentor_user, juror_user, participant, other_participant):
    sensitive = factories.make_user("organiser", full_name="Sorina Sensibilă")
    sensitive.can_view_sensitive = True
    sensitive.save()
    return {
        "organiser": organiser,
        "organiser_sensitive": sensitive,
        "mentor": mentor_user,
        "juror": juror_user,
        "participant": participant.person.user,
        "other_participant": other_participant.person.user,
    }


@pytest.fixture
def subject(other_participant):
    """Whose data the pages show: another participant, so that a leak shows."""
    person = other_participant.person
    builders.declare(person, roma=builders.YES)
    builders.consent(person)
    return person


ORGANISER_PAGES = [
    "/privacy/people/",
    "/privacy/people/{pk}/",
    "/privacy/people/{pk}/consents/new/",
    "/privacy/people/{pk}/photos/withdraw/",
    "/privacy/people/{pk}/reporting/",
    "/privacy/people/{pk}/data/",
    "/privacy/people/{pk}/data.json",
    "/privacy/people/{pk}/erase/",
    "/privacy/consents/{consent}/withdraw/",
    "/privacy/sensitive-readings/",
    "/privacy/retention/",
    "/privacy/audit/",
]
SENSITIVE_PAGES = [
    "/privacy/people/{pk}/sensitive/",
    "/privacy/people/{pk}/sensitive/edit/",
]
PARTICIPANT_PAGES = [
    "/privacy/me/",
    "/privacy/me/data.json",
    "/privacy/me/declaration/",
]


def _path(template, subject):
    consent = subject.consents.get(kind="data_processing")
    return template.format(pk=subject.pk, consent=consent.pk)


@pytest.mark.parametrize("page", ORGANISER_PAGES)
@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("organiser", 200),
        ("organiser_sensitive", 200),
        ("mentor", 404),
        ("juror", 404),
        ("participant", 404),
        ("other_participant", 404),
    ],
)
def test_organiser_pages_by_persona(
    client_for, personas, subject, page, persona, expected
):
    response = client_for(personas[persona]).get(_path(page, subject))

    assert response.status_code == expected


@pytest.mark.parametrize("page", SENSITIVE_PAGES)
@pytest.mark.parametrize(
    ("persona", "expected", "logged"),
    [
        ("organiser", 404, 0),
        ("organiser_sensitive", 200, 1),
        ("mentor", 404, 0),
        ("juror", 404, 0),
        ("participant", 404, 0),
        ("other_participant", 404, 0),
    ],
)
def test_sensitive_pages_by_persona(
    client_for, personas, subject, page, persona, expected, logged
):
    response = client_for(personas[persona]).get(_path(page, subject))

    assert response.status_code == expected
    assert SensitiveAccess.objects.filter(person=subject).count() == logged


@pytest.mark.parametrize("page", PARTICIPANT_PAGES)
@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("organiser", 404),
        ("organiser_sensitive", 404),
        ("mentor", 404),
        ("juror", 404),
        ("participant", 200),
        ("other_participant", 200),
    ],
)
def test_participant_pages_by_persona(
    client_for, personas, subject, page, persona, expected
):
    response = client_for(personas[persona]).get(page)

    assert response.status_code == expected


@pytest.mark.parametrize(
    "page", [*ORGANISER_PAGES, *SENSITIVE_PAGES, *PARTICIPANT_PAGES]
)
def test_privacy_pages_send_anonymous_to_sign_in(client, subject, page):
    path = _path(page, subject)

    response = client.get(path)

    assert (response.status_code, response.url) == (
        302,
        f"/accounts/login/?next={path}",
    )


def test_participant_s_page_shows_only_their_own_data(client_for, participant, subject):
    response = client_for(participant.person.user).get("/privacy/me/")

    html = response.content.decode()
    assert response.context["person"] == participant.person
    assert subject.family_name not in html
    assert participant.person.family_name in html


def test_participant_without_a_person_record_gets_404(client_for):
    user = factories.make_user("participant")

    response = client_for(user).get("/privacy/me/")

    assert response.status_code == 404


def test_missing_person_is_404(client_for, organiser):
    response = client_for(organiser).get("/privacy/people/999999/")

    assert response.status_code == 404


def test_organiser_post_of_a_withdrawal_by_a_participant_is_refused(
    client_for, participant, subject
):
    consent = subject.consents.get(kind="data_processing")

    response = client_for(participant.person.user).post(
        f"/privacy/consents/{consent.pk}/withdraw/"
    )

    consent.refresh_from_db()
    assert (response.status_code, consent.withdrawn_at) == (404, None)


def test_erase_by_a_mentor_is_refused(client_for, mentor_user, subject):
    response = client_for(mentor_user).post(
        f"/privacy/people/{subject.pk}/erase/", {"reason": "x", "confirm": "on"}
    )

    subject.refresh_from_db()
    assert (response.status_code, subject.anonymised_at) == (404, None)


# --- Audit trail ------------------------------------------------------------------


def _event(action, actor, at, edition=None, summary=""):
    event = audit.record(actor, action, edition=edition, summary=summary)
    AuditEvent.objects.filter(pk=event.pk).update(at=at)
    return event


@pytest.fixture
def trail(organiser, edition):
    other = factories.make_user("organiser", full_name="Alt Organizator")
    old = factories.make_edition("2020/2021", current=False)
    moment = timezone.make_aware(datetime.datetime(2026, 11, 10, 12, 0))
    return {
        "selected": _event("cohort.selected", organiser, moment, edition, "Ana Pop"),
        "merged": _event(
            "person.merged", other, moment + datetime.timedelta(days=1), edition
        ),
        "erased": _event(
            "person.erased", organiser, moment + datetime.timedelta(days=5), old
        ),
        "other": other,
        "old": old,
    }


def _listed(response):
    return [event.pk for event in response.context["page_obj"]]


def test_audit_trail_lists_newest_first_with_readable_actions(
    client_for, organiser, trail
):
    response = client_for(organiser).get("/privacy/audit/")

    html = response.content.decode()
    assert _listed(response)[:3] == [
        trail["erased"].pk,
        trail["merged"].pk,
        trail["selected"].pk,
    ]
    assert ro("Selected into the cohort") in html
    assert ro("People merged") in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("action=person.merged", ["merged"]),
        ("since=2026-11-11&until=2026-11-12", ["merged"]),
        ("since=2026-11-12", ["erased"]),
        ("until=2026-11-10&action=cohort.selected", ["selected"]),
    ],
)
def test_audit_trail_filters(client_for, organiser, trail, query, expected):
    response = client_for(organiser).get(f"/privacy/audit/?{query}")

    assert _listed(response) == [trail[key].pk for key in expected]


def test_audit_trail_filters_by_who_and_edition(client_for, organiser, trail):
    client = client_for(organiser)

    by_who = client.get(f"/privacy/audit/?actor={trail['other'].pk}")
    by_edition = client.get(f"/privacy/audit/?edition={trail['old'].pk}")

    assert _listed(by_who) == [trail["merged"].pk]
    assert _listed(by_edition) == [trail["erased"].pk]


def test_audit_trail_refuses_an_end_before_the_start(client_for, organiser, trail):
    response = client_for(organiser).get(
        "/privacy/audit/?since=2026-11-12&until=2026-11-01"
    )

    assert response.context["form"].errors["until"] == [
        ro("The end cannot be before the start.")
    ]


def test_audit_trail_records_the_privacy_actions(client_for, organiser, subject):
    client = client_for(organiser)
    client.get(f"/privacy/people/{subject.pk}/data/")
    privacy.erase_person(actor=organiser, person=subject)

    response = client.get("/privacy/audit/")

    actions = [event.action for event in response.context["page_obj"]]
    assert actions[:2] == ["person.erased", "person.exported"]


def test_audit_trail_queries_do_not_grow_with_events(
    client_for, organiser, edition, django_assert_num_queries
):
    client = client_for(organiser)
    audit.record(organiser, "cohort.selected", edition=edition, summary="Ana")
    client.get("/")

    with django_assert_num_queries(9):
        client.get("/privacy/audit/?action=cohort.selected")
    for number in range(40):
        actor = factories.make_user("organiser")
        audit.record(actor, "cohort.selected", edition=edition, summary=str(number))
    with django_assert_num_queries(9):
        client.get("/privacy/audit/?action=cohort.selected")


# --- The way to these pages ------------------------------------------------

LINK_PERSONAS = ["organiser", "mentor", "juror", "participant", "other_participant"]


def _privacy_link(person):
    url = reverse("privacy:person_privacy", args=[person.pk])
    return f'<a href="{url}" id="person-privacy">Date personale: acorduri, copia datelor, ștergere</a>'


@pytest.mark.parametrize("persona", [*LINK_PERSONAS, "anonymous"])
def test_the_person_page_links_organisers_to_the_privacy_page(
    persona, participant, personas, client_for
):
    person = participant.person
    url = reverse("cohorts:person_detail", args=[person.pk])

    response = client_for(personas.get(persona)).get(url)

    if persona == "organiser":
        assert response.status_code == 200
        assert response.content.decode().count(_privacy_link(person)) == 1
    elif persona == "anonymous":
        assert response.url == f"{reverse('account_login')}?next={url}"
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("persona", LINK_PERSONAS)
def test_participants_see_my_data_on_every_page(persona, personas, client_for):
    link = f'href="{reverse("privacy:my_data")}" id="my-data">Datele mele</a>'

    page = client_for(personas.get(persona)).get(reverse("home"))

    assert page.content.decode().count(link) == (
        1 if persona in ("participant", "other_participant") else 0
    )


@pytest.mark.parametrize("persona", ["participant", "other_participant"])
def test_my_data_shows_the_participants_own_consents_and_download(
    persona, organiser, participant, other_participant, personas, client_for
):
    own = {"participant": participant, "other_participant": other_participant}
    privacy.record_consent(
        actor=organiser,
        person=participant.person,
        kind=ConsentKind.DATA_PROCESSING,
        evidence="Formular semnat",
    )

    page = client_for(personas.get(persona)).get(reverse("privacy:my_data"))

    assert page.status_code == 200
    assert page.context["person"] == own[persona].person
    counts = {section.key: len(section.rows) for section in page.context["sections"]}
    assert counts.get("vsfa.consent:consents", 0) == (
        1 if persona == "participant" else 0
    )
    assert f'href="{reverse("privacy:my_data_json")}"' in page.content.decode()
