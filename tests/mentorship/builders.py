"""Test builders for mentoring groups, sessions and startups."""

import contextlib
import datetime
import io
import itertools
import threading
import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail.backends.base import BaseEmailBackend
from django.db import OperationalError, connection
from django.utils import timezone
from PIL import Image

from mentorship.models import CheckIn, Founder, GroupSession, Job, Mentor
from mentorship.selectors import jobs_created_from
from mentorship.services import checkin_schedule
from tests import factories

_seq = itertools.count(1)
BUCHAREST = datetime.timezone(datetime.timedelta(hours=2))
CUI_WEIGHTS = (7, 5, 3, 2, 1, 7, 5, 3, 2)


def with_check_digit(digits):
    """``digits`` followed by its CUI check digit, by the published rule."""
    padded = digits.zfill(9)
    total = sum(
        weight * int(digit) for weight, digit in zip(CUI_WEIGHTS, padded, strict=True)
    )
    return digits + str(total * 10 % 11 % 10)


def new_cui():
    return with_check_digit(str(1000000 + next(_seq)))


def make_mentor_user(full_name="Alt Mentor"):
    user = factories.make_user("mentor", full_name=full_name)
    Mentor.objects.create(user=user, company="Beta SRL")
    return user


def make_session(group, mentor, attendees=(), **fields):
    """A session of ``group`` led by ``mentor`` (a Mentor), attended by ``attendees``."""
    number = next(_seq)
    session = GroupSession.objects.create(
        group=group,
        mentor=mentor,
        starts_at=fields.pop(
            "starts_at",
            datetime.datetime(2027, 2, 1, 17, 0, tzinfo=BUCHAREST)
            + datetime.timedelta(days=number),
        ),
        duration_minutes=fields.pop("duration_minutes", 90),
        topics=fields.pop("topics", f"Topic {number}"),
        **fields,
    )
    session.attendees.set(attendees)
    return session


def make_followed_startup(edition, mentors=(), founders=(), **fields):
    """A startup with its mentors and the edition's check-ins scheduled."""
    fields.setdefault("cui", new_cui())
    fields.setdefault("trade_register_number", f"J40/{next(_seq)}/2020")
    fields.setdefault("euid", f"ROONRC.{fields['trade_register_number']}")
    startup = factories.make_startup(edition, **fields)
    for person in founders:
        Founder.objects.get_or_create(startup=startup, person=person)
    startup.mentors.set(mentors)
    CheckIn.objects.bulk_create(
        CheckIn(startup=startup, number=number, due_on=due_on)
        for number, due_on in enumerate(
            checkin_schedule(edition, startup.registration_date), start=1
        )
    )
    return startup


class FailingEmailBackend(BaseEmailBackend):
    """An e-mail server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("The e-mail server is down.")


PDF = b"%PDF-1.4\n%evidence\n%%EOF\n"


def pdf_upload(name="contract.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def png_upload(name="logo.png", size=(4, 4), colour="green"):
    output = io.BytesIO()
    Image.new("RGB", size, colour).save(output, "PNG")
    return SimpleUploadedFile(name, output.getvalue(), content_type="image/png")


def job(contract_type="full_time", started_on=None, role=""):
    """A person working, as the check-in services take them."""
    return {
        "contract_type": contract_type,
        "started_on": started_on or datetime.date(2025, 11, 3),
        "role": role,
    }


def confirm(checkin, *, status="active", jobs=(), done_on=None, by=None):
    """Record ``checkin`` as a mentor would, with ``jobs`` (contract types)."""
    checkin.done_on = done_on or checkin.due_on
    checkin.status = status
    checkin.recorded_by = by
    checkin.jobs_created = jobs_created_from(jobs)
    checkin.save()
    Job.objects.bulk_create(
        Job(checkin=checkin, contract_type=contract, started_on=checkin.done_on)
        for contract in jobs
    )
    return checkin


def login_url(url):
    return f"/accounts/login/?next={url}"


def checkin_data(jobs=(), **overrides):
    """A check-in form as sent: the numbers, and one row per person working."""
    data = {
        "done_on": timezone.localdate().isoformat(),
        "status": "active",
        "revenue_band": "lt10k",
        "customers": "4",
        "money_raised": "",
        "risks": "",
        "next_steps": "",
        "notes": "Primul angajat cu contract.",
        **jobs_management(len(jobs)),
    }
    for index, (contract, started_on) in enumerate(jobs):
        data[f"jobs-{index}-contract_type"] = contract
        data[f"jobs-{index}-started_on"] = started_on
        data[f"jobs-{index}-role"] = ""
    data.update(overrides)
    return data


def jobs_management(total, initial=0):
    return {
        "jobs-TOTAL_FORMS": str(total),
        "jobs-INITIAL_FORMS": str(initial),
        "jobs-MIN_NUM_FORMS": "0",
        "jobs-MAX_NUM_FORMS": "1000",
    }


# Two consumers at once

# Connections to the in-memory SQLite test database share one cache, where a
# table another connection holds is refused at once ("database table is
# locked") instead of waited for, as the busy timeout does on the SQLite file
# the app runs on and as PostgreSQL does. Refused after a reminder was claimed,
# or after its e-mail went, a statement left it claimed and unsent: a failure
# of the test database, not of the code. Trying the statement again is the
# wait the test database does not do; a refused statement changed nothing.
LOCK_WAIT_SECONDS = 10


def _waiting_for_locks(execute, sql, params, many, context):
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while True:
        try:
            return execute(sql, params, many, context)
        except OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.005)


def retried(call):
    """``call()``, tried again after a database error, as huey retries a task."""
    for _attempt in range(40):
        try:
            return call()
        except OperationalError:
            time.sleep(0.05)
    return call()


def consume(task, arguments):
    """Run ``task`` once per tuple of ``arguments``, as a consumer runs them.

    Each run is retried after a database error, as huey's retries do.
    """
    return [retried(lambda args=args: task.call_local(*args)) for args in arguments]


def at_once(*calls):
    """Run ``calls`` in threads started together, each on its own connection."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        waits = (
            connection.execute_wrapper(_waiting_for_locks)
            if connection.vendor == "sqlite"
            else contextlib.nullcontext()
        )
        try:
            with waits:
                barrier.wait(timeout=10)
                outcomes[index] = retried(call)
        except Exception as error:  # noqa: BLE001 -- reported by the assertion on outcomes
            outcomes[index] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(index, call))
        for index, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes
