"""Downloads never carry a formula a spreadsheet would run (CSV injection).

A pupil's name typed as ``=HYPERLINK(...)`` on a school's list or the public
form reaches the organisers' spreadsheets: every export must hand it over as
text. Tried through a real download, as CSV and XLSX.
"""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from tests import factories
from tests.cohorts import builders as cohort_builders

pytestmark = pytest.mark.django_db

FORMULAS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]


@pytest.fixture
def conference(edition):
    conference = factories.make_conference(edition)
    for number, formula in enumerate(FORMULAS):
        cohort_builders.attend(
            conference, given_name=formula, family_name=f"Elev{number}"
        )
    return conference


def _cells(response, file_format):
    content = b"".join(response) if response.streaming else response.content
    if file_format == "csv":
        text = content.decode("utf-8-sig")
        return {
            cell for row in csv.reader(io.StringIO(text), delimiter=";") for cell in row
        }
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    return {
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if isinstance(cell, str)
    }


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_conference_attendance_download_neutralises_formulas(
    client_for, organiser, conference, file_format
):
    url = reverse(
        "cohorts:export_conference_attendance",
        kwargs={"pk": conference.pk, "file_format": file_format},
    )

    cells = _cells(client_for(organiser).get(url), file_format)

    dangerous = {
        cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    }
    assert dangerous == set()
    assert {cell for cell in cells if cell.startswith("'")} >= {
        "'" + formula for formula in FORMULAS if not formula.startswith(("\t", "\r"))
    }
