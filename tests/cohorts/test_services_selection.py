import datetime
import threading
import time

import pytest
from django.core import mail
from django.db import OperationalError, connection, transaction
from django.utils import timezone

from cohorts import selectors, services
from cohorts.choices import MemberStatus
from cohorts.models import CohortMember
from cohorts.services import SelectionError
from tests import factories, locks
from tests.cohorts import builders
from vsfa.choices import Gender
from vsfa.models import AuditEvent, Edition, Invitation

pytestmark = pytest.mark.django_db


def _selected(edition):
    return CohortMember.objects.filter(edition=edition, status=MemberStatus.SELECTED)


def test_select_member_creates_a_place_and_audits(organiser, edition):
    person = builders.attend(factories.make_conference(edition)).person

    member = services.select_member(actor=organiser, edition=edition, person=person)

    assert member.status == MemberStatus.SELECTED
    assert member.decided_by == organiser
    event = AuditEvent.objects.get(action="cohort.selected")
    assert (event.actor, event.object_id) == (organiser, str(member.pk))


def test_select_member_refuses_the_76th(organiser, edition):
    conference = factories.make_conference(edition)
    builders.make_members(edition, 75, conference=conference)
    person = builders.attend(conference, given_name="Ultimul").person

    with pytest.raises(SelectionError) as refused:
        services.select_member(actor=organiser, edition=edition, person=person)

    assert "75" in str(refused.value)
    assert _selected(edition).count() == 75
    assert not CohortMember.objects.filter(person=person).exists()


def test_select_member_takes_the_75th(organiser, edition):
    conference = factories.make_conference(edition)
    builders.make_members(edition, 74, conference=conference)
    person = builders.attend(conference).person

    services.select_member(actor=organiser, edition=edition, person=person)

    assert _selected(edition).count() == 75


def test_select_member_twice_changes_nothing(organiser, edition):
    person = builders.attend(factories.make_conference(edition)).person
    first = services.select_member(actor=organiser, edition=edition, person=person)

    second = services.select_member(actor=organiser, edition=edition, person=person)

    assert second.pk == first.pk
    assert AuditEvent.objects.filter(action="cohort.selected").count() == 1


def test_select_member_refuses_someone_who_did_not_attend(organiser, edition):
    other_edition = factories.make_edition(current=False)
    person = builders.attend(factories.make_conference(other_edition)).person

    with pytest.raises(SelectionError):
        services.select_member(actor=organiser, edition=edition, person=person)

    assert CohortMember.objects.count() == 0


def _when_unlocked(work):
    """Run ``work``, again while SQLite says another connection holds the lock.

    The SQLite test database is a shared in-memory one, which reports a locked
    table at once where the file database the app runs on waits for it (its
    timeout). PostgreSQL waits on the edition's row lock and never gets here.
    """
    for _ in range(500):
        try:
            return work()
        except OperationalError as error:
            if "locked" not in str(error):
                raise
            time.sleep(0.01)
    raise AssertionError("the database stayed locked")


def _press_select(barrier, outcomes, actor, edition, person):
    try:
        barrier.wait(timeout=10)
        _when_unlocked(
            lambda: services.select_member(actor=actor, edition=edition, person=person)
        )
        outcomes.append("selected")
    except SelectionError:
        outcomes.append("refused")
    finally:
        # Each thread has its own connection; close it so that the test
        # database can be flushed afterwards.
        connection.close()


def _race_for_the_last_place(referee=None):
    """Two organisers select two attendees for the last place at once.

    ``referee(edition, barrier)``, when given, runs on this thread and must
    pass the barrier that starts both presses. Returns the edition and the
    outcomes of the two presses.
    """
    edition = factories.make_edition(cohort_size=3)
    conference = factories.make_conference(edition)
    builders.make_members(edition, 2, conference=conference)
    rivals = [builders.attend(conference).person for _ in range(2)]
    organisers = [factories.make_user("organiser") for _ in range(2)]
    barrier = threading.Barrier(3 if referee else 2)
    outcomes = []
    threads = [
        threading.Thread(
            target=_press_select, args=(barrier, outcomes, actor, edition, person)
        )
        for actor, person in zip(organisers, rivals, strict=True)
    ]
    for thread in threads:
        thread.start()
    if referee:
        referee(edition, barrier)
    for thread in threads:
        thread.join(timeout=30)
    return edition, outcomes


@pytest.mark.django_db(transaction=True)
def test_select_member_two_organisers_racing_for_the_last_place():
    edition, outcomes = _race_for_the_last_place()

    assert sorted(outcomes) == ["refused", "selected"]
    assert _selected(edition).count() == 3


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_select_member_waits_for_the_edition_lock_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("Row locks across connections need PostgreSQL (DATABASE_URL).")
    waiting = []

    def hold_the_edition_while_both_press(edition, barrier):
        # This connection holds the edition's row before either press starts:
        # both selections must stop and wait for it, which proves that they
        # take the lock before they count the places.
        with transaction.atomic():
            Edition.objects.select_for_update().get(pk=edition.pk)
            barrier.wait(timeout=10)
            for _ in range(500):
                waiting.append(locks.waiting_for_a_lock())
                if waiting[-1] == 2:
                    break
                time.sleep(0.01)

    edition, outcomes = _race_for_the_last_place(hold_the_edition_while_both_press)

    assert waiting[-1] == 2
    assert sorted(outcomes) == ["refused", "selected"]
    assert _selected(edition).count() == 3


def test_waitlist_member_ranks_in_order(organiser, edition):
    conference = factories.make_conference(edition)
    people = [builders.attend(conference).person for _ in range(3)]

    members = [
        services.waitlist_member(actor=organiser, edition=edition, person=person)
        for person in people
    ]

    assert [member.waitlist_rank for member in members] == [1, 2, 3]


def test_select_member_from_the_waiting_list_closes_the_gap(organiser, edition):
    conference = factories.make_conference(edition)
    people = [builders.attend(conference).person for _ in range(3)]
    for person in people:
        services.waitlist_member(actor=organiser, edition=edition, person=person)

    services.select_member(actor=organiser, edition=edition, person=people[0])

    ranks = CohortMember.objects.filter(status=MemberStatus.WAITLISTED).order_by(
        "waitlist_rank"
    )
    assert [(m.person, m.waitlist_rank) for m in ranks] == [
        (people[1], 1),
        (people[2], 2),
    ]


def test_withdraw_member_keeps_history_and_offers_first_waiting(organiser, edition):
    conference = factories.make_conference(edition)
    (member,) = builders.make_members(edition, 1, conference=conference)
    modules = builders.make_modules(edition, 2)
    builders.complete(member, modules)
    first, second = (builders.attend(conference).person for _ in range(2))
    services.waitlist_member(actor=organiser, edition=edition, person=first)
    services.waitlist_member(actor=organiser, edition=edition, person=second)

    offered = services.withdraw_member(
        actor=organiser, member=member, reason="Moved to Cluj"
    )

    member.refresh_from_db()
    assert (member.status, member.withdrawn_reason) == (
        MemberStatus.WITHDRAWN,
        "Moved to Cluj",
    )
    assert member.completions.count() == 2
    assert offered.person == first
    assert AuditEvent.objects.get(action="cohort.withdrawn").data == {
        "reason": "Moved to Cluj"
    }


def test_withdraw_member_from_waiting_list_offers_nothing(organiser, edition):
    conference = factories.make_conference(edition)
    waiting = services.waitlist_member(
        actor=organiser, edition=edition, person=builders.attend(conference).person
    )
    services.waitlist_member(
        actor=organiser, edition=edition, person=builders.attend(conference).person
    )

    offered = services.withdraw_member(actor=organiser, member=waiting, reason="No")

    assert offered is None
    assert list(
        CohortMember.objects.filter(status=MemberStatus.WAITLISTED).values_list(
            "waitlist_rank", flat=True
        )
    ) == [1]


def test_withdraw_member_after_the_training_offers_nothing(organiser, edition):
    conference = factories.make_conference(edition)
    (member,) = builders.make_members(edition, 1, conference=conference)
    services.waitlist_member(
        actor=organiser, edition=edition, person=builders.attend(conference).person
    )
    factories.make_final(
        edition, date=timezone.localdate() - datetime.timedelta(days=1)
    )

    offered = services.withdraw_member(actor=organiser, member=member, reason="No")

    assert offered is None
    with pytest.raises(SelectionError) as caught:
        services.promote_next(actor=organiser, edition=edition)
    assert str(caught.value) == (
        "Pregătirea s-a încheiat: un loc liber nu mai este dat listei de așteptare."
    )


def test_withdraw_member_needs_a_reason(organiser, edition):
    (member,) = builders.make_members(edition, 1)

    with pytest.raises(SelectionError):
        services.withdraw_member(actor=organiser, member=member, reason="  ")

    member.refresh_from_db()
    assert member.status == MemberStatus.SELECTED


def test_promote_next_fills_the_freed_place(organiser):
    edition = factories.make_edition(cohort_size=1)
    conference = factories.make_conference(edition)
    (member,) = builders.make_members(edition, 1, conference=conference)
    first, second = (builders.attend(conference).person for _ in range(2))
    services.waitlist_member(actor=organiser, edition=edition, person=first)
    services.waitlist_member(actor=organiser, edition=edition, person=second)
    services.withdraw_member(actor=organiser, member=member, reason="Ill")

    promoted = services.promote_next(actor=organiser, edition=edition)

    assert promoted.person == first
    assert list(_selected(edition).values_list("person", flat=True)) == [first.pk]
    assert CohortMember.objects.get(person=second).waitlist_rank == 1
    assert AuditEvent.objects.filter(action="cohort.promoted").count() == 1


def test_promote_next_refused_when_no_place_is_free(organiser):
    edition = factories.make_edition(cohort_size=1)
    conference = factories.make_conference(edition)
    builders.make_members(edition, 1, conference=conference)
    waiting = builders.attend(conference).person
    services.waitlist_member(actor=organiser, edition=edition, person=waiting)

    with pytest.raises(SelectionError):
        services.promote_next(actor=organiser, edition=edition)

    assert CohortMember.objects.get(person=waiting).status == MemberStatus.WAITLISTED


def test_promote_next_refused_when_nobody_waits(organiser, edition):
    with pytest.raises(SelectionError):
        services.promote_next(actor=organiser, edition=edition)


def _two_free_places_two_waiting(organiser):
    edition = factories.make_edition(cohort_size=2)
    conference = factories.make_conference(edition)
    first, second = (builders.attend(conference).person for _ in range(2))
    services.waitlist_member(actor=organiser, edition=edition, person=first)
    services.waitlist_member(actor=organiser, edition=edition, person=second)
    return edition, CohortMember.objects.get(person=first)


def test_promote_next_pressed_twice_promotes_the_offered_member_once(organiser):
    edition, offered = _two_free_places_two_waiting(organiser)

    first = services.promote_next(actor=organiser, edition=edition, offered=offered.pk)
    again = services.promote_next(actor=organiser, edition=edition, offered=offered.pk)

    assert (first, again) == (offered, offered)
    assert list(_selected(edition).values_list("pk", flat=True)) == [offered.pk]
    assert CohortMember.objects.filter(status=MemberStatus.WAITLISTED).count() == 1
    assert AuditEvent.objects.filter(action="cohort.promoted").count() == 1


def test_promote_next_refused_when_someone_else_is_first_now(organiser):
    edition, offered = _two_free_places_two_waiting(organiser)
    offered_pk = offered.pk
    services.remove_member(actor=organiser, member=offered)

    with pytest.raises(SelectionError):
        services.promote_next(actor=organiser, edition=edition, offered=offered_pk)

    assert _selected(edition).count() == 0


def test_remove_member_undoes_a_decision(organiser, edition):
    (member,) = builders.make_members(edition, 1)

    services.remove_member(actor=organiser, member=member)

    assert CohortMember.objects.count() == 0
    assert AuditEvent.objects.get(action="cohort.removed").summary == str(member.person)


def test_remove_member_refused_with_training_records(organiser, edition):
    (member,) = builders.make_members(edition, 1)
    builders.mark(member, builders.make_workshops(edition, 1))

    with pytest.raises(SelectionError):
        services.remove_member(actor=organiser, member=member)

    assert CohortMember.objects.filter(pk=member.pk).exists()


def test_invite_member_links_a_participant_account(
    organiser, edition, django_capture_on_commit_callbacks
):
    member = builders.make_invitable(edition, "Elev@Example.org")

    with django_capture_on_commit_callbacks(execute=True):
        user, invitation = services.invite_member(actor=organiser, member=member)

    member.person.refresh_from_db()
    assert member.person.user == user
    assert (user.email, user.is_participant) == ("elev@example.org", True)
    assert invitation is not None
    assert [message.to for message in mail.outbox] == [["elev@example.org"]]


def test_invite_member_pressed_twice_sends_one_email(
    organiser, edition, django_capture_on_commit_callbacks
):
    member = builders.make_invitable(edition)

    with django_capture_on_commit_callbacks(execute=True):
        first = services.invite_member(actor=organiser, member=member, last_seen=0)
        again = services.invite_member(actor=organiser, member=member, last_seen=0)

    assert again == first
    assert Invitation.objects.count() == 1
    assert [message.to for message in mail.outbox] == [["elev@example.org"]]


def test_invite_member_again_from_a_fresh_page_sends_again(
    organiser, edition, django_capture_on_commit_callbacks
):
    member = builders.make_invitable(edition)
    with django_capture_on_commit_callbacks(execute=True):
        _, sent = services.invite_member(actor=organiser, member=member, last_seen=0)

    with django_capture_on_commit_callbacks(execute=True):
        _, again = services.invite_member(
            actor=organiser, member=member, last_seen=sent.pk
        )

    assert again.pk > sent.pk
    assert len(mail.outbox) == 2


def test_invite_member_without_email_is_refused(organiser, edition):
    (member,) = builders.make_members(edition, 1)

    with pytest.raises(SelectionError):
        services.invite_member(actor=organiser, member=member)

    member.person.refresh_from_db()
    assert member.person.user is None
    assert mail.outbox == []


def test_invite_member_refuses_an_account_of_another_person(organiser, edition):
    (member,) = builders.make_members(edition, 1)
    factories.make_person(user=factories.make_user(email="taken@example.org"))
    member.person.email = "taken@example.org"
    member.person.save()

    with pytest.raises(SelectionError):
        services.invite_member(actor=organiser, member=member)

    member.person.refresh_from_db()
    assert member.person.user is None


def test_selection_counts_per_school_and_gender(organiser, edition):
    airinei = factories.make_school("Colegiul Tehnic Gheorghe Airinei")
    maniu = factories.make_school("Colegiul Tehnic Iuliu Maniu")
    first = factories.make_conference(edition, school=airinei)
    second = factories.make_conference(edition, school=maniu)
    girls = [builders.attend(first, gender="female").person for _ in range(2)]
    boy = builders.attend(second, gender="male").person
    for person in [*girls, boy]:
        services.select_member(actor=organiser, edition=edition, person=person)

    counts = selectors.selection_counts(edition)

    assert (counts.selected, counts.free) == (3, 72)
    assert counts.by_school == [
        ("Colegiul Tehnic Gheorghe Airinei", 2),
        ("Colegiul Tehnic Iuliu Maniu", 1),
    ]
    assert counts.by_gender == [(Gender.FEMALE.label, 2), (Gender.MALE.label, 1)]


def test_waitlisting_a_selected_member_needs_a_confirmation(organiser, edition):
    (member,) = builders.make_members(edition, 1)

    with pytest.raises(services.ConfirmationNeeded) as raised:
        services.waitlist_member(actor=organiser, edition=edition, person=member.person)

    assert raised.value.member == member
    member.refresh_from_db()
    assert (member.status, member.waitlist_rank) == (MemberStatus.SELECTED, None)
    assert AuditEvent.objects.filter(action="cohort.waitlisted").count() == 0


def test_waitlisting_a_selected_member_once_confirmed(organiser, edition):
    (member,) = builders.make_members(edition, 1)

    services.waitlist_member(
        actor=organiser, edition=edition, person=member.person, confirmed=True
    )

    member.refresh_from_db()
    assert (member.status, member.waitlist_rank) == (MemberStatus.WAITLISTED, 1)
    assert AuditEvent.objects.filter(action="cohort.waitlisted").count() == 1
