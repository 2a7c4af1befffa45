import io
import struct
import zlib

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import ExifTags, Image

from cohorts.models import AttendanceImport
from tests import full_disk
from vsfa import uploads

# Tiny files made here, each the case the issue names.

NORTH_OF_BUCHAREST = (44.0, 26.0, 30.0)


@pytest.fixture(autouse=True)
def _english():
    # The messages are asserted in the language they are written in.
    with translation.override("en"):
        yield


def exif_with_location_and_rotation():
    """EXIF saying "rotate 90° to show" and where the photo was taken."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "PhoneMaker"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = NORTH_OF_BUCHAREST
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (26.0, 5.0, 0.0)
    return exif


def photo(image_format, name):
    """4 wide by 2 high, red left and blue right, stored sideways with GPS."""
    image = Image.new("RGB", (4, 2), "red")
    image.paste((0, 0, 255), (2, 0, 4, 2))
    output = io.BytesIO()
    image.save(output, image_format, exif=exif_with_location_and_rotation())
    return SimpleUploadedFile(name, output.getvalue())


def png_header(width, height):
    """A PNG that claims ``width`` x ``height`` pixels in a few dozen bytes."""

    def chunk(kind, data):
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">'
    b"<script>fetch('/steal?c=' + document.cookie)</script></svg>"
)
HEIC_START = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64
HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


def reopened(checked):
    checked.file.seek(0)
    data = checked.file.read()
    return data, Image.open(io.BytesIO(data))


# Images: re-encoded upright, without EXIF or location


@pytest.mark.parametrize(
    ("image_format", "name"), [("PNG", "a.png"), ("JPEG", "a.jpg")]
)
def test_validate_image_applies_orientation_and_strips_location(image_format, name):
    upload = photo(image_format, name)
    before = Image.open(io.BytesIO(upload.read()))
    upload.seek(0)

    checked = uploads.validate_image(upload)

    data, image = reopened(checked)
    assert before.getexif().get_ifd(ExifTags.IFD.GPSInfo) != {}
    assert (checked.extension, checked.content_type) == ("jpg", "image/jpeg")
    assert image.format == "JPEG"
    assert image.size == (2, 4)
    # Turned a quarter clockwise: red, on the left, is now on top.
    top, bottom = image.convert("RGB").getpixel((0, 0)), image.getpixel((0, 3))
    assert (top[0] > 200, bottom[2] > 200) == (True, True)
    assert dict(image.getexif()) == {}
    assert b"Exif" not in data
    assert b"PhoneMaker" not in data
    assert checked.size == len(data)


def test_validate_image_keeps_transparency_as_png():
    output = io.BytesIO()
    Image.new("RGBA", (3, 3), (0, 128, 0, 0)).save(output, "PNG")

    checked = uploads.validate_image(SimpleUploadedFile("logo.png", output.getvalue()))

    _data, image = reopened(checked)
    assert (checked.extension, checked.content_type, image.mode) == (
        "png",
        "image/png",
        "RGBA",
    )
    assert checked.original_name == "logo.png"


def test_validate_image_drops_a_jpeg_comment():
    output = io.BytesIO()
    Image.new("RGB", (2, 2)).save(output, "JPEG", comment=b"taken at home, Str. X")

    checked = uploads.validate_image(SimpleUploadedFile("a.jpg", output.getvalue()))

    data, _image = reopened(checked)
    assert b"taken at home" not in data


def test_validate_image_scales_a_large_image_down(settings):
    settings.VSFA_UPLOAD_IMAGE_MAX_SIDE = 10
    output = io.BytesIO()
    Image.new("RGB", (40, 20)).save(output, "PNG")

    checked = uploads.validate_image(SimpleUploadedFile("a.png", output.getvalue()))

    assert reopened(checked)[1].size == (10, 5)


def test_validate_image_names_the_file_by_what_it_is():
    output = io.BytesIO()
    Image.new("RGB", (2, 2)).save(output, "PNG")

    checked = uploads.validate_image(
        SimpleUploadedFile("../../poza vacanță.gif", output.getvalue())
    )

    assert (checked.file.name, checked.original_name) == (
        "upload.jpg",
        "poza vacanță.jpg",
    )


# Refused, with a message saying what to do


@pytest.mark.parametrize(
    ("width", "height"),
    [
        (8_000, 8_000),  # over the setting, under Pillow's own warning
        (50_000, 50_000),  # over Pillow's limit: its DecompressionBombError
    ],
)
def test_validate_image_refuses_a_decompression_bomb(width, height):
    bomb = SimpleUploadedFile("small.png", png_header(width, height))

    with pytest.raises(ValidationError) as error:
        uploads.validate_image(bomb)

    assert len(bomb.read()) < 200
    assert error.value.code == "decompression_bomb"
    assert error.value.messages == [
        "This image is too large once opened (over 40 million pixels): resize "
        "it and upload it again."
    ]


@pytest.mark.parametrize("name", ["drawing.svg", "drawing.png", "logo.jpg"])
def test_validate_image_refuses_svg_with_a_script(name):
    with pytest.raises(ValidationError) as error:
        uploads.validate_image(SimpleUploadedFile(name, SVG_WITH_SCRIPT))

    assert error.value.code == "svg"
    assert error.value.messages == [
        "SVG drawings are not accepted, as they can contain scripts: upload a "
        "PNG or JPEG image instead."
    ]


@pytest.mark.parametrize("check", [uploads.validate_image, uploads.validate_document])
def test_heic_named_jpg_refused(check):
    with pytest.raises(ValidationError) as error:
        check(SimpleUploadedFile("IMG_0001.jpg", HEIC_START))

    assert error.value.code == "heic"
    assert error.value.messages == [
        "This is a HEIC/HEIF photo (the iPhone's format), whatever its name "
        "says: choose JPEG in the phone's camera settings, or export the photo "
        "as JPEG, and upload it again."
    ]


def test_validate_image_refuses_a_damaged_image():
    broken = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40

    with pytest.raises(ValidationError) as error:
        uploads.validate_image(SimpleUploadedFile("a.png", broken))

    assert error.value.code == "unreadable"


def test_validate_image_refuses_a_pdf():
    with pytest.raises(ValidationError) as error:
        uploads.validate_image(SimpleUploadedFile("logo.png", PDF))

    assert error.value.messages == ["This file is not a JPEG, PNG or WebP image."]


# Documents


def test_validate_document_keeps_a_pdf_as_sent():
    checked = uploads.validate_document(SimpleUploadedFile("Hotărâre 12.PDF", PDF))

    checked.file.seek(0)
    assert checked.file.read() == PDF
    assert (checked.extension, checked.content_type, checked.size) == (
        "pdf",
        "application/pdf",
        len(PDF),
    )
    assert (checked.file.name, checked.original_name) == (
        "upload.pdf",
        "Hotărâre 12.pdf",
    )


def test_validate_document_re_encodes_a_photo_of_a_paper():
    checked = uploads.validate_document(photo("JPEG", "scan.pdf"))

    _data, image = reopened(checked)
    assert (checked.extension, image.size, dict(image.getexif())) == ("jpg", (2, 4), {})


@pytest.mark.parametrize(
    "content",
    [
        HTML_PAGE,
        b"\xef\xbb\xbf  <html><head><title>Factura</title></head></html>",
        b"<script>alert(1)</script>",
    ],
)
def test_validate_document_refuses_html_named_pdf(content):
    with pytest.raises(ValidationError) as error:
        uploads.validate_document(SimpleUploadedFile("factura.pdf", content))

    assert error.value.code == "html"
    assert error.value.messages == [
        "This file is a web page (HTML), whatever its name says: upload a PDF, "
        "or a photo as JPEG, PNG or WebP."
    ]


def test_validate_document_refuses_svg():
    with pytest.raises(ValidationError) as error:
        uploads.validate_document(SimpleUploadedFile("plan.pdf", SVG_WITH_SCRIPT))

    assert error.value.code == "svg"


def test_validate_document_refuses_other_content_named_pdf():
    with pytest.raises(ValidationError) as error:
        uploads.validate_document(SimpleUploadedFile("notes.pdf", b"just text"))

    assert error.value.messages == [
        "This type of file is not accepted: upload a PDF, or a photo as JPEG, "
        "PNG or WebP."
    ]


# Sizes: checked before reading


class Unreadable(SimpleUploadedFile):
    """An upload that fails the test if anything reads it."""

    def read(self, *args, **kwargs):
        raise AssertionError("The file was read.")


@pytest.mark.parametrize(
    ("num_bytes", "expected"),
    [
        (10 * 1024 * 1024, "10\xa0MB"),
        (int(2.5 * 1024 * 1024), "2,5\xa0MB"),
        (300 * 1024, "300\xa0KB"),
        (512, "512\xa0B"),
    ],
)
def test_file_size_reads_as_people_write_it(num_bytes, expected):
    with translation.override("ro"):
        written = uploads.file_size(num_bytes)

    assert written == expected


def test_oversized_file_refused_before_it_is_read(settings):
    settings.VSFA_UPLOAD_MAX_BYTES = 1024
    upload = Unreadable("big.pdf", PDF + b"0" * 2000)

    with pytest.raises(ValidationError) as error:
        uploads.validate_document(upload)

    assert error.value.code == "too_large"
    assert error.value.messages == [
        "This file is 2\xa0KB; files of up to 1\xa0KB are accepted."
    ]


class CountingFile(io.BytesIO):
    """A file of unknown size that counts the bytes read from it."""

    name = "stream.pdf"

    def __init__(self, data):
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size=-1):
        chunk = super().read(size)
        self.bytes_read += len(chunk)
        return chunk


def test_file_of_unknown_size_read_in_chunks_only_up_to_the_limit(settings):
    settings.VSFA_UPLOAD_MAX_BYTES = 100_000
    stream = CountingFile(PDF + b"0" * 1_000_000)

    with pytest.raises(ValidationError) as error:
        uploads.check_size(stream)

    assert error.value.code == "too_large"
    assert stream.bytes_read <= 100_000 + uploads.CHUNK_BYTES


def test_limit_per_call_overrides_the_setting():
    with pytest.raises(ValidationError) as error:
        uploads.validate_document(SimpleUploadedFile("a.pdf", PDF), max_bytes=10)

    assert error.value.code == "too_large"


def test_empty_file_refused():
    with pytest.raises(ValidationError) as error:
        uploads.check_size(ContentFile(b"", name="empty.pdf"))

    assert error.value.messages == ["This file is empty."]


# Form fields


def test_checked_files_field_names_each_refused_file():
    field = uploads.CheckedFilesField(required=False)

    with pytest.raises(ValidationError) as error:
        field.clean(
            [
                SimpleUploadedFile("ok.pdf", PDF),
                SimpleUploadedFile("pagina.pdf", HTML_PAGE),
            ]
        )

    assert error.value.messages == [
        "pagina.pdf: This file is a web page (HTML), whatever its name says: "
        "upload a PDF, or a photo as JPEG, PNG or WebP."
    ]


def test_checked_files_field_refuses_too_many_at_once(settings):
    settings.VSFA_UPLOAD_FILES_AT_ONCE = 2
    field = uploads.CheckedFilesField(required=False)

    with pytest.raises(ValidationError) as error:
        field.clean([SimpleUploadedFile(f"{n}.pdf", PDF) for n in range(3)])

    assert error.value.messages == ["Up to 2 files can be added at once."]


def test_checked_files_field_returns_checked_files():
    field = uploads.CheckedFilesField(required=False)

    files = field.clean([SimpleUploadedFile("a.pdf", PDF), photo("PNG", "b.png")])

    assert [(item.original_name, item.content_type) for item in files] == [
        ("a.pdf", "application/pdf"),
        ("b.jpg", "image/jpeg"),
    ]
    assert field.clean([]) == []


def test_checked_file_field_checks_with_the_given_check():
    field = uploads.CheckedFileField(required=False, check=uploads.validate_image)

    with pytest.raises(ValidationError) as error:
        field.clean(SimpleUploadedFile("logo.png", PDF))

    assert error.value.messages == ["This file is not a JPEG, PNG or WebP image."]
    assert field.clean(None) is None


# Storage and serving


def test_private_storage_follows_the_setting_and_has_no_url(settings, tmp_path):
    settings.VSFA_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    storage = uploads.private_storage()

    name = storage.save(
        uploads.stored_name("evidence", "Factura.PDF"), ContentFile(PDF)
    )

    assert (tmp_path / "private" / name).read_bytes() == PDF
    assert name.startswith("evidence/") and name.endswith(".pdf")
    assert str(tmp_path / "media") not in storage.path(name)
    with pytest.raises(ValueError):
        storage.url(name)


def test_stored_names_cannot_be_guessed():
    first = uploads.stored_name("evidence", "a.pdf")
    second = uploads.stored_name("evidence", "a.pdf")

    assert first != second
    assert len(first.rsplit("/", 1)[1]) == len("0123456789abcdef0123456789abcdef.pdf")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("x/y.jpg", "image/jpeg"),
        ("x/y.PNG", "image/png"),
        ("y.pdf", "application/pdf"),
        ("y.html", "application/octet-stream"),
    ],
)
def test_content_type_of_stored_name(name, expected):
    assert uploads.content_type_of(name) == expected


def test_file_response_forbids_sniffing_and_scripts(settings, tmp_path, db):
    # db: closing a response signals the end of a request, which touches it.
    settings.VSFA_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    storage = uploads.private_storage()
    name = storage.save("a/b.pdf", ContentFile(PDF))

    class Stored:
        def open(self, mode):
            return storage.open(name, mode)

    response = uploads.file_response(
        Stored(), filename="Hotărâre.pdf", content_type="application/pdf"
    )

    body = b"".join(response.streaming_content)
    response.close()
    assert body == PDF
    assert (
        response["Content-Type"],
        response["X-Content-Type-Options"],
        response["Content-Security-Policy"],
        response["Cache-Control"],
    ) == (
        "application/pdf",
        "nosniff",
        "sandbox; default-src 'none'",
        "private, no-store",
    )
    assert response["Content-Disposition"].startswith("inline;")


# A full disk


def test_save_file_on_a_full_disk_removes_the_part_written(settings, db):
    full_disk.fill_default_disk(settings)
    attendance_import = AttendanceImport()

    with pytest.raises(uploads.UploadNotSaved) as raised:
        uploads.save_file(attendance_import.file, "lista.csv", ContentFile(b"x" * 99))

    assert raised.value.message_dict == {NON_FIELD_ERRORS: [full_disk.NOT_SAVED_EN]}
    assert attendance_import.file.name == ""
    assert full_disk.files_in(settings.MEDIA_ROOT) == []


def test_a_write_that_fails_removes_the_files_it_stored(settings, db):
    stored = []

    @uploads.removes_files_on_error
    def store_two_then_fail():
        for name in ("a.csv", "b.csv"):
            record = AttendanceImport()
            stored.append(uploads.save_file(record.file, name, ContentFile(b"rows")))
        raise RuntimeError("the record could not be saved")

    with pytest.raises(RuntimeError):
        store_two_then_fail()

    assert len(stored) == 2
    assert full_disk.files_in(settings.MEDIA_ROOT) == []
