"""The one rule for a date of birth, and the import's row errors from it."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from cohorts.importing import messages
from cohorts.importing.normalise import CellError, check_birth_date
from tests import factories
from tests.cohorts.importing import builders

TODAY = datetime.date(2026, 12, 4)
CONFERENCE = datetime.date(2025, 11, 10)
HEADER = ["Nume", "Prenume", "Clasa", "Data nașterii"]


@pytest.mark.parametrize(
    ("birth_date", "on"),
    [
        # Ten on the day of the conference, and thirty the day before turning 31.
        (datetime.date(2015, 11, 10), CONFERENCE),
        (datetime.date(1994, 11, 11), CONFERENCE),
        # No event: only today bounds it.
        (TODAY, None),
        (datetime.date(1940, 2, 3), None),
    ],
)
def test_dates_within_the_bounds_are_accepted(birth_date, on):
    assert check_birth_date(birth_date, today=TODAY, on=on) is None


@pytest.mark.parametrize(
    ("birth_date", "on", "code", "params"),
    [
        (datetime.date(2031, 2, 3), CONFERENCE, "birth_date_future", {}),
        (TODAY + datetime.timedelta(days=1), None, "birth_date_future", {}),
        (datetime.date(2026, 1, 5), CONFERENCE, "birth_date_after_conference", {}),
        (CONFERENCE, CONFERENCE, "too_young", {"age": 10}),
        (datetime.date(2015, 11, 11), CONFERENCE, "too_young", {"age": 10}),
        (datetime.date(1994, 11, 10), CONFERENCE, "too_old", {"age": 30}),
        (datetime.date(1940, 2, 3), CONFERENCE, "too_old", {"age": 30}),
    ],
)
def test_dates_outside_the_bounds_are_refused(birth_date, on, code, params):
    with pytest.raises(CellError) as raised:
        check_birth_date(birth_date, today=TODAY, on=on)

    assert (raised.value.code, raised.value.params) == (code, params)


@pytest.mark.parametrize(
    ("code", "applicant", "expected"),
    [
        ("birth_date_future", False, "Data nașterii este în viitor."),
        (
            "birth_date_after_conference",
            False,
            "Data nașterii este ulterioară datei conferinței.",
        ),
        ("too_young", False, "Sub 10 ani la data conferinței."),
        (
            "too_young",
            True,
            "Verificați data nașterii: aceasta indică o vârstă sub 10 ani.",
        ),
        (
            "too_old",
            True,
            "Verificați data nașterii: aceasta indică o vârstă de peste 30 de ani.",
        ),
    ],
)
def test_the_refusals_read_in_romanian(code, applicant, expected):
    params = {"age": 30 if code == "too_old" else 10} if "too" in code else {}

    text = messages.birth_date_text(CellError(code, **params), applicant=applicant)

    assert text == expected


@pytest.mark.django_db
def test_import_names_the_row_and_column_of_each_refused_birth_date(edition, organiser):
    conference = factories.make_conference(edition, date=CONFERENCE)
    data = builders.csv_bytes(
        [
            HEADER,
            ["POPESCU", "Ana", "X A", "15.03.2010"],
            ["IONESCU", "Radu", "X B", "03.02.2031"],
            ["STAN", "Ion", "X C", "03.02.1940"],
            ["STAN", "Maria", "X C", "05.01.2026"],
        ]
    )

    attendance_import = builders.preview(organiser, conference, "lista.csv", data)

    assert [
        (e["row"], e["column"], e["value"], e["code"], e["params"])
        for e in attendance_import.errors
    ] == [
        (3, "Data nașterii", "03.02.2031", "birth_date_future", {}),
        (4, "Data nașterii", "03.02.1940", "too_old", {"age": 30}),
        (5, "Data nașterii", "05.01.2026", "birth_date_after_conference", {}),
    ]


@pytest.mark.django_db
def test_command_line_import_names_the_row_and_column(edition, tmp_path):
    conference = factories.make_conference(edition, date=CONFERENCE)
    path = tmp_path / "lista.csv"
    path.write_bytes(
        builders.csv_bytes([HEADER, ["IONESCU", "Radu", "X B", "03.02.2031"]])
    )
    out = io.StringIO()

    with translation.override("ro"), pytest.raises(CommandError):
        call_command("import_attendance", str(conference.pk), str(path), stdout=out)

    assert (
        "row 2, Data nașterii: '03.02.2031': Data nașterii este în viitor."
        in out.getvalue().splitlines()
    )
