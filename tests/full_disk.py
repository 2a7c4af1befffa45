"""A disk that fills up while a file is written, for what a failed upload leaves."""

import errno
import os
from pathlib import Path

from django.core.files.storage import FileSystemStorage

FULL_DISK = {"BACKEND": "tests.full_disk.FullDiskStorage"}


class FullDiskStorage(FileSystemStorage):
    """Writes the first bytes of a file, then fails as a full disk does."""

    def _save(self, name, content):
        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(next(iter(content.chunks()), b"")[:16])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)


def fill_default_disk(settings):
    """The default storage (imports) on a full disk."""
    settings.STORAGES = {**settings.STORAGES, "default": FULL_DISK}


def fill_private_disk(monkeypatch, settings, *fields):
    """The private storage of ``fields`` (model fields) on a full disk."""
    full = FullDiskStorage(location=settings.VSFA_PRIVATE_MEDIA_ROOT)
    for field in fields:
        monkeypatch.setattr(field, "storage", full)


def files_in(folder):
    return sorted(str(path) for path in Path(folder).rglob("*") if path.is_file())


NOT_SAVED_EN = (
    "The file could not be saved: the server has no room left for files, or its "
    "disk is failing. Nothing was recorded. Try again later, and tell the "
    "programme's administrator if it happens again."
)
NOT_SAVED_RO = (
    "Fișierul nu a putut fi salvat: serverul nu mai are loc pentru fișiere sau "
    "discul său are o defecțiune. Nu s-a înregistrat nimic. Încercați din nou mai "
    "târziu și anunțați administratorul programului dacă se repetă."
)
