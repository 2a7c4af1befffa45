"""A copy of an uploaded file without its personal numeric codes (CNP).

CNPs are never stored, not even inside the uploaded file kept with an import:
when any sheet has such a column, the file kept is a copy without it.
"""

import csv
import io

from cohorts.importing import headers as h


def cnp_columns(sheet):
    """Indexes of the sheet's columns that hold personal numeric codes."""
    found = set()
    for row in sheet.rows[: h.HEADER_SEARCH_ROWS]:
        for index, cell in enumerate(row):
            if h.recognise(cell) == h.CNP:
                found.add(index)
    width = max((len(row) for row in sheet.rows), default=0)
    for index in range(width):
        values = [row[index] if index < len(row) else None for row in sheet.rows]
        if index not in found and h.looks_like_cnp_column(values):
            found.add(index)
    return found


def without_cnp(book):
    """Bytes of ``book`` minus its CNP columns, or None when it has none."""
    dropped = {sheet.name: cnp_columns(sheet) for sheet in book.sheets}
    if not any(dropped.values()):
        return None
    if book.kind == "text":
        return _text_copy(book, dropped[book.sheets[0].name])
    return _workbook_copy(book, dropped)


def written(book):
    """Bytes of ``book`` as its cells now stand, in the format it came in; a
    legacy XLS workbook comes back as XLSX, which is all that can be written."""
    if book.kind == "text":
        return _text_copy(book, set())
    return _workbook_copy(book, {sheet.name: set() for sheet in book.sheets})


def _keep(row, dropped):
    return [cell for index, cell in enumerate(row) if index not in dropped]


def _text_copy(book, dropped):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=book.separator or ";", lineterminator="\r\n")
    for row in book.sheets[0].rows:
        writer.writerow(["" if cell is None else cell for cell in _keep(row, dropped)])
    text = buffer.getvalue()
    # Written back as it came, so that reading the copy finds the same shape.
    if book.encoding == "UTF-16":
        return text.encode("utf-16")
    if book.encoding == "UTF-8 (BOM)":
        return text.encode("utf-8-sig")
    if book.encoding in ("Windows-1250", "ISO-8859-2"):
        return text.encode(book.encoding.replace("Windows-", "cp"))
    return text.encode("utf-8")


def _workbook_copy(book, dropped):
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    for sheet in book.sheets:
        worksheet = workbook.create_sheet(title=sheet.name or "Sheet1")
        for row in sheet.rows:
            worksheet.append(_keep(row, dropped[sheet.name]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
