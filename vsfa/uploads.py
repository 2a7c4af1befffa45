"""Checks uploaded files by what they contain, and keeps them out of public reach.

A file's name and the type the browser claims say nothing reliable about it:
an HTML page renamed ``.pdf`` or an iPhone's HEIC photo renamed ``.jpg`` would
be stored and later handed to someone else's browser. So:

- ``validate_image`` accepts JPEG, PNG and WebP only, and re-encodes them with
  Pillow: the EXIF orientation is applied to the pixels, and EXIF (location
  included), comments and colour profiles are left behind;
- ``validate_document`` accepts a PDF (``%PDF-`` header) as it is, and an
  image as ``validate_image`` does;
- SVG (which can carry scripts), HTML, HEIC/HEIF and decompression bombs are
  refused with a message saying what to upload instead;
- the size limit is checked from ``UploadedFile.size`` before anything is
  read, and again while reading in chunks when the size is unknown.

Checked files go to ``private_storage``, outside ``MEDIA_ROOT`` and without a
URL, and are handed out by views that check permissions first, with
``file_response``.

Every uploaded file is stored with ``save_file``: when the disk is full (or
over quota, or failing) it removes what was written and raises
``UploadNotSaved``, a ``ValidationError`` the form shows, so that no record
points at half a file.
"""

import contextvars
import functools
import io
import logging
import os
import uuid
import warnings
from dataclasses import dataclass
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from PIL import Image, ImageOps

# How much of the start of a file is read to tell what it is.
SNIFF_BYTES = 1024
CHUNK_BYTES = 64 * 1024

# ISO base media ("ftyp") brands of HEIC/HEIF photos, as iPhones save them.
HEIF_BRANDS = {
    b"heic",
    b"heix",
    b"heim",
    b"heis",
    b"hevc",
    b"hevx",
    b"hevm",
    b"hevs",
    b"mif1",
    b"msf1",
    b"avif",
    b"avis",
}

IMAGE_FORMATS = ("JPEG", "PNG", "WEBP")

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed the checks, ready to be saved in a FileField.

    ``file`` is named ``upload.<extension>``: the stored name is chosen by the
    field's ``upload_to``; ``original_name`` is the name the user gave it,
    kept only to be shown and offered when downloading.
    """

    file: File
    extension: str
    content_type: str
    original_name: str
    size: int


# What a file is, from its first bytes


def _head(upload):
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    return head


def _is_heif(head):
    return head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS


def _markup(head):
    """``"svg"``, ``"html"`` or ``None``: text starting with markup."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not text.startswith(b"<"):
        return None
    if b"<svg" in text:
        return "svg"
    return "html"


def _image_format(head):
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    return None


def _refuse_known_dangers(head, wanted):
    """Refuse SVG, HTML and HEIC with a message that says what to do instead."""
    markup = _markup(head)
    if markup == "svg":
        raise ValidationError(
            _(
                "SVG drawings are not accepted, as they can contain scripts: "
                "upload a PNG or JPEG image instead."
            ),
            code="svg",
        )
    if markup == "html":
        raise ValidationError(
            _(
                "This file is a web page (HTML), whatever its name says: "
                "upload %(wanted)s."
            )
            % {"wanted": wanted},
            code="html",
        )
    if _is_heif(head):
        raise ValidationError(
            _(
                "This is a HEIC/HEIF photo (the iPhone's format), whatever its "
                "name says: choose JPEG in the phone's camera settings, or "
                "export the photo as JPEG, and upload it again."
            ),
            code="heic",
        )


# Size


def _limit(max_bytes):
    return settings.VSFA_UPLOAD_MAX_BYTES if max_bytes is None else max_bytes


SIZE_UNITS = ("B", "KB", "MB", "GB")


def file_size(num_bytes):
    """A size as people write it: "10 MB", "2,5 MB", "300 KB".

    Django's filesizeformat writes "10,0 MO" in Romanian: always one decimal,
    and a unit nobody uses here. Units are powers of 1024, as there.
    """
    value = float(num_bytes or 0)
    unit = 0
    while value >= 1024 and unit < len(SIZE_UNITS) - 1:
        value /= 1024
        unit += 1

    rounded = round(value, 1)
    decimals = 0 if rounded == int(rounded) else 1
    # A no-break space keeps the number and its unit on one line.
    return f"{number_format(rounded, decimals)}\xa0{SIZE_UNITS[unit]}"


def _too_large(size, limit):
    return ValidationError(
        _("This file is %(size)s; files of up to %(limit)s are accepted.")
        % {"size": file_size(size), "limit": file_size(limit)},
        code="too_large",
    )


def check_size(upload, max_bytes=None):
    """Refuse a file over the limit before reading it; return its size.

    ``UploadedFile.size`` is known without reading. When a file does not
    know its size, it is read in chunks and refused as soon as the limit is
    passed, never read whole.
    """
    limit = _limit(max_bytes)
    size = getattr(upload, "size", None)
    if size is None:
        size = 0
        upload.seek(0)
        for chunk in iter(lambda: upload.read(CHUNK_BYTES), b""):
            size += len(chunk)
            if size > limit:
                break
        upload.seek(0)
    if size > limit:
        raise _too_large(size, limit)
    if size == 0:
        raise ValidationError(_("This file is empty."), code="empty")
    return size


# Images


def _open_image(upload, expected_format):
    """Open ``upload`` with Pillow, refusing decompression bombs before decoding."""
    max_pixels = settings.VSFA_UPLOAD_MAX_PIXELS
    millions = max_pixels // 1_000_000
    bomb = ValidationError(
        ngettext(
            "This image is too large once opened (over %(pixels)s million "
            "pixels): resize it and upload it again.",
            "This image is too large once opened (over %(pixels)s million "
            "pixels): resize it and upload it again.",
            millions,
        )
        % {"pixels": millions},
        code="decompression_bomb",
    )
    unreadable = ValidationError(
        _("This image could not be read: it may be damaged."), code="unreadable"
    )
    try:
        # Pillow only warns under its own, higher limit: make that a refusal.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload, formats=[expected_format])
            width, height = image.size
            if width * height > max_pixels:
                raise bomb
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise bomb from None
    except (OSError, SyntaxError, ValueError):
        raise unreadable from None
    return image


def _re_encoded(image, max_side):
    """The pixels alone, upright and at most ``max_side`` wide or high."""
    image = ImageOps.exif_transpose(image)
    image.thumbnail((max_side, max_side))
    transparent = image.mode in {"RGBA", "LA", "PA"} or (
        image.mode == "P" and "transparency" in image.info
    )
    clean = image.convert("RGBA" if transparent else "RGB")
    # Pillow carries some of the original's metadata (a JPEG comment, a colour
    # profile) over when saving; only the pixels are kept.
    clean.info = {}
    output = io.BytesIO()
    if transparent:
        clean.save(output, "PNG", optimize=True)
        return output.getvalue(), "png", "image/png"
    clean.save(output, "JPEG", quality=88, optimize=True)
    return output.getvalue(), "jpg", "image/jpeg"


def validate_image(upload, *, max_bytes=None, max_side=None):
    """Check an uploaded image by its content and return it re-encoded.

    Accepts JPEG, PNG and WebP. The result is a JPEG (a PNG when the image
    has transparency) with the EXIF orientation applied and no EXIF, GPS
    position or other metadata, scaled down to ``max_side`` pixels (the
    ``VSFA_UPLOAD_IMAGE_MAX_SIDE`` setting by default). Raises
    ``ValidationError`` with a message for the user otherwise.
    """
    check_size(upload, max_bytes)
    head = _head(upload)
    _refuse_known_dangers(head, _("a JPEG or PNG image"))
    image_format = _image_format(head)
    if image_format is None:
        raise ValidationError(
            _("This file is not a JPEG, PNG or WebP image."), code="not_image"
        )
    image = _open_image(upload, image_format)
    data, extension, content_type = _re_encoded(
        image, max_side or settings.VSFA_UPLOAD_IMAGE_MAX_SIDE
    )
    return CheckedFile(
        file=ContentFile(data, name=f"upload.{extension}"),
        extension=extension,
        content_type=content_type,
        original_name=_display_name(upload, extension),
        size=len(data),
    )


# Documents


def validate_document(upload, *, max_bytes=None):
    """Check an uploaded document: a PDF kept as sent, or an image re-encoded.

    A PDF must start with ``%PDF-``; a JPEG, PNG or WebP photo of a paper
    document is accepted as ``validate_image`` accepts it. Anything else, an
    HTML page named ``.pdf`` included, raises ``ValidationError``.
    """
    size = check_size(upload, max_bytes)
    head = _head(upload)
    _refuse_known_dangers(head, _("a PDF, or a photo as JPEG, PNG or WebP"))
    if _image_format(head) is not None:
        return validate_image(upload, max_bytes=max_bytes)
    if not head.startswith(b"%PDF-"):
        raise ValidationError(
            _(
                "This type of file is not accepted: upload a PDF, or a photo as "
                "JPEG, PNG or WebP."
            ),
            code="not_pdf",
        )
    upload.seek(0)
    return CheckedFile(
        file=File(upload, name="upload.pdf"),
        extension="pdf",
        content_type="application/pdf",
        original_name=_display_name(upload, "pdf"),
        size=size,
    )


def _display_name(upload, extension):
    """The user's file name, without folders, with the extension it really has."""
    stem = Path(os.path.basename(getattr(upload, "name", "") or "")).stem
    stem = "".join(ch for ch in stem if ch.isprintable() and ch not in '"\\/')
    return f"{stem.strip()[:120] or 'file'}.{extension}"


# Where checked files are kept and how they are handed out


def stored_name(folder, filename):
    """An unguessable name under ``folder``, keeping ``filename``'s extension."""
    extension = Path(filename).suffix.lower()
    return f"{folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


class PrivateStorage(FileSystemStorage):
    """Files kept under ``VSFA_PRIVATE_MEDIA_ROOT``, outside ``MEDIA_ROOT``.

    Nothing there has a URL, so no web server configuration and no
    development ``static()`` route can hand a file out: only a view that
    checks permissions and calls ``file_response``. The folder is read from
    the settings each time, so that tests can move it.
    """

    @property
    def base_location(self):
        return settings.VSFA_PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError(
            "Private files have no URL: serve them with vsfa.uploads.file_response."
        )


_private_storage = PrivateStorage()


def private_storage():
    """The storage of private files (a callable, as FileField accepts)."""
    return _private_storage


class UploadNotSaved(ValidationError):
    """The storage could not write an uploaded file: a full disk, a quota, an I/O
    error. Not tied to one field, so that every form shows it above its fields."""

    def __init__(self):
        super().__init__(
            {
                NON_FIELD_ERRORS: [
                    ValidationError(
                        _(
                            "The file could not be saved: the server has no room "
                            "left for files, or its disk is failing. Nothing was "
                            "recorded. Try again later, and tell the programme's "
                            "administrator if it happens again."
                        ),
                        code="not_saved",
                    )
                ]
            }
        )


# Files stored by the write under way, when it asked for them to be removed
# should it fail (see ``removes_files_on_error``).
_written = contextvars.ContextVar("vsfa_uploads_written", default=None)


def _delete_quietly(storage, name):
    try:
        storage.delete(name)
    except OSError:
        logger.exception("Could not remove %s after a failed write", name)


def save_file(field_file, name, content):
    """Store ``content`` as ``field_file``'s file; the record is saved by the caller.

    ``name`` goes through the field's ``upload_to`` as ``FieldFile.save`` does.
    When the storage fails while writing (``OSError``: no space left, quota,
    I/O error), the part already written is deleted and ``UploadNotSaved`` is
    raised: inside the caller's transaction, nothing is recorded either.
    """
    field, storage = field_file.field, field_file.storage
    # Chosen here rather than by FieldFile.save, so that a failed write is
    # known by name: the disk may keep a part of it.
    name = storage.get_available_name(
        field.generate_filename(field_file.instance, name),
        max_length=field.max_length,
    )
    try:
        stored = storage.save(name, content, max_length=field.max_length)
    except OSError as error:
        logger.error("Could not store the uploaded file %s: %s", name, error)
        _delete_quietly(storage, name)
        raise UploadNotSaved() from error
    field_file.name = stored
    setattr(field_file.instance, field.attname, stored)
    written = _written.get()
    if written is not None:
        written.append((storage, stored))
    return stored


def removes_files_on_error(function):
    """Decorate a write that stores several files: should it raise, the files
    it stored with ``save_file`` are deleted, as its transaction rolls back."""

    @functools.wraps(function)
    def wrapped(*args, **kwargs):
        if _written.get() is not None:
            # An outer write already cleans up after the whole of it.
            return function(*args, **kwargs)
        written = []
        token = _written.set(written)
        try:
            return function(*args, **kwargs)
        except BaseException:
            for storage, name in written:
                _delete_quietly(storage, name)
            raise
        finally:
            _written.reset(token)

    return wrapped


# The stored name's extension is the one the check found, so it tells the type.
CONTENT_TYPES = {".jpg": "image/jpeg", ".png": "image/png", ".pdf": "application/pdf"}


def content_type_of(name):
    """The type of a file stored after a check, from its stored name."""
    return CONTENT_TYPES.get(Path(name).suffix.lower(), "application/octet-stream")


def file_response(field_file, *, filename, content_type, as_attachment=False):
    """Stream a stored file to a user the caller has checked may see it.

    The browser is told the type that the upload check found, not to guess
    another, and to run nothing inside the file (a PDF's scripts included).
    """
    response = FileResponse(
        field_file.open("rb"),
        as_attachment=as_attachment,
        filename=filename,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response


# Form fields


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class CheckedFileField(forms.FileField):
    """A file field whose cleaned value is a ``CheckedFile`` (or None).

    ``check`` is ``validate_document`` (the default) or ``validate_image``.
    """

    def __init__(self, *args, check=None, **kwargs):
        self.check = check or validate_document
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload or upload is initial:
            return None
        return self.check(upload)


class CheckedFilesField(forms.FileField):
    """Several files chosen at once, each checked; cleans to a list of them.

    Refuses more than ``VSFA_UPLOAD_FILES_AT_ONCE`` files; each refusal names
    the file it is about.
    """

    widget = MultipleFileInput

    def __init__(self, *args, check=None, **kwargs):
        self.check = check or validate_document
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        chosen = data if isinstance(data, list | tuple) else [data]
        chosen = [item for item in chosen if item]
        if not chosen:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        limit = settings.VSFA_UPLOAD_FILES_AT_ONCE
        if len(chosen) > limit:
            raise ValidationError(
                ngettext(
                    "Up to %(count)s file can be added at once.",
                    "Up to %(count)s files can be added at once.",
                    limit,
                )
                % {"count": limit},
                code="too_many",
            )
        checked, errors = [], []
        for upload in chosen:
            try:
                checked.append(self.check(self.to_python(upload)))
            except ValidationError as error:
                errors.extend(
                    _("%(name)s: %(message)s")
                    % {"name": os.path.basename(upload.name), "message": message}
                    for message in error.messages
                )
        if errors:
            raise ValidationError(errors)
        return checked
