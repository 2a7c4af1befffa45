import datetime
import json
import os
import uuid

import pytest
from allauth.account.models import EmailAddress
from django.core.files.base import ContentFile

from cohorts import services as cohort_services
from cohorts.models import Application, AttendanceImport, ModuleCompletion
from mentorship.models import Founder, SessionRating
from tests import factories
from tests.mentorship import builders as mentorship_builders
from tests.vsfa import builders
from vsfa import indicators, privacy
from vsfa.choices import ConsentKind
from vsfa.models import AuditEvent, Consent, Person, SensitiveAccess

pytestmark = pytest.mark.django_db

ro = builders.ro


@pytest.fixture
def reader(db):
    user = factories.make_user("organiser", full_name="Sorina Sensibilă")
    user.can_view_sensitive = True
    user.save()
    return user


# --- A copy of the data --------------------------------------------------------


def _sections(document):
    return document["sections"]


def test_json_copy_covers_every_record_that_refers_to_the_person(client_for, organiser):
    small = builders.small_edition(organiser)
    bogdan = small.people["bogdan"]
    builders.consent(bogdan)

    response = client_for(organiser).get(f"/privacy/people/{bogdan.pk}/data.json")

    assert response["Content-Disposition"] == (
        f'attachment; filename="vsfa-person-{bogdan.pk}.json"'
    )
    document = json.loads(response.content)
    sections = _sections(document)
    assert document["person"] == bogdan.pk
    assert sorted(sections) == [
        "cohorts.attendance:attendances",
        "cohorts.cohortmember:memberships",
        "mentorship.founder:founder",
        "mentorship.startup:startups",
        "person",
        "vsfa.consent:consents",
    ]
    member = sections["cohorts.cohortmember:memberships"]["records"][0]
    assert sorted(member["related"]) == ["competition.finalist:finalist_entries"]
    assert sections["person"]["records"][0]["fields"]["birth_date"] == "2008-01-01"


def test_copy_includes_records_merged_into_the_person(organiser):
    small = builders.small_edition(organiser)
    carmen = small.people["carmen"]

    sections = privacy.person_data(carmen, include_sensitive=False)

    merged = next(section for section in sections if "merged_from" in section.key)
    assert [row["id"] for row in merged.rows] == [small.people["carmen_twin"].pk]


def test_copy_leaves_out_sensitive_answers_without_the_permission(organiser):
    someone = factories.make_person("Ana")
    builders.declare(someone, roma="yes")

    sections = privacy.export_person(
        actor=organiser, person=someone, include_sensitive=True
    )

    keys = [section.key for section in sections]
    assert "vsfa.sensitivedeclaration:sensitive" not in keys
    assert keys[-1] == "sensitive"
    assert SensitiveAccess.objects.count() == 0


def test_copy_with_the_permission_includes_answers_and_logs_it(reader):
    someone = factories.make_person("Ana")
    builders.declare(someone, roma="yes")

    sections = privacy.export_person(
        actor=reader, person=someone, include_sensitive=True
    )

    (declaration,) = next(
        section.rows
        for section in sections
        if section.key == "vsfa.sensitivedeclaration:sensitive"
    )
    assert {item.key: item.text for item in declaration["fields"]}["roma"] == "Da"
    assert list(SensitiveAccess.objects.values_list("user", "purpose")) == [
        (reader.pk, "copy")
    ]


def test_copy_is_audited(client_for, organiser):
    someone = factories.make_person("Ana")

    client_for(organiser).get(f"/privacy/people/{someone.pk}/data/")

    event = AuditEvent.objects.get(action="person.exported")
    assert (event.actor, event.object_id, event.data["own"]) == (
        organiser,
        str(someone.pk),
        False,
    )


def test_readable_copy_page_lists_the_sections(client_for, organiser):
    small = builders.small_edition(organiser)

    response = client_for(organiser).get(
        f"/privacy/people/{small.people['gina'].pk}/data/"
    )

    html = response.content.decode()
    assert 'data-section="cohorts.attendance:attendances"' in html
    assert "Echipa BG" in html


def test_participant_downloads_their_own_data_with_their_answers(
    client_for, participant
):
    person = participant.person
    builders.declare(person, rural="yes")

    response = client_for(person.user).get("/privacy/me/data.json")

    sections = _sections(json.loads(response.content))
    assert "vsfa.sensitivedeclaration:sensitive" in sections
    assert sections["account"]["records"][0]["fields"]["email"] == person.user.email
    assert list(SensitiveAccess.objects.values_list("user", "purpose")) == [
        (person.user.pk, "copy")
    ]


# --- Erasure -------------------------------------------------------------------


def test_erasure_replaces_the_identity(organiser):
    someone = factories.make_person(
        "Ana",
        family_name="Rădulescu",
        birth_date=datetime.date(2009, 5, 5),
        email="ana@example.org",
        phone="0722000000",
        photo_consent=True,
    )

    erased = privacy.erase_person(actor=organiser, person=someone, reason="Cerere")

    someone.refresh_from_db()
    assert erased is True
    assert (
        someone.full_name,
        someone.birth_date,
        someone.email,
        someone.phone,
        someone.photo_consent,
    ) == (f"Anonim #{someone.pk}", None, "", "", False)
    assert someone.anonymised_at is not None
    assert Person.objects.search("Radulescu").count() == 0
    event = AuditEvent.objects.get(action="person.erased")
    assert (event.actor, event.summary, event.data["reason"]) == (
        organiser,
        f"#{someone.pk}",
        "Cerere",
    )


def test_erasing_twice_does_nothing_more(organiser):
    someone = factories.make_person("Ana")
    privacy.erase_person(actor=organiser, person=someone)

    again = privacy.erase_person(actor=organiser, person=someone)

    assert again is False
    assert AuditEvent.objects.filter(action="person.erased").count() == 1


def test_erasure_closes_the_account(organiser, participant):
    user = participant.person.user
    EmailAddress.objects.create(user=user, email=user.email, verified=True)

    privacy.erase_person(actor=organiser, person=participant.person)

    user.refresh_from_db()
    assert (user.is_active, user.is_participant, user.has_usable_password()) == (
        False,
        False,
        False,
    )
    assert user.email == f"anonim-{user.pk}@anonymised.invalid"
    assert EmailAddress.objects.filter(user=user).count() == 0
    participant.person.refresh_from_db()
    assert participant.person.user is None


def test_erasure_wipes_the_name_from_notes_and_the_audit_trail(organiser):
    small = builders.small_edition(organiser)
    dan = small.people["dan"]
    member = dan.memberships.get()
    member.withdrawn_reason = f"{dan.full_name} moved to Cluj"
    member.save()
    name = dan.full_name

    privacy.erase_person(actor=organiser, person=dan)

    member.refresh_from_db()
    assert member.withdrawn_reason == f"Anonim #{dan.pk} moved to Cluj"
    assert AuditEvent.objects.filter(summary__contains=name).count() == 0
    assert (
        AuditEvent.objects.filter(
            action="cohort.selected", summary=f"Anonim #{dan.pk}"
        ).count()
        == 1
    )
    assert dan.attendances.get().class_name == ""


def test_erasure_empties_the_identity_kept_on_other_records(organiser, edition):
    someone = factories.make_person("Ana", family_name="Rădulescu")
    application = Application.objects.create(
        edition=edition,
        person=someone,
        given_name="Ana",
        family_name="Rădulescu",
        birth_date=datetime.date(2010, 2, 2),
        email="ana@example.org",
        phone="0722000000",
        class_name="10B",
        motivation="Eu, Ana Rădulescu, vreau să învăț.",
        idea="O aplicație",
        guardian_name="Maria Rădulescu",
        guardian_contact="maria@example.org",
        form_token=uuid.uuid4(),
    )

    privacy.erase_person(actor=organiser, person=someone)

    application.refresh_from_db()
    assert (
        application.full_name,
        application.birth_date,
        application.email,
        application.phone,
        application.class_name,
        application.guardian_name,
        application.guardian_contact,
        application.motivation,
    ) == (
        f"Anonim #{someone.pk}",
        None,
        "",
        "",
        "",
        "",
        "",
        f"Eu, Anonim #{someone.pk}, vreau să învăț.",
    )


def test_erasure_keeps_other_people_s_names(organiser):
    small = builders.small_edition(organiser)

    privacy.erase_person(actor=organiser, person=small.people["dan"])

    bogdan = small.people["bogdan"]
    assert (
        AuditEvent.objects.filter(
            action="cohort.selected", summary=bogdan.full_name
        ).count()
        == 1
    )


def test_erasure_clears_who_gave_consent_but_keeps_the_consent(organiser):
    someone = factories.make_person("Ana")
    builders.declare(someone, roma="yes")

    privacy.erase_person(actor=organiser, person=someone)

    consent = Consent.objects.get(person=someone)
    assert (consent.kind, consent.given_by, consent.evidence) == (
        ConsentKind.SENSITIVE,
        "",
        "",
    )
    assert consent.withdrawn_at is None


def test_erasure_deletes_attached_documents_once_it_commits(
    organiser, edition, settings, django_capture_on_commit_callbacks
):
    someone = factories.make_person("Ana")
    startup = factories.make_startup(edition, founders=[someone])
    founder = Founder.objects.get(startup=startup)
    founder.emancipation_document.save("hotarare.pdf", ContentFile(b"%PDF"))
    path = founder.emancipation_document.path

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        privacy.erase_person(actor=organiser, person=someone)
    before_commit = os.path.exists(path)
    for callback in callbacks:
        callback()

    founder.refresh_from_db()
    assert founder.emancipation_document.name == ""
    assert before_commit is True
    assert os.path.exists(path) is False


def test_erasing_a_merged_record_erases_the_person_it_became(organiser):
    small = builders.small_edition(organiser)
    twin, carmen = small.people["carmen_twin"], small.people["carmen"]

    privacy.erase_person(actor=organiser, person=twin)

    twin.refresh_from_db()
    carmen.refresh_from_db()
    assert carmen.full_name == f"Anonim #{carmen.pk}"
    assert twin.full_name == f"Anonim #{twin.pk}"


def test_erasure_keeps_every_indicator(organiser):
    small = builders.small_edition(organiser)
    before = indicators.edition_indicators(small.edition).as_data()
    rows_before = indicators.participant_rows(small.edition)

    for person in small.people.values():
        privacy.erase_person(actor=organiser, person=person)

    assert indicators.edition_indicators(small.edition).as_data() == before
    assert indicators.participant_rows(small.edition) == rows_before


def test_erased_member_can_still_be_withdrawn(organiser):
    small = builders.small_edition(organiser)
    privacy.erase_person(actor=organiser, person=small.people["gina"])
    member = small.people["gina"].memberships.get()

    cohort_services.withdraw_member(actor=organiser, member=member, reason="Plecat")

    member.refresh_from_db()
    assert member.status == "withdrawn"


# --- Erasure pages ---------------------------------------------------------------


def test_erase_page_asks_first_then_erases(client_for, organiser):
    someone = factories.make_person("Ana", family_name="Rădulescu")
    client = client_for(organiser)

    confirm = client.get(f"/privacy/people/{someone.pk}/erase/")
    untouched = Person.objects.get(pk=someone.pk).full_name
    response = client.post(
        f"/privacy/people/{someone.pk}/erase/",
        {"reason": "Cerere prin e-mail", "confirm": "on"},
    )

    someone.refresh_from_db()
    assert (confirm.status_code, untouched) == (200, "Ana Rădulescu")
    assert response.url == f"/privacy/people/{someone.pk}/"
    assert builders.messages_of(response) == [
        ro("The person's identity was replaced with %(name)s.", name=someone.full_name)
    ]
    assert someone.full_name == f"Anonim #{someone.pk}"


def test_erase_page_needs_the_confirmation(client_for, organiser):
    someone = factories.make_person("Ana", family_name="Rădulescu")

    response = client_for(organiser).post(
        f"/privacy/people/{someone.pk}/erase/", {"reason": "Cerere"}
    )

    someone.refresh_from_db()
    assert response.context["form"].errors["confirm"] == [ro("This field is required.")]
    assert response.context["form"]["reason"].value() == "Cerere"
    assert someone.anonymised_at is None


def test_erase_page_of_an_erased_person_says_so(client_for, organiser):
    someone = factories.make_person("Ana")
    privacy.erase_person(actor=organiser, person=someone)

    response = client_for(organiser).get(f"/privacy/people/{someone.pk}/erase/")

    assert response.url == f"/privacy/people/{someone.pk}/"
    assert builders.messages_of(response) == [ro("This person's data was anonymised.")]


def test_erase_page_lists_the_uploaded_files_that_name_the_person(
    client_for, organiser, edition
):
    conference = factories.make_conference(edition, date=builders.HELD)
    upload = AttendanceImport.objects.create(
        conference=conference,
        file="imports/x.xlsx",
        original_name="clasa-10A.xlsx",
        sha256="0" * 64,
    )
    someone = factories.make_person("Ana")
    attendance = builders.attend(conference, someone)
    attendance.source_import = upload
    attendance.save()

    response = client_for(organiser).get(f"/privacy/people/{someone.pk}/erase/")

    assert list(response.context["import_files"]) == [upload]
    assert "clasa-10A.xlsx" in response.content.decode()


def test_erasure_wipes_the_name_from_the_notes_of_sessions_attended(
    edition, participant, other_participant, mentor_user
):
    group = factories.make_group(edition, members=[participant, other_participant])
    attended, missed = (
        mentorship_builders.make_session(
            group,
            mentor_user.mentor,
            attendees=attendees,
            starts_at=datetime.datetime(2027, 3, day, 15, tzinfo=datetime.UTC),
            notes="Ștefan Niță lipsește des",
            notes_for_participants="Felicitări, Ștefan Niță!",
            follow_ups="Niță Ștefan: planul de afaceri",
        )
        for day, attendees in ((1, [participant]), (2, [other_participant]))
    )
    rating = SessionRating.objects.create(
        session=attended,
        member=other_participant,
        score=5,
        comment="Ștefan Niță a prezentat bine",
    )
    person = participant.person

    privacy.erase_person(actor=mentor_user, person=person)

    attended.refresh_from_db()
    missed.refresh_from_db()
    rating.refresh_from_db()
    stand_in = f"Anonim #{person.pk}"
    assert (
        attended.notes,
        attended.notes_for_participants,
        attended.follow_ups,
        rating.comment,
    ) == (
        f"{stand_in} lipsește des",
        f"Felicitări, {stand_in}!",
        f"{stand_in}: planul de afaceri",
        f"{stand_in} a prezentat bine",
    )
    assert missed.notes == "Ștefan Niță lipsește des"


def test_erasure_wipes_the_name_from_a_module_s_review_and_link(
    edition, participant, organiser
):
    completion = ModuleCompletion.objects.create(
        member=participant,
        module=factories.make_module(edition),
        completed_on=datetime.date(2027, 3, 1),
        evidence_url="https://drive.example/stefan.nita@ex.ro/plan",
        review_note="Ștefan Niță: lipsește bugetul",
    )
    person = participant.person
    person.email = "stefan.nita@ex.ro"
    person.save()

    privacy.erase_person(actor=organiser, person=person)

    completion.refresh_from_db()
    assert (completion.evidence_url, completion.review_note) == (
        "",
        f"Anonim #{person.pk}: lipsește bugetul",
    )
