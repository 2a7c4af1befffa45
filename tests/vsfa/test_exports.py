import datetime
import io

import openpyxl
import pytest

from vsfa import exports


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+40 722 000 000", "'+40 722 000 000"),
        ("-2", "'-2"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Ștefan", "Ștefan"),
        (None, ""),
        (7, 7),
    ],
)
def test_safe_cell_neutralises_formulas_only(value, expected):
    assert exports.safe_cell(value) == expected


def test_csv_response_has_bom_semicolons_and_safe_cells():
    response = exports.csv_response("x.csv", ["Nume", "Formula"], [["Ana", "=1+1"]])

    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    assert response.content.decode("utf-8") == "\ufeffNume;Formula\r\nAna;'=1+1\r\n"


def test_xlsx_response_keeps_dates_and_neutralises_text():
    response = exports.xlsx_response(
        "x.xlsx", [("Listă", ["Data", "Text"], [[datetime.date(2026, 10, 15), "=2"]])]
    )

    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(book["Listă"].iter_rows(values_only=True))
    assert rows == [("Data", "Text"), (datetime.datetime(2026, 10, 15), "'=2")]
