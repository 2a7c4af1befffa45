"""Back up and restore vsfa: the database and the uploaded files, with counts.

    python -m bench.backup dump FOLDER       # what bench/backup.sh runs
    python -m bench.backup restore FOLDER    # what bench/restore.sh runs
    python -m bench.backup counts            # rows per table, as JSON

The database is the one of the settings (``DATABASE_URL``, else the SQLite
file under ``var/``). SQLite is copied with its online backup API, PostgreSQL
with ``pg_dump`` in custom format; both give a consistent copy while the site
runs. The row count of every table is taken from that same copy (the SQLite
copy itself; PostgreSQL's exported snapshot, shared with ``pg_dump``) and
written to ``manifest.json``; a restore is checked against it.

A restore goes into an empty database only (a new SQLite file, a freshly
created PostgreSQL database) unless ``--force``; see docs/operations.md.
"""

import argparse
import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

from bench import planner

MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.dump"


class BackupError(Exception):
    pass


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vsfa.settings")
    import django

    django.setup()


def tables():
    """Every table of the project's models, auto-created join tables included."""
    from django.apps import apps

    return sorted(
        {model._meta.db_table for model in apps.get_models(include_auto_created=True)}
    )


def _count_with(cursor, quote, names):
    counts = {}
    for name in names:
        cursor.execute(f"SELECT COUNT(*) FROM {quote(name)}")  # noqa: S608 -- table names from the models, quoted  # nosec B608
        counts[name] = cursor.fetchone()[0]
    return counts


def counts():
    """Rows per table in the settings' database."""
    from django.db import connection

    with connection.cursor() as cursor:
        existing = set(connection.introspection.table_names(cursor))
        return _count_with(
            cursor, connection.ops.quote_name, [t for t in tables() if t in existing]
        )


def _sqlite_counts(path):
    source = sqlite3.connect(path)
    try:
        existing = {
            row[0]
            for row in source.execute(
                "SELECT name FROM sqlite_master WHERE type='table'"
            )
        }
        return _count_with(
            source.cursor(),
            lambda name: '"' + name.replace('"', '""') + '"',
            [t for t in tables() if t in existing],
        )
    finally:
        source.close()


def _postgres_env(settings_dict):
    """Connection arguments for the client tools; the password goes in the env."""
    env = {**os.environ}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    args = []
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            args += [flag, str(settings_dict[key])]
    return env, args


def _tool(name):
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed (PostgreSQL client tools).")
    return path


def _archive(source, target):
    """Pack a folder of uploads; nothing is written for a folder that is absent."""
    source = Path(source)
    if not source.is_dir():
        return None
    with tarfile.open(target, "w:gz") as archive:
        archive.add(source, arcname=".")
    return target.name


def _upload_folders():
    from django.conf import settings

    folders = {"media": settings.MEDIA_ROOT}
    private = getattr(settings, "VSFA_PRIVATE_MEDIA_ROOT", None)
    if private is not None:
        folders["private"] = private
    return folders


def dump(folder):
    """Write the database, the uploads and the manifest into ``folder``."""
    from django.db import connection, transaction

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        raise BackupError(f"{folder} is not empty: choose a new folder.")
    settings_dict = connection.settings_dict
    manifest = {
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "vendor": connection.vendor,
        "files": {},
    }

    if connection.vendor == "sqlite":
        target = folder / SQLITE_FILE
        source = sqlite3.connect(str(settings_dict["NAME"]))
        copy = sqlite3.connect(str(target))
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
        manifest["counts"] = _sqlite_counts(target)
        manifest["files"]["database"] = SQLITE_FILE
    elif connection.vendor == "postgresql":
        pg_dump = _tool("pg_dump")
        target = folder / POSTGRES_FILE
        env, args = _postgres_env(settings_dict)
        # Counts and dump from one snapshot, so they agree while users write.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            manifest["counts"] = counts()
            subprocess.run(  # noqa: S603 -- fixed program, arguments from settings
                [
                    pg_dump,
                    *args,
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={target}",
                    settings_dict["NAME"],
                ],
                env=env,
                check=True,
            )
        manifest["files"]["database"] = POSTGRES_FILE
    else:
        raise BackupError(f"No backup procedure for {connection.vendor}.")

    for name, source in _upload_folders().items():
        stored = _archive(source, folder / f"{name}.tar.gz")
        if stored:
            manifest["files"][name] = stored
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def _is_empty_database(connection):
    with connection.cursor() as cursor:
        return "django_migrations" not in connection.introspection.table_names(cursor)


def restore(folder, *, force=False):
    """Restore ``folder`` into the settings' database and upload folders.

    Returns ``(manifest counts, restored counts)``; they are equal when the
    restore is complete.
    """
    from django.db import connection

    folder = Path(folder)
    manifest = json.loads((folder / MANIFEST).read_text())
    if manifest["vendor"] != connection.vendor:
        raise BackupError(
            f"The backup is of {manifest['vendor']}; the settings point at "
            f"{connection.vendor}."
        )
    settings_dict = connection.settings_dict

    if connection.vendor == "sqlite":
        target = Path(settings_dict["NAME"])
        connection.close()
        if target.exists() and target.stat().st_size and not force:
            raise BackupError(f"{target} exists: restore into a new file, or --force.")
        source = sqlite3.connect(str(folder / manifest["files"]["database"]))
        copy = sqlite3.connect(str(target))
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
    else:
        pg_restore = _tool("pg_restore")
        if not _is_empty_database(connection) and not force:
            raise BackupError(
                f"Database {settings_dict['NAME']} is not empty: restore into a "
                "new database (createdb), or --force to replace its tables."
            )
        connection.close()
        env, args = _postgres_env(settings_dict)
        clean = ["--clean", "--if-exists"] if force else []
        subprocess.run(  # noqa: S603 -- fixed program, arguments from settings
            [
                pg_restore,
                *args,
                *clean,
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                f"--dbname={settings_dict['NAME']}",
                str(folder / manifest["files"]["database"]),
            ],
            env=env,
            check=True,
        )
        # pg_restore writes rows, not the planner's statistics.
        planner.gather_statistics()

    for name, target in _upload_folders().items():
        stored = manifest["files"].get(name)
        if not stored:
            continue
        target = Path(target)
        target.mkdir(parents=True, exist_ok=True)
        if any(target.iterdir()) and not force:
            raise BackupError(f"{target} is not empty: --force to add the files.")
        with tarfile.open(folder / stored) as archive:
            archive.extractall(target, filter="data")

    # The rows came in without Django: pages kept from the data the site
    # held before are read afresh.
    from vsfa import freshness

    freshness.changed()
    return manifest["counts"], counts()


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.backup")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("counts", help="rows per table, as JSON")
    dump_parser = commands.add_parser("dump", help="back up into a new folder")
    dump_parser.add_argument("folder")
    restore_parser = commands.add_parser("restore", help="restore and check counts")
    restore_parser.add_argument("folder")
    restore_parser.add_argument(
        "--force", action="store_true", help="replace what the target holds"
    )
    args = parser.parse_args(argv)
    _django()

    try:
        if args.command == "counts":
            print(json.dumps(counts(), indent=2, sort_keys=True))
        elif args.command == "dump":
            manifest = dump(args.folder)
            total = sum(manifest["counts"].values())
            print(
                f"Backed up {len(manifest['counts'])} tables, {total:,} rows, "
                f"into {args.folder}: {', '.join(manifest['files'].values())}"
            )
        else:
            expected, restored = restore(args.folder, force=args.force)
            different = {
                table: (count, restored.get(table))
                for table, count in expected.items()
                if restored.get(table) != count
            }
            if different:
                print(f"Restored, but counts differ: {different}", file=sys.stderr)
                return 1
            print(
                f"Restored {len(restored)} tables, {sum(restored.values()):,} rows: "
                "the same counts as the backup."
            )
    except (BackupError, subprocess.CalledProcessError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
