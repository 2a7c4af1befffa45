"""``manage.py import_attendance``: preview, commit, JSON, refusals."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from cohorts.choices import ImportStatus
from cohorts.models import Attendance, AttendanceImport
from tests import factories, samples
from tests.cohorts.importing import builders
from vsfa.models import Person


@pytest.fixture
def conferences(edition):
    return builders.make_sample_conferences(edition)


def _run(*args):
    out = io.StringIO()
    call_command("import_attendance", *[str(a) for a in args], stdout=out)
    return out.getvalue()


def _sample(name):
    return samples.attendance_file(name)


def test_preview_changes_nothing(conferences):
    conference = conferences[builders.AIRINEI_FILE]

    output = _run(conference.pk, _sample(builders.AIRINEI_FILE))

    assert "rows read: 28" in output.splitlines()
    assert output.splitlines()[-1] == (
        "Preview only: nothing was saved. Run again with --commit to import."
    )
    assert (Person.objects.count(), AttendanceImport.objects.count()) == (0, 0)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            builders.AIRINEI_FILE,
            {
                "rows_read": 28,
                "people_created": 28,
                "people_matched": 0,
                "attendances_created": 28,
                "marked_present": 0,
                "matches_to_confirm": 0,
            },
        ),
        (
            builders.IULIU_MANIU_FILE,
            {
                "rows_read": 33,
                "people_created": 33,
                "people_matched": 0,
                "attendances_created": 33,
                "marked_present": 0,
                "matches_to_confirm": 0,
            },
        ),
        (
            builders.ASACHI_FILE,
            {
                "rows_read": 25,
                "people_created": 23,
                "people_matched": 0,
                "attendances_created": 23,
                "marked_present": 0,
                "matches_to_confirm": 0,
            },
        ),
    ],
)
def test_json_preview_of_each_sample(conferences, name, expected):
    output = _run(conferences[name].pk, _sample(name), "--json")

    assert json.loads(output) == {
        **expected,
        "errors": [],
        "warnings": [],
        "committed": False,
    }
    assert Person.objects.count() == 0


def test_commit_of_the_three_samples_finds_the_cross_school_match(
    conferences, organiser
):
    results = [
        json.loads(
            _run(
                conferences[name].pk,
                _sample(name),
                "--commit",
                "--json",
                "--by",
                organiser.email,
            )
        )
        for name in (
            builders.AIRINEI_FILE,
            builders.IULIU_MANIU_FILE,
            builders.ASACHI_FILE,
        )
    ]

    assert [r["committed"] for r in results] == [True, True, True]
    assert [r["rows_read"] for r in results] == [28, 33, 25]
    assert [r["matches_to_confirm"] for r in results] == [0, 0, 1]
    assert Person.objects.count() == 84
    assert Attendance.objects.count() == 84
    assert (
        list(AttendanceImport.objects.values_list("uploaded_by", flat=True))
        == [organiser.pk] * 3
    )


def test_refused_file_exits_with_status_2_and_json_errors(edition, tmp_path):
    conference = factories.make_conference(edition)
    path = tmp_path / "lista.csv"
    path.write_bytes(
        builders.csv_bytes([["Nume", "Prenume", "E-mail"], ["POP", "Ana", "ana@"]])
    )
    out = io.StringIO()

    with translation.override("en"), pytest.raises(CommandError) as refusal:
        call_command(
            "import_attendance", str(conference.pk), str(path), "--json", stdout=out
        )

    assert refusal.value.returncode == 2
    assert json.loads(out.getvalue()) == {
        "rows_read": 1,
        "people_created": 0,
        "people_matched": 0,
        "attendances_created": 0,
        "marked_present": 0,
        "matches_to_confirm": 0,
        "errors": [
            {
                "row": 2,
                "column": "E-mail",
                "value": "ana@",
                "message": "Not a valid e-mail address.",
            }
        ],
        "warnings": [],
        "committed": False,
    }
    assert AttendanceImport.objects.count() == 0


def test_commit_of_a_refused_file_keeps_only_the_refused_record(edition, tmp_path):
    conference = factories.make_conference(edition)
    path = tmp_path / "lista.csv"
    path.write_bytes(builders.csv_bytes([["Clasa"], ["X A"]]))

    with pytest.raises(CommandError):
        _run(conference.pk, path, "--commit")

    assert list(AttendanceImport.objects.values_list("status", flat=True)) == [
        ImportStatus.REFUSED
    ]
    assert Person.objects.count() == 0


def test_name_order_can_be_forced(edition, tmp_path):
    conference = factories.make_conference(edition)
    path = tmp_path / "lista.csv"
    path.write_bytes(builders.csv_bytes([["Nume și prenume"], ["Radu Matei"]]))

    _run(conference.pk, path, "--commit", "--given-name-first")

    assert list(Person.objects.values_list("given_name", "family_name")) == [
        ("Radu", "Matei")
    ]


def test_sheet_can_be_chosen(edition, tmp_path):
    import openpyxl

    conference = factories.make_conference(edition)
    workbook = openpyxl.Workbook()
    workbook.active.append(["Nume", "Prenume"])
    workbook.active.append(["POP", "Ana"])
    other = workbook.create_sheet("Clasa X")
    other.append(["Nume", "Prenume"])
    other.append(["ION", "Radu"])
    path = tmp_path / "clase.xlsx"
    workbook.save(path)

    result = json.loads(
        _run(conference.pk, path, "--sheet", "Clasa X", "--commit", "--json")
    )

    assert result["people_created"] == 1
    assert Person.objects.get().given_name == "Radu"


def test_unknown_conference_is_an_error(db, tmp_path):
    path = tmp_path / "lista.csv"
    path.write_bytes(b"Nume;Prenume\r\n")

    with pytest.raises(CommandError) as error:
        _run(999, path)

    assert str(error.value) == "No conference with id 999."
