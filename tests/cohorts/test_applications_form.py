"""The public application form: open to everyone, matched, consented, and
resistant to floods and double submission."""

import datetime
import itertools
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from cohorts import services
from cohorts.models import Application, MatchProposal
from tests import factories
from tests.cohorts import application_builders as ab
from vsfa.choices import ConsentKind
from vsfa.models import Consent, Person, SensitiveDeclaration

pytestmark = pytest.mark.django_db

_addresses = itertools.count(1)


@pytest.fixture
def call(edition):
    return ab.open_call(edition)


@pytest.fixture
def address():
    """An address of this test's own, so the rate limit counts only its posts."""
    return (
        f"10.{next(_addresses) % 250}.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}"
    )


def _evidence(application):
    with translation.override("ro"):
        return gettext("Application form no. %(number)s") % {"number": application.pk}


def _url(edition):
    return reverse("cohorts:apply", kwargs={"edition_pk": edition.pk})


def _post(client, edition, data, address):
    return client.post(_url(edition), data, REMOTE_ADDR=address)


@pytest.mark.parametrize(
    "persona",
    [None, "organiser", "mentor", "juror", "participant", "other_participant"],
)
def test_apply_form_opens_for_everyone(client_for, personas, call, persona):
    user = personas[persona] if persona else None

    response = client_for(user).get(_url(call.edition))

    assert response.status_code == 200
    assert response.templates[0].name == "cohorts/application_form.html"
    assert response.context["form"]["token"].value() is not None


@pytest.mark.parametrize(
    "persona",
    [None, "organiser", "mentor", "juror", "participant", "other_participant"],
)
def test_apply_thank_you_page_opens_for_everyone(client_for, personas, call, persona):
    user = personas[persona] if persona else None

    response = client_for(user).get(
        reverse("cohorts:apply_thanks", kwargs={"edition_pk": call.edition.pk})
    )

    assert response.status_code == 200
    assert response.templates[0].name == "cohorts/application_thanks.html"


def test_apply_form_of_an_unknown_edition_is_404(client):
    response = client.get(reverse("cohorts:apply", kwargs={"edition_pk": 999}))

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("opens", "closes"),
    [(None, None), (3, 10), (-10, -3)],
    ids=["no call", "not yet", "over"],
)
def test_apply_form_of_a_closed_edition_says_so(
    client, edition, address, opens, closes
):
    if opens is not None:
        today = timezone.localdate()
        ab.open_call(
            edition,
            opens_on=today + datetime.timedelta(days=opens),
            closes_on=today + datetime.timedelta(days=closes),
        )

    page = client.get(_url(edition))
    sent = _post(client, edition, ab.form_data(), address)

    assert page.templates[0].name == "cohorts/application_closed.html"
    assert sent.templates[0].name == "cohorts/application_closed.html"
    assert Application.objects.count() == 0


def test_apply_creates_the_application_the_person_and_the_consent(
    client, call, address
):
    data = ab.form_data(given_name="ioana", family_name="MARIN-ENE")

    response = _post(client, call.edition, data, address)

    thanks = reverse("cohorts:apply_thanks", kwargs={"edition_pk": call.edition.pk})
    assert response.url == thanks
    application = Application.objects.get()
    assert (
        application.given_name,
        application.family_name,
        application.other_school,
        application.class_name,
        application.phone,
        str(application.form_token),
    ) == (
        "ioana",
        "MARIN-ENE",
        "Liceul Teoretic Nr. 1",
        "11A",
        "+40 722 123 456",
        data["token"],
    )
    person = application.person
    assert (person.given_name, person.family_name, person.email) == (
        "Ioana",
        "Marin-Ene",
        data["email"],
    )
    consent = Consent.objects.get(person=person)
    assert (consent.kind, consent.given_by, consent.evidence) == (
        ConsentKind.DATA_PROCESSING,
        "ioana MARIN-ENE",
        _evidence(application),
    )


def test_apply_thank_you_page_shows_no_personal_data(client, call, address):
    data = ab.form_data(given_name="Zamfira", family_name="Nedelcu")

    response = client.post(_url(call.edition), data, REMOTE_ADDR=address, follow=True)

    ((url, _status),) = response.redirect_chain
    html = response.content.decode()
    assert url == f"/conferences/apply/{call.edition.pk}/thanks/"
    assert response.templates[0].name == "cohorts/application_thanks.html"
    assert "Zamfira" not in html
    assert "Nedelcu" not in html
    assert data["email"] not in html


def test_apply_twice_with_the_same_token_creates_one_application(client, call, address):
    data = ab.form_data()

    first = _post(client, call.edition, data, address)
    second = _post(client, call.edition, data, address)

    assert first.url == second.url
    assert Application.objects.count() == 1
    assert Person.objects.count() == 1
    assert Consent.objects.count() == 1


def test_apply_the_same_token_in_the_service_returns_the_first(edition, call):
    token = uuid.uuid4()
    details = ab.applicant()

    first = services.submit_application(edition=edition, token=token, applicant=details)
    second = services.submit_application(
        edition=edition, token=token, applicant=details
    )

    assert (first[1], second[1]) == (True, False)
    assert first[0] == second[0]


def test_apply_sixth_from_one_address_is_refused_and_keeps_the_form(
    client, call, address
):
    for _ in range(5):
        _post(client, call.edition, ab.form_data(), address)
    data = ab.form_data(given_name="Șerban")

    refused = _post(client, call.edition, data, address)
    elsewhere = _post(client, call.edition, ab.form_data(), address + "0")

    assert refused.status_code == 429
    (message,) = refused.context["messages"]
    assert message.level_tag == "error"
    assert str(message) == gettext(
        "Too many applications were sent from this network in the last few "
        "minutes. Please wait ten minutes and send the form again: what you "
        "typed is kept."
    )
    assert refused.context["form"]["given_name"].value() == "Șerban"
    assert elsewhere.status_code == 302
    assert Application.objects.count() == 6


def test_apply_sent_again_after_the_limit_still_shows_thanks(client, call, address):
    data = ab.form_data()
    _post(client, call.edition, data, address)
    for _ in range(5):
        _post(client, call.edition, ab.form_data(), address)

    again = _post(client, call.edition, data, address)

    assert again.status_code == 302
    assert Application.objects.count() == 5


def test_apply_rate_limit_reads_the_proxy_header_when_configured(
    client, call, address, settings
):
    settings.VSFA_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    for _ in range(5):
        client.post(
            _url(call.edition),
            ab.form_data(),
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_REAL_IP=address,
        )

    refused = client.post(_url(call.edition), ab.form_data(), HTTP_X_REAL_IP=address)
    other = client.post(
        _url(call.edition), ab.form_data(), HTTP_X_REAL_IP=address + "0"
    )

    assert (refused.status_code, other.status_code) == (429, 302)


def test_apply_without_the_data_consent_is_refused(client, call, address):
    data = ab.form_data()
    del data["data_consent"]

    response = _post(client, call.edition, data, address)

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["data_consent"]
    assert Application.objects.count() == 0


def test_apply_under_16_needs_a_guardian(client, call, address):
    data = ab.form_data(birth_date=ab.years_ago(16, days=-1).isoformat())

    response = _post(client, call.edition, data, address)

    assert sorted(response.context["form"].errors) == [
        "guardian_agrees",
        "guardian_contact",
        "guardian_name",
    ]
    assert Application.objects.count() == 0


def test_apply_under_16_with_a_guardian_leaves_their_consent_pending(
    client, call, address
):
    data = ab.form_data(
        birth_date=ab.years_ago(14).isoformat(),
        guardian_name="Elena Marin",
        guardian_contact="0733 000 111",
        guardian_agrees="on",
    )

    _post(client, call.edition, data, address)

    application = Application.objects.get()
    assert (application.guardian_name, application.guardian_contact) == (
        "Elena Marin",
        "0733 000 111",
    )
    assert list(
        Consent.objects.filter(person=application.person).values_list("kind", flat=True)
    ) == [ConsentKind.DATA_PROCESSING]


def test_apply_at_16_keeps_no_guardian_typed_by_mistake(client, call, address):
    data = ab.form_data(
        birth_date=ab.years_ago(16).isoformat(), guardian_name="Elena Marin"
    )

    _post(client, call.edition, data, address)

    assert Application.objects.get().guardian_name == ""


@pytest.mark.parametrize(
    ("birth_date", "phone", "field"),
    [
        ("2099-01-01", "", "birth_date"),
        (timezone.localdate().isoformat(), "", "birth_date"),
        (ab.years_ago(17).isoformat(), "12", "phone"),
    ],
)
def test_apply_refuses_impossible_values(
    client, call, address, birth_date, phone, field
):
    data = ab.form_data(birth_date=birth_date, phone=phone)

    response = _post(client, call.edition, data, address)

    assert list(response.context["form"].errors) == [field]


def test_apply_other_school_needs_its_name(client, call, address):
    data = ab.form_data(school="other", other_school="")

    response = _post(client, call.edition, data, address)

    assert list(response.context["form"].errors) == ["other_school"]


def test_apply_with_a_known_school(client, call, address):
    school = factories.make_school("Colegiul Tehnic Gheorghe Airinei")

    _post(client, call.edition, ab.form_data(school=str(school.pk)), address)

    application = Application.objects.get()
    assert (application.school, application.other_school) == (school, "")


def test_apply_prefer_not_to_say_gender_is_not_stated(client, call, address):
    _post(client, call.edition, ab.form_data(gender="unstated"), address)

    assert Application.objects.get().gender == ""


def test_apply_sensitive_answers_without_consent_are_refused(client, call, address):
    data = ab.form_data(roma="yes")

    response = _post(client, call.edition, data, address)

    assert list(response.context["form"].errors) == ["sensitive_consent"]
    assert Application.objects.count() == 0
    assert SensitiveDeclaration.objects.count() == 0


def test_apply_sensitive_answers_with_consent_are_kept(client, call, address):
    data = ab.form_data(
        sensitive_consent="on", roma="yes", low_income="prefer_not", rural="no"
    )

    _post(client, call.edition, data, address)

    person = Application.objects.get().person
    declaration = SensitiveDeclaration.objects.get(person=person)
    assert (
        declaration.roma,
        declaration.other_minority,
        declaration.low_income,
        declaration.rural,
    ) == ("yes", "", "prefer_not", "no")
    assert sorted(
        Consent.objects.filter(person=person).values_list("kind", flat=True)
    ) == [ConsentKind.DATA_PROCESSING, ConsentKind.SENSITIVE]


def test_apply_consent_without_answers_records_nothing_sensitive(client, call, address):
    _post(client, call.edition, ab.form_data(sensitive_consent="on"), address)

    assert SensitiveDeclaration.objects.count() == 0
    assert Consent.objects.filter(kind=ConsentKind.SENSITIVE).count() == 0


# Matching: the attendance import's rule.


def test_apply_with_an_attendees_email_is_linked_to_them(client, call, address):
    conference = factories.make_conference(call.edition)
    attendee = factories.make_person(
        given_name="Ioana", family_name="Marin", email="ioana.marin@example.org"
    )
    attendee.attendances.create(conference=conference)

    _post(
        client,
        call.edition,
        ab.form_data(
            given_name="Ioana", family_name="Marin", email="IOANA.Marin@example.org"
        ),
        address,
    )

    assert Application.objects.get().person == attendee
    assert Person.objects.count() == 1
    assert MatchProposal.objects.count() == 0


def test_apply_does_not_change_a_known_persons_details(client, call, address):
    attendee = factories.make_person(
        given_name="Ioana", family_name="Marin", email="ioana.marin@example.org"
    )

    _post(
        client,
        call.edition,
        ab.form_data(
            given_name="Ioana",
            family_name="Marin",
            email="ioana.marin@example.org",
            phone="0722 999 888",
        ),
        address,
    )

    attendee.refresh_from_db()
    assert (attendee.phone, attendee.birth_date) == ("", None)


def test_apply_same_name_and_birth_date_is_proposed_not_linked(client, call, address):
    birth_date = ab.years_ago(17)
    attendee = factories.make_person(
        given_name="Ștefan", family_name="Niță", birth_date=birth_date
    )

    _post(
        client,
        call.edition,
        ab.form_data(
            given_name="Stefan", family_name="NITA", birth_date=birth_date.isoformat()
        ),
        address,
    )

    application = Application.objects.get()
    assert application.person != attendee
    proposal = MatchProposal.objects.get()
    assert (proposal.person, proposal.candidate, proposal.reason) == (
        application.person,
        attendee,
        "proposal_name_birth_date",
    )


def test_apply_same_name_school_and_class_is_proposed(client, call, address):
    conference = factories.make_conference(call.edition)
    attendee = factories.make_person(given_name="Ana", family_name="Vasile")
    attendee.attendances.create(
        conference=conference, school=conference.school, class_name="10 B"
    )

    _post(
        client,
        call.edition,
        ab.form_data(
            given_name="Ana",
            family_name="Vasile",
            school=str(conference.school_id),
            class_name="10 b",
        ),
        address,
    )

    proposal = MatchProposal.objects.get()
    assert (proposal.candidate, proposal.reason) == (
        attendee,
        "proposal_school_class",
    )


def test_apply_a_name_alone_matches_nobody(client, call, address):
    factories.make_person(given_name="Ana", family_name="Vasile")

    _post(
        client,
        call.edition,
        ab.form_data(given_name="Ana", family_name="Vasile"),
        address,
    )

    assert Person.objects.count() == 2
    assert MatchProposal.objects.count() == 0
