import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from huey.contrib.djhuey import HUEY
from huey.signals import SIGNAL_ENQUEUED

from mentorship import services, tasks
from mentorship.choices import REMINDER_DUE
from mentorship.models import CheckIn
from tests.mentorship.builders import make_followed_startup

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

    checkin.refresh_from_db()
    assert (first, second) == (1, 0)
    assert [message.to for message in mailoutbox] == [[mentor_user.email]]
    assert checkin.reminder_sent_at is not None
    assert checkin.late_reminder_sent_at is None


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
    checkin.reminder_sent_at = timezone.now() - datetime.timedelta(days=3)
    checkin.save()

    tasks.queue_checkin_reminders.call_local()
    tasks.queue_checkin_reminders.call_local()

    checkin.refresh_from_db()
    assert len(mailoutbox) == 1
    with translation.override("ro"):
        assert mailoutbox[0].subject == translation.gettext(
            "Late: check-in with %(name)s"
        ) % {"name": "Atelier Verde SRL"}
    assert checkin.late_reminder_sent_at is not None


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
        services.send_checkin_reminder(checkin.pk, REMINDER_DUE)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    sent = services.send_checkin_reminder(checkin.pk, REMINDER_DUE)

    checkin.refresh_from_db()
    assert sent is True
    assert checkin.reminder_sent_at is not None
    assert len(mailoutbox) == 1


def test_reminder_for_a_removed_checkin_is_skipped(edition, mentor_user, mailoutbox):
    startup = startup_due_in(edition, [mentor_user.mentor], days=1)
    checkin_id = startup.checkins.get(number=1).pk
    CheckIn.objects.filter(pk=checkin_id).delete()

    sent = services.send_checkin_reminder(checkin_id, REMINDER_DUE)

    assert sent is False
    assert mailoutbox == []
