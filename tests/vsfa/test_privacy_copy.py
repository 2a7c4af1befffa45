"""A copy of a person's data holds only what is about that person, readably."""

import datetime
import json

import pytest
from django.conf import settings
from django.urls import reverse

from cohorts.models import MatchProposal
from tests import factories
from tests.mentorship import builders as mentorship_builders
from vsfa import privacy
from vsfa.choices import ConsentKind

pytestmark = pytest.mark.django_db

PRIVATE_NOTE = "Acasă e greu pentru Maria, să vorbim cu dirigintele"
SHARED_NOTE = "Aduceți canvas-ul completat"


@pytest.fixture
def session(edition, participant, other_participant, mentor_user):
    group = factories.make_group(
        edition, members=[participant, other_participant], name="Grupa Verde"
    )
    return mentorship_builders.make_session(
        group,
        mentor_user.mentor,
        attendees=[participant, other_participant],
        starts_at=datetime.datetime(2027, 3, 1, 15, 30, tzinfo=datetime.UTC),
        topics="Canvas",
        notes=PRIVATE_NOTE,
        notes_for_participants=SHARED_NOTE,
        follow_ups="Interviuri cu clienți",
    )


def _copies(client_for, participant, organiser):
    """The four copies of the participant's data: page and JSON, own and asked."""
    person = participant.person
    own = client_for(person.user)
    pages = [
        own.get(reverse("privacy:my_data")),
        own.get(reverse("privacy:my_data_json")),
    ]
    by_organiser = client_for(organiser)
    pages += [
        by_organiser.get(reverse("privacy:person_export", args=[person.pk])),
        by_organiser.get(reverse("privacy:person_export_json", args=[person.pk])),
    ]
    return [page.content.decode() for page in pages]


def test_copies_leave_out_private_notes_and_other_people(
    client_for, participant, other_participant, organiser, session
):
    copies = _copies(client_for, participant, organiser)

    assert [PRIVATE_NOTE in copy for copy in copies] == [False] * 4
    assert ["Maria" in copy or "Ene" in copy for copy in copies] == [False] * 4
    assert [SHARED_NOTE in copy for copy in copies] == [True] * 4


def test_json_copy_lists_the_session_attended_without_its_private_fields(
    client_for, participant, session
):
    response = client_for(participant.person.user).get(reverse("privacy:my_data_json"))

    sections = json.loads(response.content)["sections"]
    member = sections["cohorts.cohortmember:memberships"]["records"][0]
    (attended,) = member["related"]["mentorship.groupsession:group_sessions"]["records"]
    assert attended == {
        "id": session.pk,
        "fields": {
            "group": {"id": session.group_id, "name": "Grupa Verde"},
            "starts_at": "2027-03-01T17:30:00+02:00",
            "duration_minutes": 90,
            "topics": "Canvas",
            "notes_for_participants": SHARED_NOTE,
            "follow_ups": "Interviuri cu clienți",
        },
    }


def test_copies_name_no_staff_member_who_recorded_something(
    client_for, participant, organiser
):
    privacy.record_consent(
        actor=organiser,
        person=participant.person,
        kind=ConsentKind.DATA_PROCESSING,
        evidence="Formular semnat",
    )

    response = client_for(organiser).get(
        reverse("privacy:person_export_json", args=[participant.person.pk])
    )

    document = json.loads(response.content)
    (consent,) = document["sections"]["vsfa.consent:consents"]["records"]
    assert sorted(consent["fields"]) == [
        "evidence",
        "given_by",
        "kind",
        "recorded_at",
        "scope",
        "withdrawn_at",
    ]
    assert "Oana Organizatoare" not in response.content.decode()


def test_a_possible_duplicate_s_other_record_is_left_out(organiser, participant):
    other = factories.make_person("Ioana", "Străină")
    MatchProposal.objects.create(
        person=participant.person, candidate=other, reason="same_name"
    )

    sections = privacy.person_data(participant.person, include_sensitive=False)

    (proposals,) = [section for section in sections if "matchproposal" in section.key]
    assert [entry.key for entry in proposals.rows[0]["fields"]] == [
        "reason",
        "source_import",
        "status",
        "decided_at",
        "created_at",
    ]


def test_stored_codes_read_as_words(participant):
    person = participant.person
    MatchProposal.objects.create(
        person=person,
        candidate=factories.make_person("Ioana", "Străină"),
        reason="proposal_school_class",
    )
    privacy.read_sensitive(user=person.user, person=person, purpose="copy", own=True)

    sections = {
        section.key: section.rows[0]["fields"]
        for section in privacy.person_data(person, include_sensitive=True)
    }

    reason = sections["cohorts.matchproposal:+"][0]
    purpose = sections["vsfa.sensitiveaccess:+"][1]
    assert (reason.key, reason.data, reason.text) == (
        "reason",
        "proposal_school_class",
        "același nume, aceeași școală și clasă; data nașterii lipsește la una "
        "dintre înregistrări",
    )
    assert (purpose.key, purpose.data, purpose.text) == (
        "purpose",
        "copy",
        "Copia datelor persoanei",
    )


def test_readable_copy_is_in_romanian_with_dates_and_roles_for_people(
    client_for, participant, session
):
    person = participant.person
    person.birth_date = datetime.date(2007, 5, 2)
    person.save()

    page = client_for(person.user).get(reverse("privacy:my_data"))

    html = page.content.decode()
    assert "02.05.2007" in html
    assert "01.03.2027 17:30" in html
    assert ">Participant</dd>" in html
    assert "['" not in html
    assert "2007-05-02" not in html
    for english in ("Created at", "Edition", "Group", "Session", "Source import"):
        assert f">{english}</dt>" not in html
    assert ">Grup</dt>" in html


def test_readable_copy_follows_the_interface_language(client_for, participant, session):
    client = client_for(participant.person.user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    page = client.get(reverse("privacy:my_data"))

    html = page.content.decode()
    assert ">Group</dt>" in html
    assert ">Notes for the participants</dt>" in html
    assert "01.03.2027 17:30" in html


def test_json_keys_do_not_change_with_the_interface_language(
    client_for, participant, session
):
    client = client_for(participant.person.user)
    romanian = json.loads(client.get(reverse("privacy:my_data_json")).content)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    english = json.loads(client.get(reverse("privacy:my_data_json")).content)

    for document in (romanian, english):
        del document["exported_at"]
        document["sections"]["account"]["records"][0]["fields"].pop("last_login")
    assert romanian == english
    account = romanian["sections"]["account"]["records"][0]["fields"]
    assert account["roles"] == ["participant"]


def test_a_juror_s_declared_tie_to_the_participant_is_left_out(
    participant, juror_user, edition
):
    juror = factories.make_juror(factories.make_final(edition), user=juror_user)
    juror.conflict_members.add(participant)

    sections = privacy.person_data(participant.person, include_sensitive=True)

    member = next(s for s in sections if s.key == "cohorts.cohortmember:memberships")
    assert [key for key in member.rows[0].get("related", {}) if "juror" in key] == []
