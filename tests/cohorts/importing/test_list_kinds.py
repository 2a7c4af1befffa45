"""Lists of who registered (expected) and of who attended (present)."""

import datetime
import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from cohorts.importing import services
from cohorts.importing.choices import ListKind
from cohorts.models import Attendance
from tests import factories
from tests.cohorts.importing import builders

HEADER = ["Nume", "Prenume", "Clasa", "Data nașterii"]
REGISTERED = [
    ["POP", "Ana", "X A", "15.03.2010"],
    ["ION", "Radu", "X A", "16.03.2010"],
    ["STAN", "Maria", "X B", "17.03.2010"],
]
# Two of the three came, and one who had not registered.
ATTENDED = [
    ["Pop", "Ana", "X A", "15.03.2010"],
    ["Stan", "Maria", "X B", "17.03.2010"],
    ["Dinu", "Elena", "X B", "18.03.2010"],
]


@pytest.fixture
def conference(edition):
    return factories.make_conference(edition, date=datetime.date(2026, 10, 15))


def _import(organiser, conference, rows, list_kind):
    return builders.import_now(
        organiser,
        conference,
        "lista.csv",
        builders.csv_bytes([HEADER, *rows]),
        list_kind=list_kind,
    )


def _presence(conference):
    return sorted(
        Attendance.objects.filter(conference=conference).values_list(
            "person__given_name", "present"
        )
    )


def test_list_of_who_registered_records_them_as_expected(conference, organiser):
    attendance_import = _import(organiser, conference, REGISTERED, ListKind.REGISTERED)

    assert attendance_import.mapping["list"] == "registered"
    assert attendance_import.summary["counts"]["attendances_created"] == 3
    assert _presence(conference) == [
        ("Ana", False),
        ("Maria", False),
        ("Radu", False),
    ]


def test_list_of_who_attended_marks_the_registered_present(conference, organiser):
    _import(organiser, conference, REGISTERED, ListKind.REGISTERED)

    attended = _import(organiser, conference, ATTENDED, ListKind.ATTENDED)

    counts = attended.summary["counts"]
    assert (
        counts["people_created"],
        counts["attendances_created"],
        counts["already_recorded"],
        counts["marked_present"],
    ) == (1, 1, 2, 2)
    assert _presence(conference) == [
        ("Ana", True),
        ("Elena", True),
        ("Maria", True),
        ("Radu", False),
    ]


def test_undoing_the_list_of_who_attended_makes_them_expected_again(
    conference, organiser
):
    _import(organiser, conference, REGISTERED, ListKind.REGISTERED)
    attended = _import(organiser, conference, ATTENDED, ListKind.ATTENDED)

    undone, _ = services.undo_import(actor=organiser, attendance_import=attended)

    assert undone.summary["undo"]["presences_taken_back"] == 2
    assert _presence(conference) == [
        ("Ana", False),
        ("Maria", False),
        ("Radu", False),
    ]


def test_list_of_who_registered_never_takes_presence_away(conference, organiser):
    _import(organiser, conference, ATTENDED, ListKind.ATTENDED)

    registered = _import(organiser, conference, REGISTERED, ListKind.REGISTERED)

    assert registered.summary["counts"]["marked_present"] == 0
    assert _presence(conference) == [
        ("Ana", True),
        ("Elena", True),
        ("Maria", True),
        ("Radu", False),
    ]


def test_organiser_says_at_upload_that_the_list_is_of_who_registered(
    client_for, organiser, conference
):
    client = client_for(organiser)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.post(
        reverse("cohorts:import_upload", args=[conference.pk]),
        {
            "file": builders.upload(
                "lista.csv", builders.csv_bytes([HEADER, *REGISTERED])
            ),
            "list_kind": "registered",
        },
        follow=True,
    )
    client.post(reverse("cohorts:import_commit", args=[response.context["import"].pk]))

    assert response.context["reading"]["registered"] is True
    assert "who registered (expected)" in response.content.decode()
    assert _presence(conference) == [
        ("Ana", False),
        ("Maria", False),
        ("Radu", False),
    ]


def test_upload_form_starts_with_who_attended(client_for, organiser, conference):
    response = client_for(organiser).get(
        reverse("cohorts:import_upload", args=[conference.pk])
    )

    form = response.context["form"]
    assert (
        form["list_kind"].initial,
        [c[0] for c in form.fields["list_kind"].choices],
    ) == (
        "attended",
        ["attended", "registered"],
    )


def test_command_line_imports_a_list_of_who_registered(conference, tmp_path):
    path = tmp_path / "inscrisi.csv"
    path.write_bytes(builders.csv_bytes([HEADER, *REGISTERED]))

    call_command(
        "import_attendance",
        str(conference.pk),
        str(path),
        "--commit",
        "--registered",
        stdout=io.StringIO(),
    )

    assert _presence(conference) == [
        ("Ana", False),
        ("Maria", False),
        ("Radu", False),
    ]


def test_confirming_a_list_of_who_attended_says_who_was_marked_present(
    client_for, organiser, conference
):
    _import(organiser, conference, REGISTERED, ListKind.REGISTERED)
    attended = builders.preview(
        organiser, conference, "prezenti.csv", builders.csv_bytes([HEADER, *ATTENDED])
    )
    client = client_for(organiser)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.post(
        reverse("cohorts:import_commit", args=[attended.pk]), follow=True
    )

    assert [str(m) for m in response.context["messages"]] == [
        "Imported: 1 person created, 1 attendance recorded, 2 registered people "
        "marked present."
    ]
    assert "Registered, now marked present" in response.content.decode()
