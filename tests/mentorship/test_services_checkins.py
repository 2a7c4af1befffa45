import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from mentorship import services_checkins, services_files
from mentorship.models import Attachment, CheckIn, Job
from tests import full_disk
from tests.mentorship.builders import job, make_followed_startup, pdf_upload
from vsfa.models import AuditEvent

TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def founder_user(participant):
    return participant.person.user


@pytest.fixture
def startup(edition, mentor_user, participant):
    """Registered 40 days ago: check-in 1 late, check-in 2 due in about 20 days."""
    return make_followed_startup(
        edition,
        mentors=[mentor_user.mentor],
        founders=[participant.person],
        name="Atelier Verde SRL",
        registration_date=TODAY - datetime.timedelta(days=40),
    )


def record(checkin, actor, **overrides):
    values = {
        "done_on": TODAY,
        "status": "active",
        "revenue_band": "lt10k",
        "jobs": [job("full_time"), job("part_time"), job("founder")],
        "customers": 12,
        "money_raised": Decimal("15000"),
        "risks": " A client pays late. ",
        "next_steps": "Hire a second developer.",
        "notes": "Going well.",
    }
    values.update(overrides)
    return services_checkins.record_checkin(actor=actor, checkin=checkin, **values)


def submit(checkin, actor, **overrides):
    values = {
        "status": "active",
        "revenue_band": "lt10k",
        "jobs": [job("full_time"), job("collaboration")],
        "customers": 3,
        "money_raised": Decimal("0"),
    }
    values.update(overrides)
    return services_checkins.submit_checkin(actor=actor, checkin=checkin, **values)


# The mentor records


def test_record_checkin_keeps_every_number_and_the_people_working(startup, mentor_user):
    checkin = startup.checkins.get(number=1)

    record(checkin, mentor_user)

    checkin.refresh_from_db()
    assert (
        checkin.done_on,
        checkin.status,
        checkin.revenue_band,
        checkin.customers,
        checkin.money_raised,
        checkin.risks,
        checkin.next_steps,
        checkin.recorded_by,
    ) == (
        TODAY,
        "active",
        "lt10k",
        12,
        Decimal("15000.00"),
        "A client pays late.",
        "Hire a second developer.",
        mentor_user,
    )
    assert sorted(checkin.jobs.values_list("contract_type", flat=True)) == [
        "founder",
        "full_time",
        "part_time",
    ]
    # Employment contracts only: the founder without one is not a job created.
    assert checkin.jobs_created == 2


def test_record_checkin_again_replaces_the_people_working(startup, mentor_user):
    checkin = startup.checkins.get(number=1)
    record(checkin, mentor_user)

    record(checkin, mentor_user, jobs=[job("collaboration")])

    checkin.refresh_from_db()
    assert list(checkin.jobs.values_list("contract_type", flat=True)) == [
        "collaboration"
    ]
    assert (checkin.jobs_created, Job.objects.count()) == (0, 1)


def test_record_checkin_without_jobs_keeps_the_count_given(startup, mentor_user):
    checkin = startup.checkins.get(number=1)

    services_checkins.record_checkin(
        actor=mentor_user,
        checkin=checkin,
        done_on=TODAY,
        status="active",
        jobs_created=4,
        revenue_band="none",
    )

    checkin.refresh_from_db()
    assert (checkin.jobs_created, checkin.jobs.count()) == (4, 0)


def test_record_checkin_job_starting_after_the_checkin_refused(startup, mentor_user):
    checkin = startup.checkins.get(number=1)
    tomorrow = TODAY + datetime.timedelta(days=1)

    with pytest.raises(ValidationError) as error:
        record(checkin, mentor_user, jobs=[job(started_on=tomorrow)])

    checkin.refresh_from_db()
    assert error.value.message_dict == {
        "jobs": [
            f"A start date cannot be after {TODAY:%d.%m.%Y}, the day of the check-in."
        ]
    }
    assert checkin.done_on is None


def test_record_checkin_before_registration_refused(startup, mentor_user):
    with pytest.raises(ValidationError) as error:
        record(
            startup.checkins.get(number=1),
            mentor_user,
            done_on=startup.registration_date - datetime.timedelta(days=1),
        )

    assert error.value.message_dict == {
        "done_on": ["A check-in cannot be done before the company was registered."]
    }


def test_record_checkin_stores_evidence_files(startup, mentor_user):
    checkin = startup.checkins.get(number=1)

    record(checkin, mentor_user, files=[pdf_upload("Contract muncă.pdf")])

    attachment = Attachment.objects.get()
    assert (attachment.checkin, attachment.startup, attachment.uploaded_by) == (
        checkin,
        startup,
        mentor_user,
    )
    assert attachment.original_name == "Contract muncă.pdf"
    assert attachment.file.name.startswith("startups/")


def test_record_checkin_refused_evidence_saves_nothing(startup, mentor_user):
    checkin = startup.checkins.get(number=1)
    page = pdf_upload("factura.pdf", b"<html>not a pdf</html>")

    with pytest.raises(ValidationError) as error:
        record(checkin, mentor_user, files=[page])

    checkin.refresh_from_db()
    assert list(error.value.message_dict) == ["files"]
    assert (checkin.done_on, Attachment.objects.count(), Job.objects.count()) == (
        None,
        0,
        0,
    )


# The founders fill in, the mentor confirms


def test_submit_checkin_is_a_draft_until_the_mentor_confirms(
    startup, founder_user, mentor_user
):
    checkin = startup.checkins.get(number=1)

    submit(checkin, founder_user)
    draft = CheckIn.objects.get(pk=checkin.pk)
    record(draft, mentor_user, jobs=[job("full_time"), job("collaboration")])

    checkin.refresh_from_db()
    assert (draft.done_on, draft.submitted_by, draft.awaits_confirmation) == (
        None,
        founder_user,
        True,
    )
    assert (draft.customers, draft.jobs_created) == (3, 1)
    assert (checkin.done_on, checkin.awaits_confirmation) == (TODAY, False)
    assert list(
        AuditEvent.objects.filter(object_id=str(checkin.pk))
        .order_by("pk")
        .values_list("action", "actor")
    ) == [
        ("checkin.submitted", founder_user.pk),
        ("checkin.confirmed", mentor_user.pk),
    ]


def test_submit_checkin_again_replaces_the_draft(startup, founder_user):
    checkin = startup.checkins.get(number=1)
    submit(checkin, founder_user)

    submit(checkin, founder_user, customers=5, jobs=[job("part_time")])

    checkin.refresh_from_db()
    assert (checkin.customers, checkin.jobs_created, checkin.jobs.count()) == (5, 1, 1)


def test_submit_checkin_after_the_mentor_recorded_it_refused(
    startup, founder_user, mentor_user
):
    checkin = startup.checkins.get(number=1)
    record(checkin, mentor_user)

    with pytest.raises(ValidationError) as error:
        submit(checkin, founder_user, customers=99)

    checkin.refresh_from_db()
    assert error.value.messages == [
        "Your mentor has already recorded this check-in: ask them to correct "
        "it if something changed."
    ]
    assert checkin.customers == 12


def test_submit_checkin_opens_with_the_mentor_reminder(startup, founder_user, settings):
    settings.VSFA_CHECKIN_REMINDER_DAYS = 3
    later = startup.checkins.get(number=2)
    later.due_on = TODAY + datetime.timedelta(days=4)
    later.save()

    with pytest.raises(ValidationError) as error:
        submit(later, founder_user)
    later.due_on = TODAY + datetime.timedelta(days=3)
    later.save()
    submit(later, founder_user)

    later.refresh_from_db()
    opens = (TODAY + datetime.timedelta(days=1)).strftime("%d.%m.%Y")
    assert error.value.messages == [f"This check-in can be filled in from {opens}."]
    assert later.submitted_by == founder_user


def test_submit_checkin_job_in_the_future_refused(startup, founder_user):
    with pytest.raises(ValidationError) as error:
        submit(
            startup.checkins.get(number=1),
            founder_user,
            jobs=[job(started_on=TODAY + datetime.timedelta(days=1))],
        )

    assert list(error.value.message_dict) == ["jobs"]


# Files


def test_remove_attachment_deletes_the_file_and_keeps_a_trace(
    startup, mentor_user, django_capture_on_commit_callbacks
):
    checkin = startup.checkins.get(number=1)
    record(checkin, mentor_user, files=[pdf_upload()])
    attachment = Attachment.objects.get()
    storage = attachment.file.storage
    name = attachment.file.name

    with django_capture_on_commit_callbacks(execute=True):
        services_files.remove_attachment(actor=mentor_user, attachment=attachment)

    event = AuditEvent.objects.get(action="file.removed")
    assert Attachment.objects.count() == 0
    assert storage.exists(name) is False
    assert (event.actor, event.summary) == (
        mentor_user,
        "Atelier Verde SRL: contract.pdf",
    )


def test_attach_files_refuses_more_than_the_setting(startup, mentor_user, settings):
    settings.VSFA_UPLOAD_FILES_AT_ONCE = 2

    with pytest.raises(ValidationError) as error:
        services_files.attach_files(
            actor=mentor_user,
            startup=startup,
            files=[pdf_upload(), pdf_upload(), pdf_upload()],
            checkin=startup.checkins.get(number=1),
        )

    assert error.value.message_dict == {
        "files": ["Up to 2 files can be added at once."]
    }


def test_record_checkin_sent_twice_keeps_each_file_once(startup, mentor_user):
    checkin = startup.checkins.get(number=1)

    record(checkin, mentor_user, files=[pdf_upload(), pdf_upload("alt.pdf")])
    record(checkin, mentor_user, files=[pdf_upload(), pdf_upload("alt.pdf")])

    assert sorted(checkin.evidence.values_list("original_name", flat=True)) == [
        "alt.pdf",
        "contract.pdf",
    ]


def test_record_checkin_on_a_full_disk_records_nothing(
    startup, mentor_user, monkeypatch, settings
):
    full_disk.fill_private_disk(
        monkeypatch, settings, Attachment._meta.get_field("file")
    )
    checkin = startup.checkins.get(number=1)

    with pytest.raises(ValidationError) as error:
        record(checkin, mentor_user, files=[pdf_upload()])

    checkin.refresh_from_db()
    assert error.value.messages == [full_disk.NOT_SAVED_EN]
    assert (checkin.done_on, Attachment.objects.count()) == (None, 0)
    assert full_disk.files_in(settings.VSFA_PRIVATE_MEDIA_ROOT) == []
