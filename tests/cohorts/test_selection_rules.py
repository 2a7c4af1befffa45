"""Selecting from the applications: a guardian's consent under 16, the seat
limit, the ranked waiting list and the place a withdrawal frees."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.translation import gettext

from cohorts import services
from cohorts.choices import MemberStatus
from cohorts.models import CohortMember
from tests import factories
from tests.cohorts import application_builders as ab
from vsfa import privacy
from vsfa.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def conference(edition):
    ab.open_call(edition)
    return factories.make_conference(edition)


def _under_16(edition, conference, **fields):
    return ab.apply_as_attendee(
        edition,
        conference,
        birth_date=ab.years_ago(16, days=-1),
        guardian_name="Elena Dinu",
        guardian_contact="0733 000 111",
        **fields,
    )


def _under_16_refusal(person):
    return gettext(
        "%(name)s is under 16: record the consent of their parent or guardian "
        "before giving them a place."
    ) % {"name": person}


def test_select_under_16_without_guardian_consent_is_refused(
    organiser, edition, conference
):
    application = _under_16(edition, conference)

    with pytest.raises(services.SelectionError) as refused:
        services.select_member(
            actor=organiser, edition=edition, person=application.person
        )

    assert str(refused.value) == _under_16_refusal(application.person)
    assert CohortMember.objects.count() == 0


def test_select_under_16_after_the_guardian_consent(organiser, edition, conference):
    application = _under_16(edition, conference)
    services.confirm_guardian_consent(
        actor=organiser, application=application, evidence="Formular nr. 3"
    )

    member = services.select_member(
        actor=organiser, edition=edition, person=application.person
    )

    assert member.status == MemberStatus.SELECTED


def test_select_on_the_16th_birthday_needs_no_guardian(organiser, edition, conference):
    application = ab.apply_as_attendee(edition, conference, birth_date=ab.years_ago(16))

    member = services.select_member(
        actor=organiser, edition=edition, person=application.person
    )

    assert member.status == MemberStatus.SELECTED


def test_select_under_16_by_the_persons_own_date_of_birth(organiser, edition):
    conference = factories.make_conference(edition)
    person = factories.make_person(birth_date=ab.years_ago(15))
    person.attendances.create(conference=conference)

    with pytest.raises(services.SelectionError):
        services.select_member(actor=organiser, edition=edition, person=person)

    assert CohortMember.objects.count() == 0


def test_select_under_16_after_the_guardian_withdrew_is_refused(
    organiser, edition, conference
):
    application = _under_16(edition, conference)
    consent = services.confirm_guardian_consent(
        actor=organiser, application=application, evidence="Formular nr. 3"
    )
    privacy.withdraw_consent(actor=organiser, consent=consent)

    with pytest.raises(services.SelectionError):
        services.select_member(
            actor=organiser, edition=edition, person=application.person
        )


def test_waitlist_under_16_without_guardian_is_allowed(organiser, edition, conference):
    application = _under_16(edition, conference)

    member = services.waitlist_member(
        actor=organiser, edition=edition, person=application.person
    )

    assert (member.status, member.waitlist_rank) == (MemberStatus.WAITLISTED, 1)


def test_select_under_16_from_the_board_says_why(
    client_for, organiser, edition, conference
):
    application = _under_16(edition, conference)
    board = reverse("cohorts:application_list")

    response = client_for(organiser).post(
        reverse("cohorts:selection_select", args=[application.person_id]),
        {"next": board},
        follow=True,
    )

    (message,) = response.context["messages"]
    assert (message.level_tag, str(message)) == (
        "error",
        _under_16_refusal(application.person),
    )
    (row,) = response.context["page_obj"]
    assert (row.under_guardian_age, row.has_guardian, row.member_status) == (
        True,
        False,
        None,
    )
    assert 'data-key="guardian"' in response.content.decode()


def test_select_an_applicant_who_attended_nothing_is_refused(organiser, edition):
    ab.open_call(edition)
    application = ab.apply(edition)

    with pytest.raises(services.SelectionError) as refused:
        services.select_member(
            actor=organiser, edition=edition, person=application.person
        )

    assert str(refused.value) == gettext(
        "%(name)s did not attend a conference of this edition."
    ) % {"name": application.person}


def test_select_stops_at_the_editions_places(client_for, organiser):
    edition = factories.make_edition(cohort_size=2)
    ab.open_call(edition)
    conference = factories.make_conference(edition)
    applications = [ab.apply_as_attendee(edition, conference) for _ in range(3)]

    for application in applications:
        client_for(organiser).post(
            reverse("cohorts:selection_select", args=[application.person_id])
        )

    assert CohortMember.objects.filter(status=MemberStatus.SELECTED).count() == 2
    assert not CohortMember.objects.filter(person=applications[2].person).exists()


# The waiting list.


def _waiting(edition, conference, count):
    people = [ab.apply_as_attendee(edition, conference).person for _ in range(count)]
    return [
        services.waitlist_member(actor=None, edition=edition, person=person)
        for person in people
    ]


def _ranks(edition):
    return list(
        CohortMember.objects.filter(edition=edition, status=MemberStatus.WAITLISTED)
        .order_by("waitlist_rank")
        .values_list("pk", "waitlist_rank")
    )


def test_move_on_waitlist_keeps_the_others_in_order(organiser, edition, conference):
    first, second, third = _waiting(edition, conference, 3)

    services.move_on_waitlist(actor=organiser, member=third, rank=1)
    services.move_on_waitlist(actor=organiser, member=first, rank=99)

    assert _ranks(edition) == [(third.pk, 1), (second.pk, 2), (first.pk, 3)]
    assert AuditEvent.objects.filter(action="cohort.waitlist_moved").count() == 2


def test_move_someone_not_waiting_is_refused(organiser, edition, conference):
    application = ab.apply_as_attendee(edition, conference)
    member = services.select_member(
        actor=organiser, edition=edition, person=application.person
    )

    with pytest.raises(services.SelectionError):
        services.move_on_waitlist(actor=organiser, member=member, rank=1)


def test_move_on_waitlist_from_the_application_page(
    client_for, organiser, edition, conference
):
    first, second = _waiting(edition, conference, 2)
    page = reverse(
        "cohorts:application_detail",
        kwargs={"pk": second.person.applications.get().pk},
    )

    response = client_for(organiser).post(
        reverse("cohorts:member_waitlist_move", args=[second.pk]),
        {"rank": "1", "next": page},
        follow=True,
    )

    assert response.redirect_chain == [(page, 302)]
    assert _ranks(edition) == [(second.pk, 1), (first.pk, 2)]
    assert response.context["application"].waitlist_rank == 1


def test_move_on_waitlist_without_a_place_says_so(
    client_for, organiser, edition, conference
):
    (member,) = _waiting(edition, conference, 1)

    response = client_for(organiser).post(
        reverse("cohorts:member_waitlist_move", args=[member.pk]),
        {"rank": "0"},
        follow=True,
    )

    (message,) = response.context["messages"]
    assert message.level_tag == "error"
    member.refresh_from_db()
    assert member.waitlist_rank == 1


def test_withdrawal_frees_the_place_for_the_first_waiting(organiser):
    edition = factories.make_edition(cohort_size=1)
    ab.open_call(edition)
    conference = factories.make_conference(edition)
    chosen = ab.apply_as_attendee(edition, conference)
    member = services.select_member(
        actor=organiser, edition=edition, person=chosen.person
    )
    first, second = _waiting(edition, conference, 2)

    offered = services.withdraw_member(
        actor=organiser, member=member, reason="Se mută din oraș"
    )
    promoted = services.promote_next(actor=organiser, edition=edition, offered=first.pk)

    assert (offered, promoted) == (first, first)
    promoted.refresh_from_db()
    assert (promoted.status, promoted.waitlist_rank) == (MemberStatus.SELECTED, None)
    assert _ranks(edition) == [(second.pk, 1)]


def test_promote_under_16_without_guardian_is_refused(organiser):
    edition = factories.make_edition(cohort_size=1)
    ab.open_call(edition)
    conference = factories.make_conference(edition)
    young = _under_16(edition, conference)
    waiting = services.waitlist_member(
        actor=organiser, edition=edition, person=young.person
    )

    with pytest.raises(services.SelectionError) as refused:
        services.promote_next(actor=organiser, edition=edition, offered=waiting.pk)

    assert str(refused.value) == _under_16_refusal(young.person)
    waiting.refresh_from_db()
    assert waiting.status == MemberStatus.WAITLISTED


def test_promotion_emails_an_applicant_already_told(
    organiser, django_capture_on_commit_callbacks
):
    edition = factories.make_edition(cohort_size=1)
    ab.open_call(edition)
    conference = factories.make_conference(edition)
    chosen = ab.apply_as_attendee(edition, conference)
    member = services.select_member(
        actor=organiser, edition=edition, person=chosen.person
    )
    (waiting,) = _waiting(edition, conference, 1)
    with django_capture_on_commit_callbacks(execute=True):
        services.notify_decisions(actor=organiser, edition=edition)
    services.withdraw_member(actor=organiser, member=member, reason="Boală")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.promote_next(actor=organiser, edition=edition, offered=waiting.pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.promote_next(actor=organiser, edition=edition, offered=waiting.pk)

    application = waiting.person.applications.get()
    assert [message.to for message in mail.outbox] == [[application.email]]
    assert sorted(application.notices.values_list("decision", flat=True)) == [
        "selected",
        "waitlisted",
    ]


def test_promotion_of_someone_never_told_waits_for_the_next_round(
    organiser, django_capture_on_commit_callbacks
):
    edition = factories.make_edition(cohort_size=1)
    ab.open_call(edition)
    conference = factories.make_conference(edition)
    (waiting,) = _waiting(edition, conference, 1)

    with django_capture_on_commit_callbacks(execute=True):
        services.promote_next(actor=organiser, edition=edition, offered=waiting.pk)

    assert mail.outbox == []
    assert waiting.person.applications.get().notices.count() == 0
