import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone

from tests import factories
from tests.vsfa import builders
from vsfa import privacy
from vsfa.choices import ConsentKind
from vsfa.models import AuditEvent, Consent, Person

pytestmark = pytest.mark.django_db

ro = builders.ro


def _under_16():
    today = timezone.localdate()
    return factories.make_person(
        "Ionuț", birth_date=today.replace(year=today.year - 14)
    )


def _adult():
    return factories.make_person("Ana", birth_date=datetime.date(2000, 1, 1))


# --- Services ----------------------------------------------------------------


def test_consent_is_recorded_with_who_when_and_evidence(organiser):
    someone = _adult()

    consent = builders.consent(someone, actor=organiser)

    assert (
        consent.kind,
        consent.given_by,
        consent.evidence,
        consent.recorded_by,
        consent.withdrawn_at,
    ) == (ConsentKind.DATA_PROCESSING, "Maria Popescu", "Formular 12", organiser, None)
    event = AuditEvent.objects.get(action="consent.recorded")
    assert (event.actor, event.summary) == (
        organiser,
        f"#{someone.pk} · {ConsentKind.DATA_PROCESSING.label}",
    )


def test_same_consent_sent_twice_is_recorded_once(organiser):
    someone = _adult()

    first = builders.consent(someone, actor=organiser)
    second = builders.consent(someone, actor=organiser)

    assert first.pk == second.pk
    assert Consent.objects.count() == 1


def test_photo_consent_sets_the_person_s_photo_flag(organiser):
    someone = _adult()

    builders.consent(someone, ConsentKind.PHOTO, actor=organiser)

    someone.refresh_from_db()
    assert someone.photo_consent is True
    assert privacy.may_show_photo(someone) is True


def test_withdrawing_photo_consent_hides_photos_everywhere(organiser):
    someone = _adult()
    consent = builders.consent(someone, ConsentKind.PHOTO, actor=organiser)

    withdrawn = privacy.withdraw_consent(actor=organiser, consent=consent)

    someone.refresh_from_db()
    consent.refresh_from_db()
    assert withdrawn is True
    assert consent.withdrawn_at is not None
    assert someone.photo_consent is False
    assert privacy.may_show_photo(someone) is False
    assert list(Person.objects.photo_allowed()) == []


def test_withdrawing_twice_changes_nothing_more(organiser):
    consent = builders.consent(_adult(), actor=organiser)
    privacy.withdraw_consent(actor=organiser, consent=consent)
    first = Consent.objects.get().withdrawn_at

    again = privacy.withdraw_consent(actor=organiser, consent=consent)

    assert again is False
    assert Consent.objects.get().withdrawn_at == first
    assert AuditEvent.objects.filter(action="consent.withdrawn").count() == 1


def test_photos_stay_while_another_photo_consent_stands(organiser):
    someone = _adult()
    website = builders.consent(someone, ConsentKind.PHOTO, scope="Site")
    builders.consent(someone, ConsentKind.PHOTO, scope="Facebook")

    privacy.withdraw_consent(actor=organiser, consent=website)

    someone.refresh_from_db()
    assert someone.photo_consent is True


def test_photo_consent_from_an_attendance_form_can_be_withdrawn(organiser):
    someone = factories.make_person("Ana", photo_consent=True)

    withdrawn = privacy.withdraw_photo_consent(actor=organiser, person=someone)

    someone.refresh_from_db()
    assert (withdrawn, someone.photo_consent) == (True, False)


def test_photo_rule_in_templates(organiser):
    allowed = factories.make_person("Ana", photo_consent=True)
    refused = factories.make_person("Ion", photo_consent=False)
    template = Template(
        "{% load privacy_tags %}{% for p in people %}"
        "{% if p|photo_allowed %}{{ p.given_name }}{% endif %}{% endfor %}"
    )

    html = template.render(Context({"people": [allowed, refused]}))

    assert html == "Ana"


def test_anonymised_person_s_photos_are_never_shown(organiser):
    someone = factories.make_person("Ana", photo_consent=True)

    privacy.erase_person(actor=organiser, person=someone)

    someone.refresh_from_db()
    assert privacy.may_show_photo(someone) is False


def test_guardian_is_needed_under_16_only():
    today = timezone.localdate()
    sixteen_today = factories.make_person(
        "Ana", birth_date=today.replace(year=today.year - 16)
    )

    assert privacy.needs_guardian(_under_16()) is True
    assert privacy.needs_guardian(sixteen_today) is False
    assert privacy.needs_guardian(factories.make_person("Ion")) is False


def test_register_lists_who_lacks_a_guardian_s_consent(edition):
    conference = factories.make_conference(edition, date=builders.HELD)
    lacking, covered, adult = _under_16(), _under_16(), _adult()
    for someone in (lacking, covered, adult):
        builders.attend(conference, someone)
    builders.consent(covered, ConsentKind.GUARDIAN)

    people = privacy.register(edition, status="no_guardian")

    assert list(people) == [lacking]


def test_register_keeps_to_the_edition(edition):
    other = factories.make_edition("2031/2032", current=False)
    here = _adult()
    builders.attend(factories.make_conference(edition), here)
    builders.attend(factories.make_conference(other), _adult())

    assert list(privacy.register(edition)) == [here]


def test_anonymised_person_takes_no_new_consent(organiser):
    someone = _adult()
    privacy.erase_person(actor=organiser, person=someone)

    with pytest.raises(privacy.PrivacyError):
        builders.consent(someone, actor=organiser)


# --- Pages ---------------------------------------------------------------------


def test_consent_form_records_a_guardian_s_consent(client_for, organiser):
    child = _under_16()

    response = client_for(organiser).post(
        f"/privacy/people/{child.pk}/consents/new/",
        {
            "kind": ConsentKind.GUARDIAN,
            "given_by": "Elena Popescu (mama)",
            "evidence": "Formular semnat nr. 7",
        },
    )

    assert response.url == f"/privacy/people/{child.pk}/"
    assert builders.messages_of(response) == [ro("Consent recorded.")]
    consent = child.consents.get()
    assert (consent.kind, consent.given_by, consent.recorded_by) == (
        ConsentKind.GUARDIAN,
        "Elena Popescu (mama)",
        organiser,
    )


def test_consent_form_asks_for_evidence_and_a_photo_scope(client_for, organiser):
    someone = _adult()

    response = client_for(organiser).post(
        f"/privacy/people/{someone.pk}/consents/new/",
        {"kind": ConsentKind.PHOTO, "given_by": "Ana"},
    )

    form = response.context["form"]
    assert form.errors["evidence"] == [ro("This field is required.")]
    assert form.errors["scope"] == [
        ro("Say where the photos may be used, e.g. the city hall's website.")
    ]
    assert form["given_by"].value() == "Ana"
    assert Consent.objects.count() == 0


def test_consent_form_for_an_anonymised_person_is_refused(client_for, organiser):
    someone = _adult()
    privacy.erase_person(actor=organiser, person=someone)

    response = client_for(organiser).get(f"/privacy/people/{someone.pk}/consents/new/")

    assert response.url == f"/privacy/people/{someone.pk}/"
    assert builders.messages_of(response) == [ro("This person's data was anonymised.")]


def test_withdraw_asks_first_then_withdraws(client_for, organiser):
    someone = _adult()
    consent = builders.consent(someone, ConsentKind.PHOTO)
    client = client_for(organiser)

    confirm = client.get(f"/privacy/consents/{consent.pk}/withdraw/")
    consent.refresh_from_db()
    still = consent.withdrawn_at
    response = client.post(f"/privacy/consents/{consent.pk}/withdraw/")

    someone.refresh_from_db()
    assert (confirm.status_code, still) == (200, None)
    assert response.url == f"/privacy/people/{someone.pk}/"
    assert builders.messages_of(response) == [ro("Consent withdrawn.")]
    assert someone.photo_consent is False


def test_photo_withdraw_page_asks_first_then_withdraws(client_for, organiser):
    someone = factories.make_person("Ana", photo_consent=True)
    client = client_for(organiser)

    confirm = client.get(f"/privacy/people/{someone.pk}/photos/withdraw/")
    response = client.post(f"/privacy/people/{someone.pk}/photos/withdraw/")

    someone.refresh_from_db()
    assert confirm.status_code == 200
    assert builders.messages_of(response) == [
        ro("Photo consent withdrawn: their photos are hidden.")
    ]
    assert someone.photo_consent is False


def test_person_page_shows_a_missing_guardian_s_consent(client_for, organiser):
    child = _under_16()

    html = client_for(organiser).get(f"/privacy/people/{child.pk}/").content.decode()

    assert 'id="guardian-missing"' in html


def test_person_page_of_an_adult_shows_no_guardian_warning(client_for, organiser):
    html = client_for(organiser).get(f"/privacy/people/{_adult().pk}/").content
    assert 'id="guardian-missing"' not in html.decode()


def test_register_page_marks_who_lacks_a_guardian_s_consent(
    client_for, organiser, edition
):
    conference = factories.make_conference(edition, date=builders.HELD)
    child, adult = _under_16(), _adult()
    builders.attend(conference, child)
    builders.attend(conference, adult)

    response = client_for(organiser).get("/privacy/people/?status=no_guardian")

    assert [person.pk for person in response.context["page_obj"]] == [child.pk]
    assert ro("Missing") in response.content.decode()


def test_register_page_queries_do_not_grow_with_people(
    client_for, organiser, edition, django_assert_num_queries
):
    conference = factories.make_conference(edition, date=builders.HELD)
    client = client_for(organiser)
    builders.attend(conference, _under_16())
    client.get("/")

    with django_assert_num_queries(6):
        client.get("/privacy/people/")
    for _index in range(30):
        someone = _under_16()
        builders.attend(conference, someone)
        builders.consent(someone, ConsentKind.PHOTO)
    with django_assert_num_queries(6):
        client.get("/privacy/people/")


def test_reporting_details_are_saved_and_audited(client_for, organiser):
    someone = _adult()

    response = client_for(organiser).post(
        f"/privacy/people/{someone.pk}/reporting/",
        {"education_level": "isced_3_4", "labour_status": "unemployed"},
    )

    someone.refresh_from_db()
    assert response.url == f"/privacy/people/{someone.pk}/"
    assert (someone.education_level, someone.labour_status) == (
        "isced_3_4",
        "unemployed",
    )
    assert AuditEvent.objects.filter(action="person.reporting_changed").count() == 1
