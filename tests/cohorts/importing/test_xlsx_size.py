"""Read-only sheets find their declared size without parsing their cells."""

import io
from xml.etree.ElementTree import ParseError

import openpyxl
import pytest
from openpyxl.worksheet._read_only import ReadOnlyWorksheet, read_dimension

from cohorts.importing import xlsx_size
from cohorts.importing.readers import read_book
from tests.cohorts.importing import builders

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
DECLARED = (
    f'<worksheet xmlns="{MAIN}"><dimension ref="B2:I10001"/>'
    '<sheetData><row r="2"><c r="B2"><v>1</v></c></row></sheetData></worksheet>'
)
# Cells that are not even well-formed XML: reading them would fail.
UNDECLARED_BROKEN = (
    f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1"></row></worksheet>'
)


def test_declared_size_is_openpyxls_own():
    source = DECLARED.encode()

    found = xlsx_size.declared_size(io.BytesIO(source))

    assert found == (2, 2, 9, 10001)
    assert found == read_dimension(io.BytesIO(source))


def test_a_sheet_without_a_size_is_not_parsed_past_its_head():
    source = UNDECLARED_BROKEN.encode()

    found = xlsx_size.declared_size(io.BytesIO(source))

    assert found is None
    with pytest.raises(ParseError):
        read_dimension(io.BytesIO(source))


def test_read_only_worksheets_use_it_once_django_is_ready():
    assert ReadOnlyWorksheet._get_size is xlsx_size._get_size


def test_a_streamed_workbook_is_read_whole():
    rows = [["Nume", "Prenume"], *[[f"POPESCU{n}", "Ana"] for n in range(120)]]

    book = read_book(builders.streamed_workbook(rows))

    assert book.sheets[0].rows == rows


def test_a_declared_size_still_bounds_the_sheet():
    workbook = openpyxl.Workbook()
    workbook.active.append(["Nume", "Prenume"])
    workbook.active.append(["POPESCU", "Ana"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    sheet = openpyxl.load_workbook(buffer, read_only=True).active

    assert (sheet.min_row, sheet.max_row, sheet.min_column, sheet.max_column) == (
        1,
        2,
        1,
        2,
    )
