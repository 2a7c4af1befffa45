"""Bytes of an uploaded file to sheets of rows of cells.

The format is decided by the content, never by the file name: schools rename
files, and Excel happily saves a text file as ``.xls``. Cells come back as
Python values (text, numbers, datetimes) or None; interpreting them is the
parser's job.
"""

import codecs
import csv
import hashlib
import io
import logging
import re
import threading
import time
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field

logger = logging.getLogger(__name__)

# A formatted but empty region below a table can span a million rows; after
# this many empty rows in a row the table is over.
EMPTY_RUN_LIMIT = 50
# Cells beyond this column are never read (formatting can reach column XFD).
MAX_COLUMNS = 60
MAX_ROWS = 20_000

XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# In order of preference when two split the lines equally well.
SEPARATORS = [";", "\t", ","]


class UnreadableFile(Exception):
    """The bytes are not a spreadsheet or a text table; ``code`` says why."""

    def __init__(self, code, **params):
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass
class Sheet:
    name: str
    # rows[0] is the file's row 1; trailing empty cells are trimmed.
    rows: list = field(default_factory=list)


@dataclass
class Book:
    kind: str  # "xlsx", "xls" or "text"
    sheets: list
    encoding: str = ""
    separator: str = ""

    def sheet(self, name):
        for sheet in self.sheets:
            if sheet.name == name:
                return sheet
        return None


# The upload page reads a file for its preview and, moments later, the same
# bytes again to confirm it (a large workbook takes seconds to read): the
# last file read is kept, by its digest, so that the second reading is a
# copy when the same process does both; so is the last thing worked out from
# it (``kept``). It is a list of pupils: it is kept for KEEP_SECONDS at
# most, and dropped (``forget``) once an import is committed, cancelled or
# refused, so that no process holds it for long. Web and worker threads
# share it: the lock keeps the file and what is worked out from it together.
KEEP_SECONDS = 600
_lock = threading.Lock()
_last_read = (None, None, 0.0)
# (digest, key, value): the last value worked out from the kept file.
_derived = (None, None, None)


def forget():
    """Drop the file kept by :func:`read_book` and what was worked out from it."""
    global _last_read, _derived
    with _lock:
        _last_read = (None, None, 0.0)
        _derived = (None, None, None)


def _fresh(digest):
    """Whether the kept file is ``digest`` and young enough (lock held)."""
    known, _book, read_at = _last_read
    return known == digest and time.monotonic() - read_at <= KEEP_SECONDS


def read_book(data):
    """Read ``data`` (bytes) into a :class:`Book`, or raise UnreadableFile.

    The book is the caller's own: changing its cells changes no other.
    """
    global _last_read, _derived
    if not data:
        raise UnreadableFile("file_empty")
    digest = hashlib.sha256(data).digest()
    with _lock:
        book = _last_read[1] if _fresh(digest) else None
    if book is None:
        forget()
        book = _read(data)
        with _lock:
            _last_read = (digest, book, time.monotonic())
            _derived = (None, None, None)
    return _copy(book)


def kept(data, key, compute):
    """``compute()`` for the file ``data``, worked out once while it is kept.

    ``key`` (hashable) names everything besides the file that the result
    depends on; only the last key's value is kept. The value is shared by
    every caller with the same file and key: it must not be changed. A file
    that is not the one kept is not kept because of this: ``compute()`` is
    simply called.
    """
    global _derived
    digest = hashlib.sha256(data).digest()
    with _lock:
        if _fresh(digest) and _derived[:2] == (digest, key):
            return _derived[2]
    value = compute()
    with _lock:
        # Another thread may have read another file meanwhile: then this
        # value is not kept for a file that is no longer there.
        if _fresh(digest):
            _derived = (digest, key, value)
    return value


def _read(data):
    if data.startswith(XLSX_MAGIC):
        return _read_xlsx(data)
    if data.startswith(XLS_MAGIC):
        return _read_xls(data)
    return _read_text(data)


def _copy(book):
    # Cells are immutable values: copying the rows is enough.
    sheets = [
        Sheet(name=s.name, rows=[list(row) for row in s.rows]) for s in book.sheets
    ]
    return Book(
        kind=book.kind,
        sheets=sheets,
        encoding=book.encoding,
        separator=book.separator,
    )


# Bytes per row of a compressed workbook, for one that does not say its size.
_XLSX_BYTES_PER_ROW = 20


def estimate_rows(data):
    """About how many rows the file has, without reading its cells.

    Decides whether a file is read in the background, so it must be cheap and
    may overestimate: a text file's line breaks, or the size each workbook
    sheet declares (formatting left below a table counts too).
    """
    if data.startswith(XLSX_MAGIC):
        return _estimate_xlsx(data)
    if data.startswith(XLS_MAGIC):
        return _estimate_xls(data)
    # In UTF-16 a line break is still one 0x0A byte.
    return data.count(b"\n") + (0 if data.endswith(b"\n") else 1)


# The ``<dimension ref="A1:I10001"/>`` a worksheet may declare before its cells.
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="[A-Z]*\d*:?[A-Z]*(\d+)"')
_SHEET_DATA = re.compile(rb"<(?:\w+:)?sheetData\b")
# The part of a worksheet before its cells: the dimension comes early in it.
_HEAD_BYTES = 16 * 1024


def _estimate_xlsx(data):
    """The largest size the workbook's sheets declare, read from their first
    bytes; from the file's size when a sheet declares none (a workbook
    written as a stream). Opening the workbook with openpyxl only for this
    cost a third of a second on a 10,000-row file."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = [
                name
                for name in package.namelist()
                if name.startswith("xl/worksheets/") and name.endswith(".xml")
            ]
            sizes = [_declared_rows(package, name) for name in parts]
    except Exception:
        # Whatever is wrong with the file, reading it will say so.
        return 0
    if any(size is None for size in sizes):
        return len(data) // _XLSX_BYTES_PER_ROW
    return max(sizes, default=0)


def _declared_rows(package, name):
    with package.open(name) as part:
        # At most this much is decompressed, whatever the part's size.
        head = part.read(_HEAD_BYTES)
    cells = _SHEET_DATA.search(head)
    found = _DIMENSION.search(head, 0, cells.start() if cells else len(head))
    return int(found.group(1)) if found else None


def _estimate_xls(data):
    import xlrd

    try:
        workbook = xlrd.open_workbook(
            file_contents=data, on_demand=True, logfile=io.StringIO()
        )
    except Exception:
        # Whatever is wrong with the file, reading it will say so.
        return 0
    try:
        return max(
            (workbook.sheet_by_index(i).nrows for i in range(workbook.nsheets)),
            default=0,
        )
    except Exception:
        # A damaged sheet: reading the file will refuse it with a reason.
        return 0
    finally:
        workbook.release_resources()


def _trim(row):
    row = list(row)
    while row and _is_blank(row[-1]):
        row.pop()
    return row


def _is_blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def _collect(rows_iter, *, stop_after_empty=True):
    """Rows until the table is clearly over, with trailing empty rows dropped.

    In spreadsheets a long run of empty rows ends the table (formatting left
    on the rows below it); a text file has no formatting and is read whole.
    """
    rows = []
    empty_run = 0
    for raw in rows_iter:
        row = _trim(raw)
        if row:
            empty_run = 0
        else:
            empty_run += 1
            if stop_after_empty and empty_run >= EMPTY_RUN_LIMIT:
                break
        rows.append(row)
        if len(rows) > MAX_ROWS + EMPTY_RUN_LIMIT:
            raise UnreadableFile("file_too_many_rows", limit=f"{MAX_ROWS:,}")
    while rows and not rows[-1]:
        rows.pop()
    return rows


def _read_xlsx(data):
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=True
        )
    except Exception as error:
        # openpyxl raises its own exception types for damaged or foreign zips
        # (an .ods or .docx); all of them mean the same thing to the organiser.
        logger.info("Unreadable XLSX upload: %r", error)
        raise UnreadableFile("file_unreadable") from error
    try:
        with _sheets_read("XLSX"):
            sheets = []
            for worksheet in workbook.worksheets:
                rows = worksheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
                sheets.append(Sheet(name=worksheet.title, rows=_collect(rows)))
    finally:
        workbook.close()
    return Book(kind="xlsx", sheets=sheets)


@contextmanager
def _sheets_read(kind):
    """A workbook's sheets are read lazily: one that is damaged (broken XML,
    a part whose checksum fails, a truncated record) shows only while its
    cells are read, and makes the file as unreadable as a damaged whole."""
    try:
        yield
    except UnreadableFile:
        raise
    except Exception as error:
        logger.info("Unreadable %s sheet: %r", kind, error)
        raise UnreadableFile("file_unreadable") from error


def _read_xls(data):
    import xlrd

    try:
        # xlrd writes its warnings about odd files to stdout unless told.
        workbook = xlrd.open_workbook(
            file_contents=data, on_demand=True, logfile=io.StringIO()
        )
    except Exception as error:
        # xlrd signals damaged and encrypted files with assorted exceptions.
        logger.info("Unreadable XLS upload: %r", error)
        raise UnreadableFile("file_unreadable") from error
    try:
        with _sheets_read("XLS"):
            sheets = []
            for index in range(workbook.nsheets):
                worksheet = workbook.sheet_by_index(index)
                rows = (
                    [
                        _xls_value(worksheet.cell(r, c), workbook.datemode)
                        for c in range(min(worksheet.ncols, MAX_COLUMNS))
                    ]
                    for r in range(worksheet.nrows)
                )
                sheets.append(Sheet(name=worksheet.name, rows=_collect(rows)))
    finally:
        workbook.release_resources()
    return Book(kind="xls", sheets=sheets)


def _xls_value(cell, datemode):
    import xlrd

    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return None
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate_as_datetime(cell.value, datemode)
        except (xlrd.xldate.XLDateError, OverflowError, ValueError):
            return cell.value
    if cell.ctype == xlrd.XL_CELL_NUMBER and float(cell.value).is_integer():
        return int(cell.value)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    return cell.value


def decode_text(data):
    """``(text, encoding)``: BOMs first, then UTF-8, then code page 1250.

    Code page 1250 is preferred to ISO-8859-2: it is what Romanian Windows
    writes, and reading it as ISO-8859-2 would turn typographic quotes into
    control characters.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict"), (
            "UTF-8 (BOM)"
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as error:
            raise UnreadableFile("file_unreadable") from error
    if b"\x00" in data[:4096]:
        # UTF-16 without a byte-order mark: the zero bytes tell the byte order.
        sample = data[:4096]
        encoding = (
            "utf-16-le"
            if sample[1::2].count(0) > sample[::2].count(0)
            else ("utf-16-be")
        )
        try:
            return data.decode(encoding), "UTF-16"
        except UnicodeDecodeError as error:
            raise UnreadableFile("file_unreadable") from error
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1250"), "Windows-1250"
    except UnicodeDecodeError:
        return data.decode("iso-8859-2"), "ISO-8859-2"


# A comma between two digits is more likely a decimal comma ("16,5") than a
# separator when the lines split as a table on something else too.
_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d)")


def _table_score(sample, separator):
    """``(rows of the commonest width, that width)`` when split on ``separator``."""
    counts = [len(row) for row in csv.reader(io.StringIO(sample), delimiter=separator)]
    wide = [count for count in counts if count > 1]
    if not wide:
        return (0, 0)
    mode = max(set(wide), key=wide.count)
    return (wide.count(mode), mode)


def detect_separator(text):
    """The separator that splits the first lines into the most regular table.

    Semicolons and tabs win ties over commas, and commas between digits are
    not counted as separators while another candidate also makes a table:
    Romanian files write decimal commas (``16,5``) inside ``;`` or tab tables.
    """
    sample_lines = [line for line in text.splitlines() if line.strip()][:50]
    sample = "\n".join(sample_lines)
    scores = {separator: _table_score(sample, separator) for separator in (";", "\t")}
    if any(score > (0, 0) for score in scores.values()):
        scores[","] = _table_score(_DECIMAL_COMMA.sub("", sample), ",")
    else:
        scores[","] = _table_score(sample, ",")
    best, best_score = ";", (0, 0)
    for separator in SEPARATORS:
        if scores[separator] > best_score:
            best, best_score = separator, scores[separator]
    return best


def _read_text(data):
    text, encoding = decode_text(data)
    control = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\r\n\t")
    if "\x00" in text or control > 8:
        raise UnreadableFile("file_unreadable")
    separator = detect_separator(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    rows = _collect(
        ([cell.strip() or None for cell in row] for row in reader),
        stop_after_empty=False,
    )
    return Book(
        kind="text",
        sheets=[Sheet(name="", rows=rows)],
        encoding=encoding,
        separator=separator,
    )
