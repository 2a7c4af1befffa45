"""Large files: read and imported by the worker, with progress, exactly once."""

import datetime
import io
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from cohorts.choices import ImportStatus
from cohorts.importing import selectors, services, tasks
from cohorts.models import Attendance, AttendanceImport
from tests import factories
from tests.cohorts.importing import builders
from vsfa.models import AuditEvent, Person

HEADER = ["Nume", "Prenume", "Clasa", "Data nașterii", "Telefon", "E-mail"]
PROGRESS_WRITE = re.compile(r"\"progress_step\" = '(\w*)', \"rows_done\" = (\d+)")
OUTSIDERS = ["mentor_user", "juror_user", "participant", "other_participant"]


@pytest.fixture
def conference(edition):
    return factories.make_conference(edition, date=datetime.date(2026, 10, 15))


@pytest.fixture
def small_threshold(settings):
    """Files of more than three rows go to the worker."""
    settings.VSFA_IMPORT_BACKGROUND_ROWS = 3


def _in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _pupils(count):
    return builders.csv_bytes(
        [
            HEADER,
            *(
                [
                    f"POPESCU{number}",
                    "Ana Maria",
                    "X A",
                    f"{1 + number % 28:02d}.03.2010",
                    "0734062800",
                    f"ana{number}@exemplu.ro",
                ]
                for number in range(count)
            ),
        ]
    )


def _queued(organiser, conference, count, django_capture_on_commit_callbacks):
    """A large file uploaded, its reading not started."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        attendance_import = builders.preview(
            organiser, conference, "mare.csv", _pupils(count), background=None
        )
    return attendance_import, callbacks


def test_ten_thousand_rows_go_through_the_worker_with_the_right_counts(
    client_for, organiser, conference, django_capture_on_commit_callbacks
):
    client = client_for(organiser)

    with django_capture_on_commit_callbacks(execute=True):
        uploaded = client.post(
            reverse("cohorts:import_upload", args=[conference.pk]),
            {"file": builders.upload("mare.csv", _pupils(10_000))},
        )
    attendance_import = AttendanceImport.objects.get()
    preview = (attendance_import.status, dict(attendance_import.summary["counts"]))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("cohorts:import_commit", args=[attendance_import.pk]))

    attendance_import.refresh_from_db()
    assert uploaded.url == reverse("cohorts:import_detail", args=[attendance_import.pk])
    assert preview == (
        ImportStatus.PREVIEW,
        {
            "rows_read": 10_000,
            "people_created": 10_000,
            "people_matched": 0,
            "attendances_created": 10_000,
            "already_recorded": 0,
            "marked_present": 0,
            "duplicates": 0,
            "matches_to_confirm": 0,
        },
    )
    assert attendance_import.status == ImportStatus.COMMITTED
    assert attendance_import.confirmed_by == organiser
    assert (
        attendance_import.progress_step,
        attendance_import.rows_done,
        attendance_import.rows_total,
    ) == ("", 10_000, 10_000)
    assert (Person.objects.count(), Attendance.objects.count()) == (10_000, 10_000)
    assert list(
        AuditEvent.objects.filter(actor=organiser)
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["attendance_import.uploaded", "attendance_import.committed"]


def test_upload_of_a_large_file_only_stores_it_and_queues_the_reading(
    client_for,
    organiser,
    conference,
    small_threshold,
    django_capture_on_commit_callbacks,
):
    client = _in_english(client_for(organiser))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            reverse("cohorts:import_upload", args=[conference.pk]),
            {"file": builders.upload("mare.csv", _pupils(5))},
            follow=True,
        )

    attendance_import = response.context["import"]
    assert (attendance_import.status, attendance_import.rows_total) == (
        ImportStatus.QUEUED,
        6,
    )
    assert attendance_import.summary == {}
    assert len(callbacks) == 1
    assert [str(m) for m in response.context["messages"]] == [
        "The file is large: it is read in the background. This page shows how "
        "far it has got, then the preview."
    ]
    assert response.context["progress"]["running"] is True
    assert Person.objects.count() == 0


def test_reading_records_its_progress_as_it_goes(
    organiser, conference, django_capture_on_commit_callbacks, settings
):
    settings.VSFA_IMPORT_BACKGROUND_ROWS = 100
    attendance_import, _ = _queued(
        organiser, conference, 600, django_capture_on_commit_callbacks
    )

    with CaptureQueriesContext(connection) as queries:
        services.read_queued(attendance_import.pk)

    progress = [
        (match[1], int(match[2]))
        for query in queries.captured_queries
        for match in PROGRESS_WRITE.finditer(query["sql"])
    ]
    attendance_import.refresh_from_db()
    # Claimed, then every 250 rows and at the end of reading and of matching,
    # then done.
    assert progress == [
        ("", 0),
        ("reading", 250),
        ("reading", 500),
        ("reading", 600),
        ("matching", 250),
        ("matching", 500),
        ("matching", 600),
        ("", 600),
    ]
    assert (
        attendance_import.status,
        attendance_import.progress_step,
        attendance_import.rows_done,
        attendance_import.rows_total,
    ) == (ImportStatus.PREVIEW, "", 600, 600)


def test_reading_claimed_twice_runs_once(
    organiser, conference, small_threshold, django_capture_on_commit_callbacks
):
    attendance_import, _ = _queued(
        organiser, conference, 5, django_capture_on_commit_callbacks
    )

    first = services.read_queued(attendance_import.pk)
    second = services.read_queued(attendance_import.pk)
    tasks.read_import(attendance_import.pk)

    attendance_import.refresh_from_db()
    assert (first, second) == (True, False)
    assert attendance_import.status == ImportStatus.PREVIEW
    assert attendance_import.summary["counts"]["rows_read"] == 5


def test_import_claimed_twice_runs_once(
    organiser, conference, small_threshold, django_capture_on_commit_callbacks
):
    attendance_import, _ = _queued(
        organiser, conference, 5, django_capture_on_commit_callbacks
    )
    services.read_queued(attendance_import.pk)
    attendance_import.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        confirmed, accepted = services.confirm_import(
            actor=organiser, attendance_import=attendance_import
        )
    again, accepted_again = services.confirm_import(
        actor=organiser, attendance_import=attendance_import
    )

    first = services.import_queued(attendance_import.pk)
    second = services.import_queued(attendance_import.pk)
    tasks.commit_import(attendance_import.pk)

    attendance_import.refresh_from_db()
    assert (confirmed.status, accepted, len(callbacks)) == (
        ImportStatus.CONFIRMED,
        True,
        1,
    )
    assert (again.status, accepted_again) == (ImportStatus.CONFIRMED, False)
    assert (first, second) == (True, False)
    assert attendance_import.status == ImportStatus.COMMITTED
    assert (Person.objects.count(), Attendance.objects.count()) == (5, 5)
    assert AuditEvent.objects.filter(action="attendance_import.committed").count() == 1


def test_task_of_an_import_that_is_gone_does_nothing(db):
    tasks.read_import(123456)
    tasks.commit_import(123456)

    assert AttendanceImport.objects.count() == 0


def test_confirm_pressed_twice_on_a_large_import_queues_it_once(
    client_for,
    organiser,
    conference,
    small_threshold,
    django_capture_on_commit_callbacks,
):
    attendance_import, _ = _queued(
        organiser, conference, 5, django_capture_on_commit_callbacks
    )
    services.read_queued(attendance_import.pk)
    client = _in_english(client_for(organiser))
    url = reverse("cohorts:import_commit", args=[attendance_import.pk])

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = client.post(url, follow=True)
        second = client.post(url, follow=True)

    assert len(callbacks) == 1
    assert [str(m) for m in first.context["messages"]] == [
        "Confirmed: the file is imported in the background. This page shows how "
        "far it has got."
    ]
    assert [str(m) for m in second.context["messages"]] == [
        "This import was already confirmed or undone."
    ]
    assert Person.objects.count() == 0


def test_cnp_of_a_large_file_is_not_kept_once_read(
    organiser, conference, small_threshold, django_capture_on_commit_callbacks
):
    data = builders.csv_bytes(
        [
            ["Nume", "Prenume", "CNP"],
            *(["POP", f"Ana{n}", f"610031512345{n}"] for n in range(5)),
        ]
    )
    with django_capture_on_commit_callbacks(execute=False):
        attendance_import = builders.preview(
            organiser, conference, "cnp.csv", data, background=None
        )
    uploaded_name = attendance_import.file.name

    services.read_queued(attendance_import.pk)

    attendance_import.refresh_from_db()
    with attendance_import.file.open("rb") as handle:
        kept = handle.read().decode()
    assert attendance_import.file.name != uploaded_name
    assert not attendance_import.file.storage.exists(uploaded_name)
    assert "6100315" not in kept
    assert [w["code"] for w in attendance_import.summary["source"]["warnings"]] == [
        "cnp_dropped",
        "sanitised_copy",
    ]


def test_file_that_cannot_be_read_in_the_background_is_refused(
    organiser, conference, small_threshold, django_capture_on_commit_callbacks
):
    attendance_import, _ = _queued(
        organiser, conference, 5, django_capture_on_commit_callbacks
    )
    attendance_import.file.storage.delete(attendance_import.file.name)

    services.read_queued(attendance_import.pk)

    attendance_import.refresh_from_db()
    assert attendance_import.status == ImportStatus.REFUSED
    assert [e["code"] for e in attendance_import.errors] == ["processing_failed"]


def test_import_that_fails_in_the_background_waits_for_confirmation_again(
    client_for,
    organiser,
    conference,
    small_threshold,
    django_capture_on_commit_callbacks,
):
    attendance_import, _ = _queued(
        organiser, conference, 5, django_capture_on_commit_callbacks
    )
    services.read_queued(attendance_import.pk)
    attendance_import.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=False):
        services.confirm_import(actor=organiser, attendance_import=attendance_import)
    attendance_import.file.storage.delete(attendance_import.file.name)

    services.import_queued(attendance_import.pk)
    page = client_for(organiser).get(
        reverse("cohorts:import_detail", args=[attendance_import.pk])
    )

    attendance_import.refresh_from_db()
    assert attendance_import.status == ImportStatus.PREVIEW
    assert page.context["commit_failed"] is True
    assert (Person.objects.count(), Attendance.objects.count()) == (0, 0)


def test_new_options_send_a_large_file_back_to_the_worker(
    organiser, conference, small_threshold, django_capture_on_commit_callbacks
):
    attendance_import, _ = _queued(
        organiser, conference, 5, django_capture_on_commit_callbacks
    )
    services.read_queued(attendance_import.pk)
    attendance_import.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        changed = services.change_options(
            actor=organiser,
            attendance_import=attendance_import,
            order="columns_swapped",
        )

    attendance_import.refresh_from_db()
    assert changed.status == ImportStatus.QUEUED
    assert attendance_import.status == ImportStatus.PREVIEW
    assert attendance_import.summary["rows"][0]["family_name"] == "Ana Maria"


def test_command_line_imports_a_large_file_at_once(
    conference, small_threshold, tmp_path
):
    path = tmp_path / "mare.csv"
    path.write_bytes(_pupils(5))

    call_command(
        "import_attendance",
        str(conference.pk),
        str(path),
        "--commit",
        stdout=io.StringIO(),
    )

    assert AttendanceImport.objects.get().status == ImportStatus.COMMITTED
    assert Attendance.objects.count() == 5


@pytest.mark.parametrize(
    ("status", "step", "done", "expected"),
    [
        (
            ImportStatus.QUEUED,
            "",
            0,
            (True, False, "Waiting for the background worker to start."),
        ),
        (
            ImportStatus.READING,
            "reading",
            4500,
            (True, True, "Reading rows: 4,500 of 10,000"),
        ),
        (
            ImportStatus.READING,
            "matching",
            250,
            (True, True, "Matching people: 250 of 10,000"),
        ),
        (
            ImportStatus.IMPORTING,
            "saving",
            10_000,
            (True, False, "Saving people and attendances."),
        ),
        (ImportStatus.PREVIEW, "", 10_000, (False, False, "Starting.")),
    ],
)
def test_progress_endpoint_says_how_far_the_worker_has_got(
    client_for, organiser, conference, status, step, done, expected
):
    attendance_import = builders.preview(organiser, conference, "a.csv", _pupils(1))
    AttendanceImport.objects.filter(pk=attendance_import.pk).update(
        status=status, progress_step=step, rows_done=done, rows_total=10_000
    )

    response = _in_english(client_for(organiser)).get(
        reverse("cohorts:import_progress", args=[attendance_import.pk])
    )

    progress = response.json()
    assert (progress["running"], progress["determinate"], progress["label"]) == expected
    assert (progress["status"], progress["done"], progress["total"]) == (
        status,
        done,
        10_000,
    )


def test_page_of_a_running_import_refreshes_itself(
    client_for,
    organiser,
    conference,
    small_threshold,
    django_capture_on_commit_callbacks,
):
    attendance_import, _ = _queued(
        organiser, conference, 5, django_capture_on_commit_callbacks
    )

    response = client_for(organiser).get(
        reverse("cohorts:import_detail", args=[attendance_import.pk])
    )

    html = response.content.decode()
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in html
    assert 'src="/static/cohorts/import_progress.js"' in html
    assert (
        f'data-import-progress="/conferences/imports/{attendance_import.pk}/progress/"'
        in html
    )
    assert "<script>" not in html


def test_page_of_a_finished_import_does_not_refresh(client_for, organiser, conference):
    attendance_import = builders.import_now(organiser, conference, "a.csv", _pupils(2))

    response = client_for(organiser).get(
        reverse("cohorts:import_detail", args=[attendance_import.pk])
    )

    html = response.content.decode()
    assert ('http-equiv="refresh"' in html, "import_progress.js" in html) == (
        False,
        False,
    )


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_outsiders_get_404_on_the_progress(
    request, client_for, organiser, conference, persona
):
    attendance_import = builders.preview(organiser, conference, "a.csv", _pupils(1))
    user = request.getfixturevalue(persona)
    user = user.person.user if persona.endswith("participant") else user

    response = client_for(user).get(
        reverse("cohorts:import_progress", args=[attendance_import.pk])
    )

    assert response.status_code == 404


def test_anonymous_is_sent_to_sign_in_from_the_progress(
    client_for, organiser, conference
):
    attendance_import = builders.preview(organiser, conference, "a.csv", _pupils(1))
    url = reverse("cohorts:import_progress", args=[attendance_import.pk])

    response = client_for(None).get(url)

    assert (response.status_code, response.url) == (
        302,
        f"{reverse('account_login')}?next={url}",
    )


def test_services_read_a_large_file_at_once_unless_asked(
    organiser, conference, small_threshold
):
    attendance_import = builders.import_now(
        organiser, conference, "mare.csv", _pupils(5)
    )

    assert attendance_import.status == ImportStatus.COMMITTED
    assert Attendance.objects.count() == 5


def test_progress_numbers_are_grouped_as_romanian_writes_them(organiser, conference):
    attendance_import = builders.preview(organiser, conference, "a.csv", _pupils(1))
    attendance_import.status = ImportStatus.READING
    attendance_import.progress_step = "reading"
    attendance_import.rows_done, attendance_import.rows_total = 4500, 10_000

    with translation.override("ro"):
        label = selectors.progress_of(attendance_import)["label"]

    assert label.endswith("4.500 din 10.000") or label.endswith("4.500 of 10.000")
