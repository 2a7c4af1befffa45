import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cohorts.models import CohortMember, ModuleCompletion
from mentorship import services_digest, tasks
from mentorship.models import MentorDigest
from tests import factories
from tests.cohorts import builders as cohort_builders
from tests.mentorship.builders import at_once, consume

TODAY = timezone.localdate()


def _idle_member(edition, days=40, **person_fields):
    """A selected member who has done no module since selected ``days`` ago."""
    person = factories.make_person(**person_fields)
    member = factories.make_member(edition, person=person)
    CohortMember.objects.filter(pk=member.pk).update(
        decided_at=timezone.now() - datetime.timedelta(days=days)
    )
    return member


def _mentor_of(edition, *members):
    mentor = factories.make_mentor(
        factories.make_user("mentor", full_name="Mihai Mentor")
    )
    factories.make_group(edition, mentors=[mentor], members=members)
    return mentor


def _digests():
    return [
        (digest.mentor_id, digest.day, digest.participant_count, digest.sent_at is None)
        for digest in MentorDigest.objects.order_by("mentor_id", "day")
    ]


@pytest.fixture
def edition(db):
    edition = factories.make_edition("2026/2027")
    cohort_builders.make_modules(edition, 13)
    return edition


def test_mentor_gets_one_digest_a_day(edition, mailoutbox):
    mentor = _mentor_of(edition, _idle_member(edition), _idle_member(edition))

    first = tasks.queue_mentor_digests.call_local()
    second = tasks.queue_mentor_digests.call_local()

    assert (first, second) == (1, 1)
    assert [message.to for message in mailoutbox] == [[mentor.user.email]]
    assert _digests() == [(mentor.pk, TODAY, 2, False)]


def test_digest_lists_names_reasons_and_links_in_romanian(
    edition, mailoutbox, settings
):
    settings.VSFA_SITE_URL = "http://127.0.0.1:8000"
    member = _idle_member(edition, given_name="Ștefania", family_name="Țăranu")
    mentor = _mentor_of(edition, member)

    sent = services_digest.send_digest(mentor.pk, TODAY)

    (message,) = mailoutbox
    link = "http://127.0.0.1:8000" + reverse(
        "cohorts:member_progress", kwargs={"pk": member.pk}
    )
    assert sent is True
    assert (
        message.subject
        == "1 participant din grupele dumneavoastră are nevoie de atenție"
    )
    assert (
        f"- Ștefania Țăranu: Niciun modul nou de 40 de zile\n  {link}\n" in message.body
    )


def test_nothing_to_say_sends_nothing_and_keeps_no_row(edition, mailoutbox):
    busy = _idle_member(edition)
    ModuleCompletion.objects.create(
        member=busy,
        module=edition.modules.first(),
        completed_on=TODAY - datetime.timedelta(days=2),
    )
    _mentor_of(edition, busy)

    queued = tasks.queue_mentor_digests.call_local()

    assert queued == 1
    assert mailoutbox == []
    assert _digests() == []


def test_only_the_mentors_own_groups(edition, mailoutbox):
    at_risk = _mentor_of(edition, _idle_member(edition))
    calm = _mentor_of(edition, _idle_member(edition, days=5))

    tasks.queue_mentor_digests.call_local()

    assert [message.to for message in mailoutbox] == [[at_risk.user.email]]
    assert calm.pk not in [row[0] for row in _digests()]


def test_two_mentors_of_a_group_each_get_theirs(edition, mailoutbox):
    member = _idle_member(edition)
    first, second = factories.make_mentor(), factories.make_mentor()
    factories.make_group(edition, mentors=[first, second], members=[member])

    tasks.queue_mentor_digests.call_local()

    assert sorted(message.to[0] for message in mailoutbox) == sorted(
        [first.user.email, second.user.email]
    )


def test_inactive_mentor_gets_none(edition, mailoutbox):
    mentor = _mentor_of(edition, _idle_member(edition))
    mentor.user.is_active = False
    mentor.user.save()

    queued = tasks.queue_mentor_digests.call_local()

    assert (queued, mailoutbox) == (0, [])


def test_a_new_day_brings_a_new_digest(edition, mailoutbox):
    mentor = _mentor_of(edition, _idle_member(edition))
    MentorDigest.objects.create(
        mentor=mentor,
        day=TODAY - datetime.timedelta(days=1),
        participant_count=1,
        sent_at=timezone.now(),
    )

    sent = services_digest.send_digest(mentor.pk, TODAY)

    assert (sent, len(mailoutbox)) == (True, 1)


def test_failed_send_leaves_no_row_so_the_retry_sends(edition, settings, mailoutbox):
    mentor = _mentor_of(edition, _idle_member(edition))
    settings.EMAIL_BACKEND = "tests.mentorship.builders.FailingEmailBackend"

    with pytest.raises(ConnectionRefusedError):
        services_digest.send_digest(mentor.pk, TODAY)
    rows_after_failure = _digests()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    retry = services_digest.send_digest(mentor.pk, TODAY)

    assert rows_after_failure == []
    assert (retry, len(mailoutbox)) == (True, 1)
    assert _digests() == [(mentor.pk, TODAY, 1, False)]


def test_groups_of_an_earlier_edition_are_left_out(edition, mailoutbox):
    earlier = factories.make_edition("2024/2025", current=False)
    mentor = _mentor_of(earlier, _idle_member(earlier))

    queued = tasks.queue_mentor_digests.call_local()
    sent = services_digest.send_digest(mentor.pk, TODAY)

    assert (queued, sent, mailoutbox) == (0, False, [])


@pytest.mark.django_db(transaction=True)
def test_two_consumers_send_one_digest_per_mentor_per_day(mailoutbox):
    edition = factories.make_edition("2026/2027")
    cohort_builders.make_modules(edition, 13)
    mentors = [_mentor_of(edition, _idle_member(edition)) for _ in range(3)]
    _mentor_of(edition, _idle_member(edition, days=3))
    day = TODAY.isoformat()

    def consumer():
        # A consumer runs the periodic task's listing, then each mentor's task,
        # retried after a database error as huey retries it.
        ids = services_digest.mentors_to_digest(edition)
        return consume(tasks.send_mentor_digest, [(pk, day) for pk in ids])

    outcomes = at_once(consumer, consumer)

    assert [type(outcome) for outcome in outcomes] == [list, list], outcomes
    # Each lists the four mentors; which one sends a digest depends on timing.
    assert sorted(outcomes[0] + outcomes[1]) == [False] * 5 + [True] * 3
    assert sorted(message.to[0] for message in mailoutbox) == sorted(
        mentor.user.email for mentor in mentors
    )
    assert _digests() == [(mentor.pk, TODAY, 1, False) for mentor in mentors]


def test_no_digest_once_the_final_is_held(edition, mailoutbox):
    mentor = _mentor_of(edition, _idle_member(edition))
    factories.make_final(edition, date=TODAY - datetime.timedelta(days=2))

    queued = tasks.queue_mentor_digests.call_local()
    sent = services_digest.send_digest(mentor.pk, TODAY)

    assert (queued, sent, mailoutbox, _digests()) == (0, False, [], [])


def test_digest_while_a_workshop_is_still_to_come(edition, mailoutbox):
    mentor = _mentor_of(edition, _idle_member(edition))
    for days in (-35, 20):
        factories.make_workshop(
            edition, starts_at=timezone.now() + datetime.timedelta(days=days)
        )

    queued = tasks.queue_mentor_digests.call_local()

    assert queued == 1
    assert [message.to for message in mailoutbox] == [[mentor.user.email]]
