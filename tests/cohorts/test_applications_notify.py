"""Decision e-mails: in Romanian, from the worker, once each whatever is pressed."""

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from cohorts import services, tasks
from cohorts.models import ApplicationNotice
from tests import factories
from tests.cohorts import application_builders as ab

pytestmark = pytest.mark.django_db


class FailingBackend(BaseEmailBackend):
    """An SMTP server that refuses every message."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("the mail server is down")


@pytest.fixture
def decided(edition, organiser):
    """One applicant selected, one waiting, one not selected, one withdrawn."""
    ab.open_call(edition)
    conference = factories.make_conference(edition)
    selected, waiting, left = (
        ab.apply_as_attendee(edition, conference, given_name=name)
        for name in ("Sara", "Vlad", "Dan")
    )
    not_selected = ab.apply_as_attendee(edition, conference, given_name="Nora")
    services.select_member(actor=organiser, edition=edition, person=selected.person)
    services.waitlist_member(actor=organiser, edition=edition, person=waiting.person)
    member = services.select_member(
        actor=organiser, edition=edition, person=left.person
    )
    services.withdraw_member(actor=organiser, member=member, reason="Nu mai poate")
    return {
        "selected": selected,
        "waitlisted": waiting,
        "not_selected": not_selected,
        "withdrawn": left,
    }


def _subject(template, edition):
    with translation.override("ro"):
        return gettext(template) % {"name": edition.name}


def _notify(client, include_not_selected, capture):
    data = {"include_not_selected": "on"} if include_not_selected else {}
    with capture(execute=True):
        return client.post(reverse("cohorts:application_notify"), data, follow=True)


def test_notify_tells_each_decision_in_romanian(
    client_for, organiser, edition, decided, django_capture_on_commit_callbacks
):
    client = client_for(organiser)

    _notify(client, True, django_capture_on_commit_callbacks)

    sent = {message.to[0]: message for message in mail.outbox}
    assert sorted(sent) == sorted(
        decided[key].email for key in ("selected", "waitlisted", "not_selected")
    )
    selected = sent[decided["selected"].email]
    assert selected.subject == _subject(
        "You have a place in the training of %(name)s", edition
    )
    with translation.override("ro"):
        greeting = gettext("Hello %(name)s,") % {"name": "Sara"}
    assert selected.body.splitlines()[0] == greeting
    assert sent[decided["waitlisted"].email].subject == _subject(
        "You are on the waiting list of %(name)s", edition
    )
    assert sent[decided["not_selected"].email].subject == _subject(
        "Your application to %(name)s", edition
    )


def test_notify_pressed_twice_sends_each_email_once(
    client_for, organiser, decided, django_capture_on_commit_callbacks
):
    client = client_for(organiser)

    _notify(client, True, django_capture_on_commit_callbacks)
    again = _notify(client, True, django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 3
    (message,) = again.context["messages"]
    assert str(message) == gettext("Nobody is waiting to be told: nothing was sent.")
    assert ApplicationNotice.objects.count() == 3
    assert ApplicationNotice.objects.filter(sent_at__isnull=True).count() == 0


def test_notify_records_what_was_sent_and_when(
    client_for, organiser, decided, django_capture_on_commit_callbacks
):
    _notify(client_for(organiser), False, django_capture_on_commit_callbacks)

    notice = decided["selected"].notices.get()
    assert (notice.decision, notice.email, notice.queued_by) == (
        "selected",
        decided["selected"].email,
        organiser,
    )
    assert notice.sent_at is not None


def test_notify_tells_those_not_selected_only_when_asked(
    client_for, organiser, decided, django_capture_on_commit_callbacks
):
    client = client_for(organiser)

    _notify(client, False, django_capture_on_commit_callbacks)
    first_round = sorted(message.to[0] for message in mail.outbox)
    _notify(client, True, django_capture_on_commit_callbacks)

    assert first_round == sorted(
        [decided["selected"].email, decided["waitlisted"].email]
    )
    assert [message.to[0] for message in mail.outbox[2:]] == [
        decided["not_selected"].email
    ]
    assert decided["withdrawn"].notices.count() == 0


def test_notify_page_counts_who_is_to_be_told(client_for, organiser, decided):
    response = client_for(organiser).get(reverse("cohorts:application_notify"))

    assert [count for _label, count in response.context["counts"]] == [1, 1, 1]


def test_notify_tells_a_new_decision_and_not_an_old_one(
    organiser, edition, decided, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.notify_decisions(actor=organiser, edition=edition)
    services.select_member(
        actor=organiser, edition=edition, person=decided["not_selected"].person
    )

    with django_capture_on_commit_callbacks(execute=True):
        queued = services.notify_decisions(actor=organiser, edition=edition)

    assert queued == 1
    assert [message.to[0] for message in mail.outbox[2:]] == [
        decided["not_selected"].email
    ]


def test_notify_the_latest_application_of_someone_who_applied_twice(
    organiser, edition, django_capture_on_commit_callbacks
):
    ab.open_call(edition)
    conference = factories.make_conference(edition)
    first = ab.apply_as_attendee(edition, conference, email="dublu@example.org")
    second = ab.apply(
        edition,
        given_name=first.given_name,
        family_name=first.family_name,
        email="dublu@example.org",
    )
    services.select_member(actor=organiser, edition=edition, person=first.person)

    with django_capture_on_commit_callbacks(execute=True):
        services.notify_decisions(actor=organiser, edition=edition)

    assert second.person == first.person
    assert list(ApplicationNotice.objects.values_list("application", flat=True)) == [
        second.pk
    ]
    assert len(mail.outbox) == 1


def test_notice_task_run_twice_sends_once(organiser, edition, decided):
    services.notify_decisions(actor=organiser, edition=edition)
    notice = decided["selected"].notices.get()

    tasks.send_application_notice(notice.pk)
    tasks.send_application_notice(notice.pk)

    assert [message.to for message in mail.outbox] == [[decided["selected"].email]]


def test_notice_that_failed_is_given_back_and_sent_later(
    organiser, edition, decided, settings
):
    services.notify_decisions(actor=organiser, edition=edition)
    notice = decided["selected"].notices.get()
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"

    with pytest.raises(ConnectionRefusedError):
        services.send_application_notice(notice.pk)
    notice.refresh_from_db()
    failed_claim = notice.sent_at
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    sent = services.send_application_notice(notice.pk)

    assert (failed_claim, sent) == (None, True)
    notice.refresh_from_db()
    assert notice.sent_at is not None
    assert len(mail.outbox) == 1


def test_notify_again_sends_what_a_failed_worker_left(
    organiser, edition, decided, django_capture_on_commit_callbacks
):
    # Not run after commit: as if the worker had died before sending.
    services.notify_decisions(actor=organiser, edition=edition)

    with django_capture_on_commit_callbacks(execute=True):
        queued = services.notify_decisions(actor=organiser, edition=edition)

    assert queued == 0
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [decided["selected"].email, decided["waitlisted"].email]
    )
    assert ApplicationNotice.objects.filter(sent_at__isnull=True).count() == 0
