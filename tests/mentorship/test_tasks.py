import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from huey.contrib.djhuey import HUEY
from huey.signals import SIGNAL_ENQUEUED

from mentorship import selectors, services_reminders, tasks
from mentorship.choices import REMINDER_DUE, ReminderKind
from mentorship.models import CheckIn, Reminder
from tests import factories
from tests.mentorship.builders import (
    FailingEmailBackend,
    at_once,
    consume,
    make_followed_startup,
)

TODAY = timezone.localdate()


@pytest.fixture
def enqueued():
    """Names of the huey tasks enqueued during the test."""
    names = []

    def record(signal, task, *args, **kwargs):
        names.append(task.name)

    HUEY._signal.connect(record, SIGNAL_ENQUEUED)
    yield names
    HUEY.disconnect_signal(record, SIGNAL_ENQUEUED)


def sent_kinds(checkin):
    return sorted(
        Reminder.objects.filter(checkin=checkin, sent_at__isnull=False).values_list(
            "kind", flat=True
        )
    )


def mailoutbox_subject(checkin, kind):
    """The Romanian subject of the ``kind`` e-mail about ``checkin``."""
    if kind == "alert":
        return (
            f"Întâlnirea de monitorizare cu {checkin.startup.name} este întârziată "
            "cu peste 14 zile"
        )
    with translation.override("ro"):
        return translation.gettext(
            {
                "due": "Check-in with %(name)s due on %(due)s",
                "late": "Late: check-in with %(name)s",
            }[kind]
        ) % {
            "name": checkin.startup.name,
            "due": checkin.due_on.strftime("%d.%m.%Y"),
            "days": 14,
        }


def startup_due_in(edition, mentors, days):
    """A startup whose first check-in is due ``days`` from today."""
    startup = make_followed_startup(
        edition,
        mentors=mentors,
        name="Atelier Verde SRL",
        registration_date=TODAY - datetime.timedelta(days=30),
    )
    startup.checkins.filter(number=1).update(
        due_on=TODAY + datetime.timedelta(days=days)
    )
    return startup


def test_reminder_before_due_sent_once_however_often_the_task_runs(
    edition, mentor_user, mailoutbox
):
    startup = startup_due_in(edition, [mentor_user.mentor], days=2)
    checkin = startup.checkins.get(number=1)

    first = tasks.queue_checkin_reminders.call_local()
    second = tasks.queue_checkin_reminders.call_local()
    tasks.send_checkin_reminder.call_local(checkin.pk, REMINDER_DUE)

    assert (first, second) == (1, 0)
    assert [message.to for message in mailoutbox] == [[mentor_user.email]]
    assert sent_kinds(checkin) == ["due"]


def test_reminder_email_names_the_startup_and_links_the_checkin(
    edition, mentor_user, mailoutbox, settings
):
    settings.VSFA_SITE_URL = "http://127.0.0.1:8000"
    startup = startup_due_in(edition, [mentor_user.mentor], days=3)
    checkin = startup.checkins.get(number=1)

    tasks.queue_checkin_reminders.call_local()

    message = mailoutbox[0]
    due = checkin.due_on.strftime("%d.%m.%Y")
    with translation.override("ro"):
        expected_subject = translation.gettext(
            "Check-in with %(name)s due on %(due)s"
        ) % {"name": "Atelier Verde SRL", "due": due}
    assert message.subject == expected_subject
    link = "http://127.0.0.1:8000" + reverse(
        "mentorship:checkin_update", kwargs={"pk": checkin.pk}
    )
    assert link in message.body


def test_reminder_not_sent_a_week_ahead(edition, mentor_user, mailoutbox, enqueued):
    startup_due_in(edition, [mentor_user.mentor], days=7)

    queued = tasks.queue_checkin_reminders.call_local()

    assert queued == 0
    assert mailoutbox == []
    assert enqueued == []


def test_late_checkin_gets_one_late_reminder(edition, mentor_user, mailoutbox):
    startup = startup_due_in(edition, [mentor_user.mentor], days=-1)
    checkin = startup.checkins.get(number=1)
    Reminder.objects.create(
        checkin=checkin,
        kind=ReminderKind.DUE,
        sent_at=timezone.now() - datetime.timedelta(days=3),
    )

    tasks.queue_checkin_reminders.call_local()
    tasks.queue_checkin_reminders.call_local()

    assert len(mailoutbox) == 1
    with translation.override("ro"):
        assert mailoutbox[0].subject == translation.gettext(
            "Late: check-in with %(name)s"
        ) % {"name": "Atelier Verde SRL"}
    assert sent_kinds(checkin) == ["due", "late"]


def test_two_mentors_get_one_message_together(
    edition, mentor_user, other_mentor, mailoutbox
):
    startup_due_in(edition, [mentor_user.mentor, other_mentor.mentor], days=1)

    tasks.queue_checkin_reminders.call_local()

    assert len(mailoutbox) == 1
    assert sorted(mailoutbox[0].to) == sorted([mentor_user.email, other_mentor.email])


def test_done_checkin_gets_no_reminder(edition, mentor_user, mailoutbox, enqueued):
    startup = startup_due_in(edition, [mentor_user.mentor], days=-2)
    startup.checkins.filter(number=1).update(done_on=TODAY, status="active")

    tasks.queue_checkin_reminders.call_local()

    assert mailoutbox == []
    assert enqueued == []


def test_nothing_to_send_enqueues_nothing(edition, mailoutbox, enqueued):
    make_followed_startup(edition, mentors=[], registration_date=TODAY)

    queued = tasks.queue_checkin_reminders.call_local()

    assert queued == 0
    assert enqueued == []


def test_each_reminder_is_its_own_task(edition, mentor_user, enqueued):
    startup_due_in(edition, [mentor_user.mentor], days=-1)
    due_soon = startup_due_in(edition, [mentor_user.mentor], days=1)
    due_soon.checkins.exclude(number=1).update(
        due_on=TODAY + datetime.timedelta(days=60)
    )

    tasks.queue_checkin_reminders.call_local()

    assert enqueued == [
        "send_checkin_reminder",
        "send_checkin_reminder",
    ]


def test_failed_send_gives_the_claim_back(edition, mentor_user, settings, mailoutbox):
    startup = startup_due_in(edition, [mentor_user.mentor], days=1)
    checkin = startup.checkins.get(number=1)
    settings.EMAIL_BACKEND = "tests.mentorship.builders.FailingEmailBackend"

    with pytest.raises(ConnectionRefusedError):
        services_reminders.send_checkin_reminder(checkin.pk, REMINDER_DUE)
    released = Reminder.objects.get(checkin=checkin)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    sent = services_reminders.send_checkin_reminder(checkin.pk, REMINDER_DUE)

    reminder = Reminder.objects.get(checkin=checkin)
    assert (released.claimed_at, released.sent_at) == (None, None)
    assert sent is True
    assert (reminder.sent_at is not None, reminder.attempts) == (True, 2)
    assert len(mailoutbox) == 1


def test_reminder_for_a_removed_checkin_is_skipped(edition, mentor_user, mailoutbox):
    startup = startup_due_in(edition, [mentor_user.mentor], days=1)
    checkin_id = startup.checkins.get(number=1).pk
    CheckIn.objects.filter(pk=checkin_id).delete()

    sent = services_reminders.send_checkin_reminder(checkin_id, REMINDER_DUE)

    assert sent is False
    assert mailoutbox == []
    assert Reminder.objects.count() == 0


# Organisers are alerted when a check-in is two weeks late


def test_two_weeks_late_alerts_the_organisers_once(
    edition, mentor_user, organiser, mailoutbox, settings
):
    settings.VSFA_SITE_URL = "http://127.0.0.1:8000"
    startup = startup_due_in(edition, [mentor_user.mentor], days=-14)
    checkin = startup.checkins.get(number=1)
    Reminder.objects.create(checkin=checkin, kind="late", sent_at=timezone.now())

    first = tasks.queue_checkin_reminders.call_local()
    second = tasks.queue_checkin_reminders.call_local()

    assert (first, second) == (1, 0)
    assert [message.to for message in mailoutbox] == [[organiser.email]]
    assert mailoutbox[0].subject == (
        "Întâlnirea de monitorizare cu Atelier Verde SRL este întârziată cu "
        "peste 14 zile"
    )
    assert f"Mihai Mentor ({mentor_user.email})" in mailoutbox[0].body
    assert (
        "http://127.0.0.1:8000"
        + reverse("mentorship:startup_detail", kwargs={"pk": startup.pk})
        in mailoutbox[0].body
    )
    assert sent_kinds(checkin) == ["alert", "late"]


def test_thirteen_days_late_no_alert_yet(edition, mentor_user, organiser, mailoutbox):
    startup = startup_due_in(edition, [mentor_user.mentor], days=-13)

    tasks.queue_checkin_reminders.call_local()

    assert [message.to for message in mailoutbox] == [[mentor_user.email]]
    assert sent_kinds(startup.checkins.get(number=1)) == ["late"]


def test_alert_goes_even_when_the_startup_has_no_mentor(edition, organiser, mailoutbox):
    startup = startup_due_in(edition, [], days=-20)

    tasks.queue_checkin_reminders.call_local()

    assert [message.to for message in mailoutbox] == [[organiser.email]]
    assert sent_kinds(startup.checkins.get(number=1)) == ["alert"]


def test_alert_not_sent_for_a_done_checkin(edition, organiser, mailoutbox):
    startup = startup_due_in(edition, [], days=-20)
    startup.checkins.filter(number=1).update(done_on=TODAY, status="active")

    sent = services_reminders.send_checkin_reminder(
        startup.checkins.get(number=1).pk, ReminderKind.ALERT
    )

    assert sent is False
    assert mailoutbox == []


def test_alert_skips_inactive_organisers(edition, organiser, mailoutbox):
    startup = startup_due_in(edition, [], days=-20)
    gone = factories.make_user("organiser")
    gone.is_active = False
    gone.save()

    tasks.queue_checkin_reminders.call_local()

    assert [message.to for message in mailoutbox] == [[organiser.email]]
    assert sent_kinds(startup.checkins.get(number=1)) == ["alert"]


def test_founders_draft_is_mentioned_in_the_reminder(edition, mentor_user, mailoutbox):
    startup = startup_due_in(edition, [mentor_user.mentor], days=1)
    startup.checkins.filter(number=1).update(submitted_at=timezone.now())

    tasks.queue_checkin_reminders.call_local()

    with translation.override("ro"):
        expected = translation.gettext(
            "The founders have already filled in their numbers: check them with "
            "the founders and confirm them."
        )
    assert expected in mailoutbox[0].body


def test_reminder_keeps_the_company_name_as_typed(edition, mentor_user, mailoutbox):
    startup = startup_due_in(edition, [mentor_user.mentor], days=1)
    startup.name = "Ana & Ion <Design> SRL"
    startup.save()

    tasks.queue_checkin_reminders.call_local()

    # A plain-text e-mail: nothing is escaped as for a web page.
    assert "Ana & Ion <Design> SRL" in mailoutbox[0].subject
    assert "Ana & Ion <Design> SRL" in mailoutbox[0].body


# Sent once under two consumers, and after a restart of the consumer


@pytest.mark.django_db(transaction=True)
def test_two_consumers_send_each_reminder_once(mailoutbox):
    edition = factories.make_edition("2026/2027")
    organiser = factories.make_user("organiser")
    mentor = factories.make_mentor()
    due = startup_due_in(edition, [mentor], days=2).checkins.get(number=1)
    late = startup_due_in(edition, [mentor], days=-15).checkins.get(number=1)

    def consumer():
        # What a consumer does with the periodic task: list the reminders due,
        # then run each one's task, retried after a database error as huey
        # retries it. (Through huey's immediate mode the error would only be
        # logged and the retry scheduled minutes later, after the test.)
        return consume(tasks.send_checkin_reminder, selectors.reminders_to_send(TODAY))

    outcomes = at_once(consumer, consumer)

    # What each consumer listed and sent depends on timing; neither failed.
    assert [type(outcome) for outcome in outcomes] == [list, list], outcomes
    assert sorted(outcomes[0] + outcomes[1]).count(True) == 3, outcomes
    assert sorted((message.to[0], message.subject) for message in mailoutbox) == sorted(
        [
            (mentor.user.email, mailoutbox_subject(due, "due")),
            (mentor.user.email, mailoutbox_subject(late, "late")),
            (organiser.email, mailoutbox_subject(late, "alert")),
        ]
    )
    assert (sent_kinds(due), sent_kinds(late)) == (["due"], ["alert", "late"])


@pytest.mark.django_db(transaction=True)
def test_two_workers_claiming_the_same_reminder_send_it_once(mailoutbox):
    edition = factories.make_edition("2026/2027")
    mentor = factories.make_mentor()
    checkins = [
        startup_due_in(edition, [mentor], days=1).checkins.get(number=1)
        for _ in range(3)
    ]

    outcomes = [
        at_once(
            lambda pk=checkin.pk: tasks.send_checkin_reminder.call_local(pk, "due"),
            lambda pk=checkin.pk: services_reminders.send_checkin_reminder(pk, "due"),
        )
        for checkin in checkins
    ]

    assert [sorted(pair, key=repr) for pair in outcomes] == [[False, True]] * 3, (
        outcomes
    )
    assert len(mailoutbox) == 3
    assert Reminder.objects.filter(sent_at__isnull=False).count() == 3


class WorkerKilled(BaseException):
    """The consumer stopped (killed, restarted) in the middle of sending."""


class DyingEmailBackend(FailingEmailBackend):
    def send_messages(self, email_messages):
        raise WorkerKilled


def test_reminder_claimed_by_a_worker_that_died_is_sent_once_after_restart(
    edition, mentor_user, settings, mailoutbox
):
    checkin = startup_due_in(edition, [mentor_user.mentor], days=1).checkins.get(
        number=1
    )
    settings.EMAIL_BACKEND = "tests.mentorship.test_tasks.DyingEmailBackend"
    with pytest.raises(WorkerKilled):
        tasks.queue_checkin_reminders.call_local()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    orphan = Reminder.objects.get(checkin=checkin)

    # Another consumer, right away: the claim may still be a live worker's.
    soon = tasks.queue_checkin_reminders.call_local()
    mail_soon = len(mailoutbox)
    # The restarted consumer, once the claim is older than the claim period.
    Reminder.objects.filter(pk=orphan.pk).update(
        claimed_at=orphan.claimed_at
        - datetime.timedelta(seconds=settings.VSFA_REMINDER_CLAIM_SECONDS + 1)
    )
    after_restart = tasks.queue_checkin_reminders.call_local()
    again = tasks.queue_checkin_reminders.call_local()

    reminder = Reminder.objects.get(pk=orphan.pk)
    assert (orphan.claimed_at is not None, orphan.sent_at) == (True, None)
    assert (soon, mail_soon) == (1, 0)
    assert (after_restart, again) == (1, 0)
    assert [message.to for message in mailoutbox] == [[mentor_user.email]]
    assert (reminder.sent_at is not None, reminder.attempts) == (True, 2)
