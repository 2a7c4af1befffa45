"""Each shape a school's file arrives in, as a small fixture, read row by row.

The same three pupils travel through every shape; each file must give them
back exactly, whatever its encoding, separator, headers, name columns, dates
and cell types. Shapes that cannot be read right are refused with every
problem listed.
"""

import datetime
import io
import unicodedata

import openpyxl
import pytest
from openpyxl.styles import PatternFill

from cohorts.choices import ImportStatus
from tests import factories
from tests.cohorts.importing import builders
from tests.cohorts.importing.xls import xls_bytes
from vsfa.choices import Gender

# (family name, given name, class, date of birth, phone, e-mail, gender,
#  photo consent) as every shape must give them.
EXPECTED = [
    (
        "Șerban",
        "Ștefan",
        "X A",
        "2010-03-15",
        "+40 734 062 800",
        "stefan.serban@exemplu.ro",
        Gender.MALE,
        True,
    ),
    (
        "Lăzărescu-Ene",
        "Ana Maria",
        "XI B",
        "2009-12-31",
        "+40 721 000 111",
        "",
        Gender.FEMALE,
        False,
    ),
    ("Popa", "Ioana", "IX C", "2011-01-05", "", "ioana.popa@exemplu.ro", "", None),
]

RO_HEADER = [
    "Nume",
    "Prenume",
    "Clasa",
    "Data nașterii",
    "Telefon",
    "E-mail",
    "Sex",
    "Acord foto",
]
# Family names in capitals, as class lists have them.
PUPILS = [
    [
        "ȘERBAN",
        "Ștefan",
        "X A",
        "15.03.2010",
        "0734062800",
        "stefan.serban@exemplu.ro",
        "M",
        "DA",
    ],
    ["LĂZĂRESCU-ENE", "Ana Maria", "XI B", "31.12.2009", "0721 000 111", "", "F", "nu"],
    ["POPA", "Ioana", "IX C", "05.01.2011", "", "IOANA.POPA@exemplu.ro", "", ""],
]
# Excel's serial numbers of the three dates of birth.
SERIALS = [40252, 40178, 40548]


def _text(rows, *, separator=";", encoding="utf-8"):
    return builders.csv_bytes(rows, separator=separator, encoding=encoding)


def _with_dates(separator):
    return [
        [*pupil[:3], pupil[3].replace(".", separator), *pupil[4:]] for pupil in PUPILS
    ]


def _cedilla(text):
    return text.translate(str.maketrans("șțȘȚ", "şţŞŢ"))


def _reordered(order, header, pupils):
    return [[header[i] for i in order], *([p[i] for i in order] for p in pupils)]


def _one_name_column(names):
    header = ["Nume și prenume", *RO_HEADER[2:]]
    return [
        header,
        *([name, *pupil[2:]] for name, pupil in zip(names, PUPILS, strict=True)),
    ]


def _workbook(sheets, *, formatted_rows=0):
    """XLSX bytes; ``formatted_rows`` empty but filled rows below the last sheet."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        worksheet = workbook.create_sheet(title)
        for row in rows:
            worksheet.append(row)
    fill = PatternFill("solid", fgColor="FFFF00")
    for _ in range(formatted_rows):
        worksheet.cell(row=worksheet.max_row + 1, column=1).fill = fill
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _spreadsheet_pupils(dates, phones):
    """The pupils as a spreadsheet holds them: real dates, number phones."""
    return [
        [*pupil[:3], date, phone, *pupil[5:]]
        for pupil, date, phone in zip(PUPILS, dates, phones, strict=True)
    ]


REAL_DATES = [
    datetime.datetime(2010, 3, 15),
    datetime.datetime(2009, 12, 31),
    datetime.datetime(2011, 1, 5),
]
# Typed as numbers: Excel dropped the leading 0, or kept 40 without its +.
NUMBER_PHONES = [734062800, 40721000111, None]

# name: (file bytes, file row of the first pupil, options of the import)
SHAPES = {
    "utf-8, commas": (_text([RO_HEADER, *PUPILS], separator=","), 2, {}),
    "utf-8 with BOM, semicolons, slashes in dates": (
        _text([RO_HEADER, *_with_dates("/")], encoding="utf-8-sig"),
        2,
        {},
    ),
    "utf-16 tab-separated (Excel's Unicode text), dashes in dates": (
        _text([RO_HEADER, *_with_dates("-")], separator="\t", encoding="utf-16"),
        2,
        {},
    ),
    "utf-16 without BOM": (
        _text([RO_HEADER, *PUPILS], separator="\t", encoding="utf-16-le"),
        2,
        {},
    ),
    "code page 1250 with cedilla letters": (
        _text(
            [[_cedilla(c) for c in row] for row in [RO_HEADER, *PUPILS]],
            encoding="cp1250",
        ),
        2,
        {},
    ),
    "decomposed letters (NFD)": (
        _text(
            [
                [unicodedata.normalize("NFD", c) for c in row]
                for row in [RO_HEADER, *PUPILS]
            ]
        ),
        2,
        {},
    ),
    "English headers in another order": (
        _text(
            _reordered(
                [5, 2, 0, 1, 3, 6, 7, 4],
                [
                    "First name",
                    "Last name",
                    "Class",
                    "Date of birth",
                    "Phone",
                    "Email",
                    "Gender",
                    "Photo consent",
                ],
                [[p[1], p[0], *p[2:]] for p in PUPILS],
            ),
            separator=",",
        ),
        2,
        {},
    ),
    "Romanian headers in capitals without diacritics": (
        _text(
            [
                [
                    "NUME",
                    "PRENUME",
                    "CLASA",
                    "DATA NASTERII",
                    "TELEFON",
                    "EMAIL",
                    "GEN",
                    "ACORD POZE",
                ],
                *PUPILS,
            ]
        ),
        2,
        {},
    ),
    "one name column, family name in capitals": (
        _text(
            _one_name_column(["ȘERBAN Ștefan", "Ana Maria LĂZĂRESCU-ENE", "POPA Ioana"])
        ),
        2,
        {},
    ),
    "one name column, family name first": (
        _text(
            _one_name_column(["Șerban Ștefan", "Lăzărescu-Ene Ana Maria", "Popa Ioana"])
        ),
        2,
        {},
    ),
    "one name column, given name first": (
        _text(
            _one_name_column(["Ștefan Șerban", "Ana Maria Lăzărescu-Ene", "Ioana Popa"])
        ),
        2,
        {},
    ),
    "a row number and a CNP column": (
        _text(
            [
                ["Nr. crt.", *RO_HEADER, "CNP"],
                *(
                    [str(number), *pupil, cnp]
                    for number, pupil, cnp in zip(
                        (1, 2, 3),
                        PUPILS,
                        ("5100315123456", "6091231123456", "6110105123456"),
                        strict=True,
                    )
                ),
            ]
        ),
        2,
        {},
    ),
    "workbook with a title, a blank row and formatted rows below": (
        _workbook(
            {
                "Prezență": [
                    ["Lista elevilor prezenți la conferință"],
                    [],
                    RO_HEADER,
                    *_spreadsheet_pupils(REAL_DATES, NUMBER_PHONES),
                ]
            },
            formatted_rows=300,
        ),
        4,
        {},
    ),
    "workbook with date serials and phones as text": (
        _workbook(
            {
                "Sheet1": [
                    RO_HEADER,
                    *_spreadsheet_pupils(
                        SERIALS, ["0734 062 800", "+40 721 000 111", None]
                    ),
                ]
            }
        ),
        2,
        {},
    ),
    "workbook whose second sheet the organiser picks": (
        _workbook(
            {
                "Înscriși": [RO_HEADER, ["POP", "Dan", "X A", "", "", "", "M", ""]],
                "Prezenți": [
                    RO_HEADER,
                    *_spreadsheet_pupils(REAL_DATES, NUMBER_PHONES),
                ],
            }
        ),
        2,
        {"sheet": "Prezenți"},
    ),
    "Excel 97 workbook": (
        xls_bytes(
            {
                "Foaie1": [
                    ["Prezența la conferință"],
                    RO_HEADER,
                    *(
                        [c if c is not None else "" for c in row]
                        for row in _spreadsheet_pupils(SERIALS, NUMBER_PHONES)
                    ),
                ]
            }
        ),
        3,
        {},
    ),
}


@pytest.fixture
def conference(edition):
    return factories.make_conference(edition, date=datetime.date(2026, 10, 15))


@pytest.mark.parametrize("shape", SHAPES)
def test_every_shape_gives_the_same_pupils_row_by_row(conference, organiser, shape):
    data, first_row, options = SHAPES[shape]

    attendance_import = builders.preview(
        organiser, conference, "lista", data, **options
    )

    assert attendance_import.errors == []
    assert attendance_import.status == ImportStatus.PREVIEW
    assert [
        (
            row["row"],
            row["family_name"],
            row["given_name"],
            row["class_name"],
            row["birth_date"],
            row["phone"],
            row["email"],
            row["gender"],
            row["photo_consent"],
            row["action"],
        )
        for row in attendance_import.summary["rows"]
    ] == [
        (first_row + index, *expected, "new") for index, expected in enumerate(EXPECTED)
    ]


def test_ages_with_decimal_commas_are_read_as_whole_years(conference, organiser):
    data = _text(
        [
            [_cedilla(cell) for cell in row]
            for row in [
                ["Nume și prenume", "Clasa", "Vârsta", "Media"],
                ["Ștefan Șerban", "X A", "16,0", "9,50"],
                ["Ana Maria Lăzărescu-Ene", "XI B", "17", "8,25"],
                ["Ioana Popa", "IX C", "15,0", "10,00"],
            ]
        ],
        encoding="cp1250",
    )

    attendance_import = builders.preview(organiser, conference, "lista", data)

    assert attendance_import.summary["source"]["separator"] == ";"
    assert [
        (row["row"], row["given_name"], row["family_name"], row["declared_age"])
        for row in attendance_import.summary["rows"]
    ] == [
        (2, "Ștefan", "Șerban", 16),
        (3, "Ana Maria", "Lăzărescu-Ene", 17),
        (4, "Ioana", "Popa", 15),
    ]


def test_refused_shape_lists_every_problem_row_by_row(conference, organiser):
    data = _text(
        [
            RO_HEADER,
            ["ȘERBAN", "Ștefan", "X A", "31.02.2010", "0734062800", "", "M", "DA"],
            ["POPA", "Ioana", "IX C", "05.01.11", "", "", "F", ""],
            ["ION", "Radu", "IX C", "12/31/2010", "12345", "radu@", "X", "poate"],
            ["", "", "IX C", "05.01.2011", "", "", "", ""],
            ["STAN", "Maria", "IX C", "16,5", "", "", "", ""],
        ]
    )

    attendance_import = builders.preview(organiser, conference, "lista", data)

    assert attendance_import.status == ImportStatus.REFUSED
    assert [
        (error["row"], error["column"], error["value"], error["code"])
        for error in attendance_import.errors
    ] == [
        (2, "Data nașterii", "31.02.2010", "date_impossible"),
        (3, "Data nașterii", "05.01.11", "date_two_digit_year"),
        (4, "Data nașterii", "12/31/2010", "date_impossible"),
        (4, "Telefon", "12345", "phone_invalid"),
        (4, "E-mail", "radu@", "email_invalid"),
        (4, "Sex", "X", "gender_unknown"),
        (4, "Acord foto", "poate", "consent_unknown"),
        (5, "Nume", "", "name_missing"),
        (6, "Data nașterii", "16,5", "date_format"),
    ]


def test_unrecognised_headers_are_refused_with_what_was_found(conference, organiser):
    data = _text([["Cine", "Unde"], ["Șerban Ștefan", "X A"]])

    attendance_import = builders.preview(organiser, conference, "lista", data)

    assert (attendance_import.status, attendance_import.errors) == (
        ImportStatus.REFUSED,
        [
            {
                "row": None,
                "column": "",
                "value": "",
                "code": "no_header",
                "params": {"headers": "Cine, Unde"},
            }
        ],
    )
