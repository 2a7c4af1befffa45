"""merge_people: one human being, every record of both kept."""

import datetime

import pytest
from django.utils import timezone

from cohorts.models import Attendance, CohortMember, MatchProposal, ModuleCompletion
from mentorship.models import Founder
from tests import factories
from vsfa import audit
from vsfa.choices import ConsentKind, Declared
from vsfa.models import (
    AuditEvent,
    Consent,
    Person,
    SensitiveAccess,
    SensitiveDeclaration,
)
from vsfa.services import MergeConflict, merge_people


@pytest.fixture
def pair(db):
    keep = factories.make_person(
        "Bianca", "Bălan", birth_date=datetime.date(2008, 4, 23)
    )
    remove = factories.make_person("Bianca", "Bălan", email="bianca@exemplu.ro")
    return keep, remove


def _attend(conference, person, **fields):
    return Attendance.objects.create(conference=conference, person=person, **fields)


def test_attendances_of_both_end_on_the_kept_record(edition, organiser, pair):
    keep, remove = pair
    first, second = (
        factories.make_conference(edition),
        factories.make_conference(edition),
    )
    _attend(first, keep)
    _attend(second, remove)

    merge_people(actor=organiser, keep=keep, remove=remove)

    remove.refresh_from_db()
    assert sorted(keep.attendances.values_list("conference", flat=True)) == sorted(
        [first.pk, second.pk]
    )
    assert remove.merged_into == keep
    assert list(Person.objects.active()) == [keep]


def test_same_conference_twice_keeps_one_attendance_with_both_details(
    edition, organiser, pair
):
    keep, remove = pair
    conference = factories.make_conference(edition)
    kept = _attend(conference, keep, class_name="")
    _attend(conference, remove, class_name="XII C", declared_age=18)

    merge_people(actor=organiser, keep=keep, remove=remove)

    kept.refresh_from_db()
    assert Attendance.objects.count() == 1
    assert (kept.person, kept.class_name, kept.declared_age) == (keep, "XII C", 18)


def test_kept_record_takes_missing_details_and_the_account(organiser, pair):
    keep, remove = pair
    account = factories.make_user("participant")
    Person.objects.filter(pk=remove.pk).update(user=account, phone="+40 734 062 800")

    merge_people(actor=organiser, keep=keep, remove=remove)

    keep.refresh_from_db()
    remove.refresh_from_db()
    assert (keep.birth_date, keep.email, keep.phone, keep.user) == (
        datetime.date(2008, 4, 23),
        "bianca@exemplu.ro",
        "+40 734 062 800",
        account,
    )
    assert remove.user is None


def test_cohort_place_startup_and_earlier_merges_move(edition, organiser, pair):
    keep, remove = pair
    member = factories.make_member(edition, person=remove)
    startup = factories.make_startup(edition, founders=[remove])
    older = factories.make_person("Bianca", "Balan", merged_into=remove)

    merge_people(actor=organiser, keep=keep, remove=remove)

    member.refresh_from_db()
    older.refresh_from_db()
    assert member.person == keep
    assert list(startup.founders.all()) == [keep]
    assert Founder.objects.get().person == keep
    assert older.merged_into == keep


def test_merge_is_audited(organiser, pair):
    keep, remove = pair

    merge_people(actor=organiser, keep=keep, remove=remove)

    event = AuditEvent.objects.get(action="person.merged")
    assert (event.actor, event.object_id, event.data["removed"]) == (
        organiser,
        str(keep.pk),
        remove.pk,
    )
    assert event.data["filled"] == ["email"]


def test_two_accounts_cannot_be_merged(organiser, pair):
    keep, remove = pair
    Person.objects.filter(pk=keep.pk).update(user=factories.make_user("participant"))
    Person.objects.filter(pk=remove.pk).update(user=factories.make_user("participant"))

    with pytest.raises(MergeConflict):
        merge_people(actor=organiser, keep=keep, remove=remove)

    remove.refresh_from_db()
    assert remove.merged_into is None


def test_duplicate_row_with_records_of_its_own_stops_the_merge(
    edition, organiser, pair
):
    keep, remove = pair
    conference = factories.make_conference(edition)
    _attend(conference, remove)
    factories.make_member(edition, person=keep)
    removed_member = factories.make_member(edition, person=remove)
    ModuleCompletion.objects.create(
        member=removed_member,
        module=factories.make_module(edition),
        completed_on=datetime.date(2027, 3, 1),
    )

    with pytest.raises(MergeConflict):
        merge_people(actor=organiser, keep=keep, remove=remove)

    remove.refresh_from_db()
    assert remove.merged_into is None
    assert CohortMember.objects.filter(person=remove).count() == 1
    assert Attendance.objects.get().person == remove


def test_a_record_is_not_merged_into_itself(organiser, pair):
    keep, _ = pair

    with pytest.raises(MergeConflict):
        merge_people(actor=organiser, keep=keep, remove=keep)

    keep.refresh_from_db()
    assert keep.merged_into is None


def test_a_merged_record_is_not_merged_again(organiser, pair):
    keep, remove = pair
    merge_people(actor=organiser, keep=keep, remove=remove)
    third = factories.make_person("Bianca", "Bălan")

    with pytest.raises(MergeConflict):
        merge_people(actor=organiser, keep=third, remove=remove)

    remove.refresh_from_db()
    assert remove.merged_into == keep


def test_consents_of_both_records_end_on_the_kept_one(organiser, pair):
    keep, remove = pair
    Consent.objects.create(person=keep, kind=ConsentKind.DATA_PROCESSING)
    photo = Consent.objects.create(
        person=remove, kind=ConsentKind.PHOTO, scope="site", given_by="Ana Bălan"
    )
    withdrawn = Consent.objects.create(
        person=remove,
        kind=ConsentKind.PHOTO,
        withdrawn_at=timezone.now(),
    )

    merge_people(actor=organiser, keep=keep, remove=remove)

    assert sorted(
        (consent.kind, consent.scope, consent.withdrawn_at is None)
        for consent in keep.consents.all()
    ) == [
        (ConsentKind.DATA_PROCESSING, "", True),
        (ConsentKind.PHOTO, "", False),
        (ConsentKind.PHOTO, "site", True),
    ]
    assert {photo.pk, withdrawn.pk} < set(keep.consents.values_list("pk", flat=True))


def test_declaration_of_the_removed_record_moves(organiser, pair):
    keep, remove = pair
    declaration = SensitiveDeclaration.objects.create(
        person=remove, roma=Declared.YES, recorded_by=organiser
    )

    merge_people(actor=organiser, keep=keep, remove=remove)

    declaration.refresh_from_db()
    assert (declaration.person, declaration.roma) == (keep, Declared.YES)
    assert "sensitive_declaration" not in _merge_event().data


def _declare(person, at, **answers):
    declaration = SensitiveDeclaration.objects.create(person=person, **answers)
    # auto_now sets the time on save; update() keeps the one given.
    SensitiveDeclaration.objects.filter(pk=declaration.pk).update(updated_at=at)
    return declaration


def _merge_event():
    return AuditEvent.objects.get(action="person.merged")


def test_two_declarations_keep_the_most_recent_answers(organiser, pair):
    keep, remove = pair
    older = timezone.now() - datetime.timedelta(days=30)
    kept = _declare(
        keep, older, roma=Declared.NO, disability=Declared.YES, rural=Declared.NO
    )
    _declare(
        remove,
        older + datetime.timedelta(days=10),
        roma=Declared.PREFER_NOT,
        low_income=Declared.YES,
        rural=Declared.YES,
    )

    merge_people(actor=organiser, keep=keep, remove=remove)

    kept.refresh_from_db()
    assert SensitiveDeclaration.objects.count() == 1
    assert (
        kept.person,
        kept.roma,
        kept.disability,
        kept.low_income,
        kept.rural,
        kept.updated_at,
    ) == (
        keep,
        Declared.PREFER_NOT,
        Declared.YES,
        Declared.YES,
        Declared.YES,
        older + datetime.timedelta(days=10),
    )
    assert _merge_event().data["sensitive_declaration"] == {
        "answers_of": remove.pk,
        "older_answers_of": keep.pk,
        "questions_from_older": ["disability"],
    }


def test_kept_declaration_wins_when_it_is_the_more_recent(organiser, pair):
    keep, remove = pair
    now = timezone.now()
    kept = _declare(keep, now, roma=Declared.NO, recorded_by=organiser)
    _declare(
        remove,
        now - datetime.timedelta(days=1),
        roma=Declared.YES,
        other_minority=Declared.NO,
    )

    merge_people(actor=organiser, keep=keep, remove=remove)

    kept.refresh_from_db()
    assert (kept.roma, kept.other_minority, kept.recorded_by) == (
        Declared.NO,
        Declared.NO,
        organiser,
    )
    assert _merge_event().data["sensitive_declaration"] == {
        "answers_of": keep.pk,
        "older_answers_of": remove.pk,
        "questions_from_older": ["other_minority"],
    }


def test_merge_log_never_holds_sensitive_answers(organiser, pair):
    keep, remove = pair
    _declare(keep, timezone.now(), roma=Declared.YES)
    _declare(remove, timezone.now(), disability=Declared.YES)

    merge_people(actor=organiser, keep=keep, remove=remove)

    logged = str([(e.summary, e.data) for e in AuditEvent.objects.all()])
    assert Declared.YES.value not in logged


def test_readings_of_sensitive_data_follow_the_person(organiser, pair):
    keep, remove = pair
    reading = SensitiveAccess.objects.create(
        person=remove, user=organiser, purpose="selection"
    )

    merge_people(actor=organiser, keep=keep, remove=remove)

    reading.refresh_from_db()
    assert reading.person == keep


def test_match_proposals_keep_naming_the_records_they_were_about(
    organiser, pair, edition
):
    keep, remove = pair
    proposal = MatchProposal.objects.create(
        person=remove, candidate=keep, reason="proposal_school_class"
    )

    merge_people(actor=organiser, keep=keep, remove=remove)

    proposal.refresh_from_db()
    assert (proposal.person, proposal.candidate) == (remove, keep)


def test_history_of_both_records_is_kept(organiser, pair):
    keep, remove = pair
    audit.record(organiser, "person.updated", remove, summary="phone")

    merge_people(actor=organiser, keep=keep, remove=remove)

    assert list(
        AuditEvent.objects.filter(object_id=str(remove.pk))
        .order_by("pk")
        .values_list("action", "data")
    ) == [("person.updated", {}), ("person.merged_into", {"into": keep.pk})]
    assert list(keep.merged_from.all()) == [remove]
