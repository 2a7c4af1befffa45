"""File shapes: encodings, separators, workbooks, decided by content."""

import datetime
import io

import openpyxl
import pytest

from cohorts.choices import ImportStatus
from cohorts.importing import readers
from cohorts.importing.readers import (
    EMPTY_RUN_LIMIT,
    UnreadableFile,
    decode_text,
    detect_separator,
    read_book,
)
from tests import factories
from tests.cohorts.importing import builders
from tests.cohorts.importing.xls import xls_bytes
from vsfa.text import canonical

HEADER = ["Nume", "Prenume", "Clasa", "Data nașterii"]
PUPIL = ["ȘERBAN", "Ștefan", "X A", "15.03.2008"]


def _text(rows, separator):
    return "\r\n".join(separator.join(row) for row in rows) + "\r\n"


def _workbook(sheets):
    """XLSX bytes from {sheet title: rows}."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        worksheet = workbook.create_sheet(title)
        for row in rows:
            worksheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "encoding", "separator"),
    [
        (_text([HEADER, PUPIL], ";").encode("utf-8"), "UTF-8", ";"),
        (_text([HEADER, PUPIL], ",").encode("utf-8-sig"), "UTF-8 (BOM)", ","),
        (_text([HEADER, PUPIL], "\t").encode("utf-16"), "UTF-16", "\t"),
        (_text([HEADER, PUPIL], "\t").encode("utf-16-le"), "UTF-16", "\t"),
        (
            _text(
                [
                    ["Nume", "Prenume", "Clasa", "Data naşterii"],
                    ["ŞERBAN", "Ştefan", "X A", "15.03.2008"],
                ],
                ";",
            ).encode("cp1250"),
            "Windows-1250",
            ";",
        ),
    ],
)
def test_text_files_are_decoded_and_split(data, encoding, separator):
    book = read_book(data)

    assert (book.kind, book.encoding, book.separator) == ("text", encoding, separator)
    assert [canonical(cell) for cell in book.sheets[0].rows[1]] == PUPIL


def test_code_page_1250_is_preferred_to_iso_8859_2():
    data = "Liceul „Iuliu Maniu”;Ţ".encode("cp1250")

    text, encoding = decode_text(data)

    assert (text, encoding) == ("Liceul „Iuliu Maniu”;Ţ", "Windows-1250")


def test_quoted_fields_keep_their_separators():
    data = b'Nume,Acord\r\n"Popescu, Ana","Da, sunt de acord"\r\n'

    book = read_book(data)

    assert book.sheets[0].rows == [
        ["Nume", "Acord"],
        ["Popescu, Ana", "Da, sunt de acord"],
    ]


@pytest.mark.parametrize(
    ("text", "separator"),
    [
        ("Nume;Medie;Clasa\nPopescu Ana;9,50;X A\nIon Radu;8,25;X B\n", ";"),
        # Every pupil line has as many decimal commas as the table has columns.
        ("Nume;Vârsta\nPopescu Ana;16,0\nIon Radu;17,0\n", ";"),
        ("Nume și prenume\tVârsta\nPopescu Ana\t16,0\nIon Radu\t17,0\n", "\t"),
        # A title with a comma above a two-column tab table of decimals.
        (
            "Prezență, 15.10.2026\nNume\tVârsta\nPop Ana\t16,0\nIon Radu\t17,0\n",
            "\t",
        ),
        ('Nume,Vârsta\nPopescu Ana,"16,0"\nIon Radu,"17,5"\n', ","),
        ("Nr,Nume,Prenume,Varsta\n1,Pop,Ana,16\n2,Ion,Radu,17\n", ","),
    ],
)
def test_decimal_commas_do_not_pass_for_separators(text, separator):
    assert detect_separator(text) == separator


def test_decimal_commas_stay_inside_their_cells():
    data = "Nume;Prenume;Vârsta\r\nPOP;Ana;16,0\r\n".encode("cp1250")

    book = read_book(data)

    assert (book.separator, book.sheets[0].rows) == (
        ";",
        [["Nume", "Prenume", "Vârsta"], ["POP", "Ana", "16,0"]],
    )


def test_workbook_reads_every_sheet_with_dates_and_numbers():
    data = _workbook(
        {
            "Note": [["Doar note"]],
            "Elevi": [
                ["Lista elevilor"],
                [],
                HEADER + ["Telefon"],
                ["Popescu", "Ana", "X A", datetime.datetime(2008, 3, 15), 734062800],
            ],
        }
    )

    book = read_book(data)

    assert (book.kind, [sheet.name for sheet in book.sheets]) == (
        "xlsx",
        ["Note", "Elevi"],
    )
    assert book.sheet("Elevi").rows == [
        ["Lista elevilor"],
        [],
        HEADER + ["Telefon"],
        ["Popescu", "Ana", "X A", datetime.datetime(2008, 3, 15), 734062800],
    ]


def test_workbook_stops_after_a_long_run_of_empty_rows():
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.append(HEADER)
    worksheet.append(PUPIL)
    # Formatting without values far below the table, as Excel leaves it.
    for row in range(3, 5000):
        worksheet.cell(row=row, column=1).number_format = "@"
    worksheet.cell(row=5000, column=1, value="far away")
    buffer = io.BytesIO()
    workbook.save(buffer)

    book = read_book(buffer.getvalue())

    assert book.sheets[0].rows == [HEADER, PUPIL]
    assert EMPTY_RUN_LIMIT == 50


def test_format_is_decided_by_content_not_by_name():
    data = _workbook({"Elevi": [HEADER, PUPIL]})

    book = read_book(data)

    assert book.kind == "xlsx"


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04 not really a zip",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 broken compound file",
        bytes(range(1, 32)) * 20,
    ],
)
def test_unreadable_files_are_refused(data):
    with pytest.raises(UnreadableFile) as refusal:
        read_book(data)

    assert refusal.value.code == "file_unreadable"


def test_empty_file_is_refused():
    with pytest.raises(UnreadableFile) as refusal:
        read_book(b"")

    assert refusal.value.code == "file_empty"


def test_excel_97_workbook_is_read_with_numbers_as_integers():
    data = xls_bytes(
        {
            "Instrucțiuni": [["Completați foaia Elevi"]],
            "Elevi": [
                ["Nume", "Prenume", "Data nașterii", "Telefon"],
                ["ŞERBAN", "Ştefan", 39522, 734062800],
            ],
        }
    )

    book = read_book(data)

    assert (book.kind, [sheet.name for sheet in book.sheets]) == (
        "xls",
        ["Instrucțiuni", "Elevi"],
    )
    assert book.sheet("Elevi").rows == [
        ["Nume", "Prenume", "Data nașterii", "Telefon"],
        ["ŞERBAN", "Ştefan", 39522, 734062800],
    ]


def test_a_file_read_twice_gives_each_caller_its_own_cells():
    data = _text([HEADER, PUPIL], ";").encode()
    first = read_book(data)
    first.sheets[0].rows[1][0] = "ȘTERS"

    second = read_book(data)

    assert second.sheets[0].rows == [HEADER, PUPIL]
    assert second is not first


def test_a_file_is_kept_in_memory_only_for_a_while(monkeypatch):
    data = _text([HEADER, PUPIL], ";").encode()
    read_book(data)
    kept = readers._last_read[1]
    monkeypatch.setattr(readers, "KEEP_SECONDS", -1)

    read_book(data)

    assert readers._last_read[1] is not kept


def test_forgetting_drops_the_file_kept_in_memory():
    read_book(_text([HEADER, PUPIL], ";").encode())

    readers.forget()

    assert readers._last_read[:2] == (None, None)


@pytest.mark.django_db
def test_a_committed_import_is_not_kept_in_memory(
    edition, organiser, django_capture_on_commit_callbacks
):
    conference = factories.make_conference(edition)
    data = builders.csv_bytes([HEADER, PUPIL])

    with django_capture_on_commit_callbacks(execute=True):
        builders.import_now(organiser, conference, "10A.csv", data)

    assert readers._last_read[:2] == (None, None)


@pytest.mark.django_db
def test_a_refused_file_is_not_kept_in_memory(edition, organiser):
    conference = factories.make_conference(edition)

    refused = builders.preview(
        organiser, conference, "10A.csv", builders.csv_bytes([["Oraș"], ["Iași"]])
    )

    assert refused.status == ImportStatus.REFUSED
    assert readers._last_read[:2] == (None, None)


# The row estimate that decides whether a file is read in the background


def _sized_workbook(write_only=False, sheets=((5, "Prezență"), (1, "Note"))):
    workbook = openpyxl.Workbook(write_only=write_only)
    if not write_only:
        workbook.remove(workbook.active)
    for rows, title in sheets:
        sheet = workbook.create_sheet(title)
        for number in range(rows):
            sheet.append([f"Elev {number}", "X A"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_a_workbook_is_estimated_by_the_largest_size_its_sheets_declare():
    data = _sized_workbook(sheets=((5, "Prezență"), (1, "Note"), (12, "Arhivă")))

    estimate = readers.estimate_rows(data)

    read_only = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    assert estimate == max(sheet.max_row for sheet in read_only.worksheets) == 12


def test_a_workbook_written_as_a_stream_is_estimated_by_its_size():
    data = _sized_workbook(write_only=True)

    estimate = readers.estimate_rows(data)

    assert estimate == len(data) // 20


def test_a_damaged_workbook_is_estimated_at_nothing():
    data = readers.XLSX_MAGIC + b"not a zip at all"

    estimate = readers.estimate_rows(data)

    assert estimate == 0


class _Counted:
    """A computation that returns how many times it has run."""

    def __init__(self, during=None):
        self.runs = 0
        self.during = during

    def __call__(self):
        self.runs += 1
        if self.during is not None:
            self.during()
        return self.runs


KEPT = _text([HEADER, PUPIL], ";").encode("utf-8")
OTHER = _text([HEADER, PUPIL, PUPIL], ";").encode("utf-8")


def test_what_is_worked_out_from_the_kept_file_is_worked_out_once_per_key():
    read_book(KEPT)
    compute = _Counted()

    first = readers.kept(KEPT, "rows", compute)
    again = readers.kept(KEPT, "rows", compute)
    other_key = readers.kept(KEPT, "sheets", compute)
    first_key_again = readers.kept(KEPT, "rows", compute)

    assert (first, again, other_key, first_key_again) == (1, 1, 2, 3)


def test_another_file_is_worked_out_each_time_and_forget_drops_what_was_kept():
    read_book(KEPT)
    compute = _Counted()

    readers.kept(KEPT, "rows", compute)
    readers.kept(OTHER, "rows", compute)
    readers.kept(OTHER, "rows", compute)
    readers.forget()
    after_forget = readers.kept(KEPT, "rows", compute)

    assert after_forget == 4


def test_nothing_is_reused_after_the_keeping_time(monkeypatch):
    read_book(KEPT)
    compute = _Counted()
    readers.kept(KEPT, "rows", compute)
    monkeypatch.setattr(readers, "KEEP_SECONDS", -1)

    later = readers.kept(KEPT, "rows", compute)

    assert later == 2


def test_a_value_is_not_kept_for_a_file_replaced_while_it_was_worked_out():
    read_book(KEPT)
    # Another request reads another file while this value is worked out.
    compute = _Counted(during=lambda: read_book(OTHER))

    value = readers.kept(KEPT, "rows", compute)

    assert value == 1
    # Nothing worked out from the replaced list of pupils stays in memory.
    assert readers._derived == (None, None, None)


def _with_bad_checksum(data):
    """``data`` (a zip of stored parts) with one letter of its last pupil
    changed, leaving the part's recorded checksum as it was: the checksum
    fails only once the sheet is read to its end."""
    at = data.rindex(b"POPA")
    return data[:at] + b"X" + data[at + 1 :]


DAMAGED_ROW = [HEADER, ["POPA", "Ana", "X A", "15.03.2008"]]


@pytest.mark.parametrize(
    "damaged",
    [
        pytest.param(
            builders.with_sheet_changed(
                builders.streamed_workbook(DAMAGED_ROW),
                lambda xml: xml.replace(b"</row>", b"", 1),
            ),
            id="broken-xml-no-declared-size",
        ),
        pytest.param(
            builders.with_sheet_changed(
                _workbook({"Elevi": DAMAGED_ROW}),
                lambda xml: xml.replace(b"</row>", b"", 1),
            ),
            id="broken-xml-declared-size",
        ),
        pytest.param(
            _with_bad_checksum(
                builders.with_sheet_changed(
                    builders.streamed_workbook([HEADER, *[DAMAGED_ROW[1]] * 2000]),
                    bytes,
                    stored=True,
                )
            ),
            id="bad-checksum",
        ),
    ],
)
def test_a_workbook_whose_sheet_is_damaged_is_refused(damaged):
    with pytest.raises(UnreadableFile) as refusal:
        read_book(damaged)

    assert refusal.value.code == "file_unreadable"


def test_an_excel_97_workbook_whose_sheet_is_damaged_is_refused():
    data = xls_bytes({"Elevi": [HEADER, PUPIL]})
    # The sheet's own start record, which xlrd reads only when the sheet is.
    at = data.index(b"\x09\x08", data.index(b"\x09\x08") + 1)
    damaged = data[:at] + b"\xff\xff\xff\xff" + data[at + 4 :]

    with pytest.raises(UnreadableFile) as refusal:
        read_book(damaged)

    assert refusal.value.code == "file_unreadable"
