"""Django for the benchmark: its own folder, its own database, nothing sent.

Everything the benchmark writes goes to a temporary folder (SQLite files,
uploads) or to a database of its own: ``vsfa_bench`` on the PostgreSQL server
of ``DATABASE_URL``, created and dropped again. The developer's database is
never touched.
"""

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

BENCH_DATABASE = "vsfa_bench"


def configure(workdir):
    """Point the settings at ``workdir`` and start Django. Call once, first."""
    workdir = Path(workdir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vsfa.settings")
    os.environ["VSFA_VAR_DIR"] = str(workdir)
    os.environ["DJANGO_MEDIA_ROOT"] = str(workdir / "media")
    os.environ["DJANGO_STATIC_ROOT"] = str(workdir / "static")
    (workdir / "static").mkdir(exist_ok=True)
    # Tasks run inline and e-mails stay in memory: the demo invites people.
    os.environ["HUEY_IMMEDIATE"] = "1"
    os.environ["DJANGO_EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    # Settings are read with DEBUG on so that no secret key or collected static
    # files are needed; it is turned off below, before anything is measured.
    os.environ["DJANGO_DEBUG"] = "1"
    os.environ.setdefault("LOG_LEVEL", "WARNING")

    import django

    django.setup()

    from django.conf import settings

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]


@contextmanager
def workspace():
    """A temporary folder, removed afterwards."""
    path = Path(tempfile.mkdtemp(prefix="vsfa-bench-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@contextmanager
def database(workdir):
    """A fresh, migrated database for the run, destroyed afterwards."""
    from django.conf import settings
    from django.db import connection

    test = settings.DATABASES["default"].setdefault("TEST", {})
    if connection.vendor == "sqlite":
        # A file, not memory: pages are measured as they would be served.
        test["NAME"] = str(Path(workdir) / "bench.sqlite3")
    else:
        test["NAME"] = BENCH_DATABASE
    old_name = connection.creation.create_test_db(
        verbosity=0, autoclobber=True, serialize=False
    )
    try:
        yield connection.settings_dict["NAME"]
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
