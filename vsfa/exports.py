"""CSV and XLSX downloads that a spreadsheet opens safely.

Every export of the project goes through here so that a cell starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return is never run as a
formula by Excel or LibreOffice (CSV injection): such text gets a leading
apostrophe, which spreadsheets show as plain text.
"""

import csv
import io

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    """Text of ``value`` for a spreadsheet cell; numbers and dates stay as they are."""
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    return value


def _attachment(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(filename, header, rows):
    """A ``;``-separated UTF-8 CSV with a byte-order mark, as Romanian Excel reads it."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([safe_cell(str(cell)) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return _attachment(response, filename)


def xlsx_bytes(sheets):
    """An XLSX workbook from ``[(title, header, rows), ...]``."""
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    for title, header, rows in sheets:
        worksheet = workbook.create_sheet(title=str(title)[:31])
        worksheet.append([safe_cell(str(cell)) for cell in header])
        for row in rows:
            worksheet.append([safe_cell(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename, sheets):
    response = HttpResponse(xlsx_bytes(sheets), content_type=XLSX_TYPE)
    return _attachment(response, filename)
