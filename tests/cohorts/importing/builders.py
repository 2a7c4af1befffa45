"""Builders for the import tests: the three sample conferences and uploads."""

import datetime
import io
import zipfile
from pathlib import Path

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from cohorts.importing import services
from tests import factories, samples

SAMPLES = samples.ATTENDANCE
FILES = Path(__file__).parent / "files"

AIRINEI = "Colegiul Tehnic de Poștă și Telecomunicații „Gheorghe Airinei”"
IULIU_MANIU = "Colegiul Tehnic „Iuliu Maniu”"
ASACHI = "Colegiul Tehnic „Gheorghe Asachi”"

AIRINEI_FILE = "ct-gheorghe-airinei-2026-10-15.csv"
IULIU_MANIU_FILE = "ct-iuliu-maniu-2026-10-22.xlsx"
ASACHI_FILE = "ct-gheorghe-asachi-formular.csv"


def sample_bytes(name):
    return samples.attendance_file(name).read_bytes()


def upload(name, data):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def sample_upload(name):
    return upload(name, sample_bytes(name))


def make_sample_conferences(edition):
    """The three conferences of the samples, in one edition."""
    return {
        AIRINEI_FILE: factories.make_conference(
            edition,
            factories.make_school(AIRINEI),
            date=datetime.date(2026, 10, 15),
        ),
        IULIU_MANIU_FILE: factories.make_conference(
            edition,
            factories.make_school(IULIU_MANIU),
            date=datetime.date(2026, 10, 22),
        ),
        ASACHI_FILE: factories.make_conference(
            edition,
            factories.make_school(ASACHI),
            date=datetime.date(2026, 10, 29),
        ),
    }


def preview(actor, conference, name, data, **options):
    return services.create_preview(
        actor=actor, conference=conference, uploaded_file=upload(name, data), **options
    )


def import_now(actor, conference, name, data, **options):
    """Preview and commit a file; returns the committed import."""
    attendance_import = preview(actor, conference, name, data, **options)
    committed, _ = services.commit_import(
        actor=actor, attendance_import=attendance_import
    )
    return committed


def import_sample(actor, conference, name):
    return import_now(actor, conference, name, sample_bytes(name))


def csv_bytes(lines, *, encoding="utf-8", separator=";"):
    text = "\r\n".join(separator.join(cells) for cells in lines) + "\r\n"
    return text.encode(encoding)


def stored(attendance_import):
    """The bytes of the file kept with ``attendance_import`` as it is now."""
    attendance_import.refresh_from_db()
    with attendance_import.file.open("rb") as handle:
        return handle.read()


def streamed_workbook(rows):
    """XLSX bytes written as a stream: the sheet declares no size and holds
    its text in its cells."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Prezență")
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def with_sheet_changed(data, change, *, stored=False):
    """``data`` (XLSX bytes) with ``change(bytes)`` applied to its first sheet;
    ``stored`` keeps every part uncompressed."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = change(content)
            target.writestr(
                info.filename,
                content,
                zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED,
            )
    return buffer.getvalue()
