import pytest
from django.core.exceptions import PermissionDenied

from tests import factories
from tests.vsfa import builders
from vsfa import privacy
from vsfa.choices import ConsentKind
from vsfa.models import AuditEvent, Consent, SensitiveAccess, SensitiveDeclaration

pytestmark = pytest.mark.django_db

ro = builders.ro

ANSWERS = {
    "roma": "yes",
    "other_minority": "",
    "disability": "no",
    "low_income": "prefer_not",
    "rural": "",
}


@pytest.fixture
def reader(db):
    user = factories.make_user("organiser", full_name="Sorina Sensibilă")
    user.can_view_sensitive = True
    user.save()
    return user


@pytest.fixture
def subject(db):
    return factories.make_person("Ana", family_name="Rădulescu")


def _readings():
    return list(SensitiveAccess.objects.values_list("person", "user", "purpose"))


# --- Services ----------------------------------------------------------------


def test_answers_without_consent_are_refused(reader, subject):
    with pytest.raises(privacy.PrivacyError):
        privacy.save_sensitive(actor=reader, person=subject, answers=ANSWERS)

    assert SensitiveDeclaration.objects.count() == 0


def test_answers_with_consent_given_now_record_the_consent(reader, subject):
    declaration = privacy.save_sensitive(
        actor=reader,
        person=subject,
        answers=ANSWERS,
        consent={"given_by": "Ana Rădulescu", "evidence": "Formular 3"},
    )

    assert (declaration.roma, declaration.low_income, declaration.rural) == (
        "yes",
        "prefer_not",
        "",
    )
    consent = Consent.objects.get()
    assert (consent.kind, consent.evidence) == (ConsentKind.SENSITIVE, "Formular 3")
    event = AuditEvent.objects.get(action="sensitive.recorded")
    assert event.data == {"person_id": subject.pk}


def test_reading_is_logged(reader, subject):
    builders.declare(subject, roma="yes")

    declaration = privacy.read_sensitive(user=reader, person=subject, purpose="page")

    assert declaration.roma == "yes"
    assert _readings() == [(subject.pk, reader.pk, "page")]


def test_reading_without_the_permission_is_refused_and_not_logged(organiser, subject):
    builders.declare(subject, roma="yes")

    with pytest.raises(PermissionDenied):
        privacy.read_sensitive(user=organiser, person=subject, purpose="page")

    assert _readings() == []


def test_withdrawing_the_consent_deletes_the_answers(reader, subject):
    builders.declare(subject, roma="yes", disability="no")
    consent = subject.consents.get(kind=ConsentKind.SENSITIVE)

    privacy.withdraw_consent(actor=reader, consent=consent)

    declaration = SensitiveDeclaration.objects.get(person=subject)
    assert [getattr(declaration, name) for name in privacy.SENSITIVE_FIELDS] == [""] * 5


# --- Organisers' pages ---------------------------------------------------------


def test_detail_page_shows_the_answers_and_logs_the_reading(
    client_for, reader, subject
):
    builders.declare(subject, roma="yes")

    response = client_for(reader).get(f"/privacy/people/{subject.pk}/sensitive/")

    assert response.context["declaration"].roma == "yes"
    assert ro("Yes") in response.content.decode()
    assert _readings() == [(subject.pk, reader.pk, "page")]


def test_detail_page_is_404_without_the_permission_and_logs_nothing(
    client_for, organiser, subject
):
    builders.declare(subject, roma="yes")

    response = client_for(organiser).get(f"/privacy/people/{subject.pk}/sensitive/")

    assert response.status_code == 404
    assert _readings() == []


def test_form_page_logs_the_reading_of_the_current_answers(client_for, reader, subject):
    builders.declare(subject, roma="yes")

    response = client_for(reader).get(f"/privacy/people/{subject.pk}/sensitive/edit/")

    assert response.context["form"].initial["roma"] == "yes"
    assert _readings() == [(subject.pk, reader.pk, "form")]


def test_form_refuses_answers_without_consent_and_keeps_them(
    client_for, reader, subject
):
    response = client_for(reader).post(
        f"/privacy/people/{subject.pk}/sensitive/edit/", ANSWERS
    )

    form = response.context["form"]
    assert form.errors["consent"] == [
        ro("These answers may be recorded only with explicit consent.")
    ]
    assert form["roma"].value() == "yes"
    assert SensitiveDeclaration.objects.count() == 0


def test_form_asks_who_gave_the_consent(client_for, reader, subject):
    response = client_for(reader).post(
        f"/privacy/people/{subject.pk}/sensitive/edit/", {**ANSWERS, "consent": "on"}
    )

    assert response.context["form"].errors["evidence"] == [
        ro("Say who gave the consent and how.")
    ]
    assert Consent.objects.count() == 0


def test_form_records_answers_with_consent(client_for, reader, subject):
    response = client_for(reader).post(
        f"/privacy/people/{subject.pk}/sensitive/edit/",
        {
            **ANSWERS,
            "consent": "on",
            "given_by": "Ana Rădulescu",
            "evidence": "Formular 3",
        },
    )

    assert response.url == f"/privacy/people/{subject.pk}/"
    assert builders.messages_of(response) == [ro("Answers saved.")]
    declaration = SensitiveDeclaration.objects.get(person=subject)
    assert (declaration.roma, declaration.recorded_by) == ("yes", reader)
    assert subject.consents.get().given_by == "Ana Rădulescu"


def test_form_without_any_answer_needs_no_consent(client_for, reader, subject):
    response = client_for(reader).post(
        f"/privacy/people/{subject.pk}/sensitive/edit/", {}
    )

    assert response.url == f"/privacy/people/{subject.pk}/"
    assert Consent.objects.count() == 0


def test_form_page_is_404_without_the_permission(client_for, organiser, subject):
    response = client_for(organiser).post(
        f"/privacy/people/{subject.pk}/sensitive/edit/",
        {**ANSWERS, "consent": "on", "given_by": "Ana", "evidence": "x"},
    )

    assert response.status_code == 404
    assert SensitiveDeclaration.objects.count() == 0


def test_person_page_offers_the_answers_only_with_the_permission(
    client_for, organiser, reader, subject
):
    link = f'href="/privacy/people/{subject.pk}/sensitive/"'

    with_permission = client_for(reader).get(f"/privacy/people/{subject.pk}/")
    without = client_for(organiser).get(f"/privacy/people/{subject.pk}/")

    assert link in with_permission.content.decode()
    assert link not in without.content.decode()
    assert _readings() == []


def test_log_page_lists_readings(client_for, organiser, reader, subject):
    builders.declare(subject, roma="yes")
    privacy.read_sensitive(user=reader, person=subject, purpose="page")

    response = client_for(organiser).get("/privacy/sensitive-readings/")

    html = response.content.decode()
    assert [reading.user for reading in response.context["page_obj"]] == [reader]
    assert ro("Read on the sensitive data page") in html
    assert "Ana Rădulescu" in html


def test_log_page_searches_by_reader(client_for, organiser, reader, subject):
    privacy.read_sensitive(user=reader, person=subject, purpose="page")
    other = factories.make_user("organiser", full_name="Altcineva")
    other.can_view_sensitive = True
    privacy.read_sensitive(user=other, person=subject, purpose="page")

    response = client_for(organiser).post(
        "/privacy/sensitive-readings/", {"q": "Sorina"}, follow=True
    )

    assert [reading.user for reading in response.context["page_obj"]] == [reader]


def test_log_page_queries_do_not_grow_with_readings(
    client_for, organiser, reader, subject, django_assert_num_queries
):
    client = client_for(organiser)
    privacy.read_sensitive(user=reader, person=subject, purpose="page")
    client.get("/")

    with django_assert_num_queries(7):
        client.get("/privacy/sensitive-readings/")
    for _index in range(30):
        privacy.read_sensitive(
            user=reader, person=factories.make_person("Ion"), purpose="form"
        )
    with django_assert_num_queries(7):
        client.get("/privacy/sensitive-readings/")


# --- A participant's own answers ------------------------------------------------


def test_participant_reads_their_own_answers_and_it_is_logged(client_for, participant):
    person = participant.person
    builders.declare(person, rural="yes")

    response = client_for(person.user).get("/privacy/me/declaration/")

    assert response.context["form"].initial["rural"] == "yes"
    assert _readings() == [(person.pk, person.user.pk, "own")]


def test_participant_declares_with_their_own_consent(client_for, participant):
    person = participant.person

    response = client_for(person.user).post(
        "/privacy/me/declaration/", {**ANSWERS, "consent": "on"}
    )

    assert response.url == "/privacy/me/"
    consent = person.consents.get()
    assert (consent.kind, consent.given_by, consent.recorded_by) == (
        ConsentKind.SENSITIVE,
        "Ștefan Niță",
        person.user,
    )
    assert SensitiveDeclaration.objects.get(person=person).roma == "yes"


def test_participant_answers_without_consent_are_refused(client_for, participant):
    response = client_for(participant.person.user).post(
        "/privacy/me/declaration/", ANSWERS
    )

    assert response.context["form"].errors["consent"] == [
        ro("These answers may be recorded only with explicit consent.")
    ]
    assert SensitiveDeclaration.objects.count() == 0
