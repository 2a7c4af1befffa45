import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from cohorts.selectors import has_completed
from tests import factories
from tests.cohorts import builders

pytestmark = pytest.mark.django_db

MY_CERTIFICATE = reverse("cohorts:my_certificate")


def _certificate_url(member):
    return reverse("cohorts:member_certificate", args=[member.pk])


@pytest.fixture
def training(edition):
    edition.certificate_signatory = "Irina Dumitrescu-Șerban"
    edition.certificate_signatory_role = "Coordonatoare de program"
    edition.save()
    modules = [
        factories.make_module(edition, number=number, title=f"Modulul {number}")
        for number in range(1, 14)
    ]
    workshops = builders.make_workshops(edition, 4)
    return modules, workshops


@pytest.fixture
def graduate(edition, training):
    """A participant who meets the rule exactly: 11 of 13 modules, 3 of 4 workshops."""
    modules, workshops = training
    member = factories.make_participant(
        edition, given_name="Ștefania", family_name="Țăranu"
    )
    builders.complete(member, modules[:11])
    builders.mark(member, workshops[:3])
    return member


def _text(response):
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


# The completion rule at its edges


@pytest.mark.parametrize(
    ("modules_done", "workshops_attended", "completed"),
    [(11, 3, True), (13, 4, True), (10, 4, False), (11, 2, False), (10, 2, False)],
)
def test_rule_of_eleven_modules_and_three_quarters_of_workshops(
    edition, training, modules_done, workshops_attended, completed
):
    modules, workshops = training
    member = factories.make_participant(edition)
    builders.complete(member, modules[:modules_done])
    builders.mark(member, workshops[:workshops_attended])

    result = has_completed(member)

    assert result is completed


@pytest.mark.parametrize(("attended", "completed"), [(6, True), (5, False)])
def test_exactly_seventy_five_percent_of_eight_workshops(
    edition, training, attended, completed
):
    modules, _four = training
    workshops = builders.make_workshops(edition, 4)
    member = factories.make_participant(edition)
    builders.complete(member, modules[:11])
    builders.mark(member, (_four + workshops)[:attended])

    result = has_completed(member)

    assert result is completed


# The certificate


def test_graduate_downloads_their_certificate_with_every_letter(client_for, graduate):
    response = client_for(graduate.person.user).get(MY_CERTIFICATE)

    text = _text(response)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="certificat-vsfa-20262027.pdf"'
    )
    assert "Ștefania Țăranu" in text.splitlines()
    assert "Certificat de absolvire" in text.splitlines()
    assert "Module absolvite (11 din 13):" in text.splitlines()
    assert "11. Modulul 11" in text.splitlines()
    assert "ediția 2026/2027." in text
    assert "Irina Dumitrescu-Șerban" in text.splitlines()
    assert "Coordonatoare de program" in text.splitlines()
    assert PdfReader(io.BytesIO(response.content)).metadata.title == (
        "Certificat de absolvire: Ștefania Țăranu"
    )


def test_certificate_lists_the_modules_completed_in_order(client_for, graduate):
    response = client_for(graduate.person.user).get(MY_CERTIFICATE)

    lines = _text(response).splitlines()
    assert [line for line in lines if line.startswith(("1.", "2.", "9."))] == [
        "1. Modulul 1",
        "2. Modulul 2",
        "9. Modulul 9",
    ]
    assert "12. Modulul 12" not in lines


def test_no_certificate_before_the_rule_is_met(client_for, edition, training):
    modules, workshops = training
    member = factories.make_participant(edition)
    builders.complete(member, modules[:10])
    builders.mark(member, workshops)

    response = client_for(member.person.user).get(MY_CERTIFICATE)

    assert response.status_code == 404


def test_no_certificate_once_withdrawn(client_for, organiser, graduate):
    graduate.status = "withdrawn"
    graduate.save()

    own = client_for(graduate.person.user).get(MY_CERTIFICATE)
    organisers = client_for(organiser).get(_certificate_url(graduate))

    assert (own.status_code, organisers.status_code) == (404, 404)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("organiser", 200),
        ("mentor", 404),
        ("juror", 404),
        ("participant", 404),
        ("other_participant", 404),
    ],
)
def test_a_graduates_certificate_by_persona(
    client_for, personas, mentor_user, graduate, persona, expected
):
    factories.make_group(
        graduate.edition, mentors=[mentor_user.mentor], members=[graduate]
    )

    response = client_for(personas[persona]).get(_certificate_url(graduate))

    assert response.status_code == expected


def test_organiser_gets_the_same_certificate(client_for, organiser, graduate):
    response = client_for(organiser).get(_certificate_url(graduate))

    assert "Ștefania Țăranu" in _text(response).splitlines()


def test_anonymous_is_sent_to_sign_in(client, graduate):
    own = client.get(MY_CERTIFICATE)
    theirs = client.get(_certificate_url(graduate))

    assert own.status_code == theirs.status_code == 302
    assert own.url.startswith(reverse("account_login"))
    assert theirs.url.startswith(reverse("account_login"))


def test_organiser_cannot_certify_one_who_has_not_completed(
    client_for, organiser, participant, training
):
    response = client_for(organiser).get(_certificate_url(participant))

    assert response.status_code == 404


def test_organiser_sets_who_signs_on_the_edition_page(client_for, organiser, edition):
    client = client_for(organiser)
    page = client.get(f"/editions/{edition.pk}/edit/")
    data = {
        key: value
        for key, value in page.context["form"].initial.items()
        if value is not None
    }

    response = client.post(
        f"/editions/{edition.pk}/edit/",
        {
            **data,
            "starts_on": "2026-09-01",
            "ends_on": "2028-03-31",
            "certificate_signatory": "Elena Mărgărit",
            "certificate_signatory_role": "Directoare de program",
        },
    )

    edition.refresh_from_db()
    assert response.status_code == 302
    assert (edition.certificate_signatory, edition.certificate_signatory_role) == (
        "Elena Mărgărit",
        "Directoare de program",
    )
