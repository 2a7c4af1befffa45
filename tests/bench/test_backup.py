"""The backup procedure of docs/operations.md, run as an operator would.

A database with the demo edition and an uploaded file is backed up with
``bench/backup.sh`` and restored with ``bench/restore.sh`` into an empty one;
the restored copy has the same rows in every table and the same files. On
SQLite always; on PostgreSQL when ``DATABASE_URL`` names a server (as in CI).
"""

import json
import os
import sqlite3
import subprocess
import uuid
from pathlib import Path

import dj_database_url
import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
PYTHON = ROOT / ".venv" / "bin" / "python"


def _run(args, env, check=True):
    return subprocess.run(  # noqa: S603 -- our own scripts
        args, cwd=ROOT, env=env, capture_output=True, text=True, check=check
    )


def _environment(var_dir, database_url=None):
    env = {**os.environ, "VSFA_VAR_DIR": str(var_dir), "DJANGO_DEBUG": "1"}
    env.pop("DJANGO_MEDIA_ROOT", None)
    env.pop("VSFA_PRIVATE_MEDIA_ROOT", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    else:
        env.pop("DATABASE_URL", None)
    return env


def _counts(env):
    return json.loads(_run([PYTHON, "-m", "bench.backup", "counts"], env).stdout)


def _fill(env, var_dir):
    _run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
    _run([PYTHON, "manage.py", "seed_demo", "--as-of", "2026-12-04"], env)
    upload = Path(var_dir) / "media" / "imports" / "lista.csv"
    upload.parent.mkdir(parents=True)
    upload.write_text("Nume;Prenume\nPOPA;Ilinca\n", encoding="utf-8")


def _generation(env):
    """The generation of the data that kept parts of pages belong to."""
    # Printed: the shell's output is how the other process answers.
    script = "from vsfa import freshness; print(freshness.generation())"
    return _run([PYTHON, "manage.py", "shell", "-c", script], env).stdout


def _back_up_and_restore(tmp_path, source_url=None, target_url=None):
    source, target = (
        _environment(tmp_path / "a", source_url),
        _environment(tmp_path / "b", target_url),
    )
    _fill(source, tmp_path / "a")
    before = _counts(source)

    backed_up = _run(["bench/backup.sh", str(tmp_path / "backup")], source)
    restored = _run(["bench/restore.sh", str(tmp_path / "backup")], target)

    return before, backed_up, restored, _counts(target)


def test_a_restore_has_pages_read_afresh(tmp_path):
    target = _environment(tmp_path / "b")
    source = _environment(tmp_path / "a")
    _fill(source, tmp_path / "a")
    _run(["bench/backup.sh", str(tmp_path / "backup")], source)
    kept = _generation(target)

    _run(["bench/restore.sh", str(tmp_path / "backup")], target)

    assert _generation(target) not in {"", kept}


def test_sqlite_copy_restores_with_the_same_counts_and_files(tmp_path):
    before, backed_up, restored, after = _back_up_and_restore(tmp_path)

    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["counts"] == before == after
    assert before["vsfa_person"] == 1500
    assert sorted(manifest["files"]) == ["database", "media"]
    assert (tmp_path / "b" / "media" / "imports" / "lista.csv").read_text() == (
        "Nume;Prenume\nPOPA;Ilinca\n"
    )
    assert restored.stdout.startswith(f"Restored {len(before)} tables")
    assert backed_up.returncode == 0


def test_restore_refuses_a_database_in_use(tmp_path):
    source = _environment(tmp_path / "a")
    _run(["bench/backup.sh", str(tmp_path / "backup")], source)
    in_use = sqlite3.connect(tmp_path / "a" / "vsfa.sqlite3")
    in_use.execute("CREATE TABLE kept (id integer)")
    in_use.close()

    refused = _run(["bench/restore.sh", str(tmp_path / "backup")], source, False)

    assert refused.returncode == 2
    assert "exists: restore into a new file, or --force" in refused.stderr


def test_backup_refuses_a_folder_that_is_not_empty(tmp_path):
    source = _environment(tmp_path / "a")
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "old.txt").write_text("x")

    refused = _run(["bench/backup.sh", str(tmp_path / "backup")], source, False)

    assert (refused.returncode, refused.stderr.strip()) == (
        2,
        f"error: {tmp_path / 'backup'} is not empty: choose a new folder.",
    )


def _postgres_server():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return None
    return dj_database_url.parse(url)


@pytest.fixture
def postgres_databases():
    """Two new databases on the server of DATABASE_URL, dropped afterwards."""
    server = _postgres_server()
    if server is None:
        pytest.skip("PostgreSQL backup is tested when DATABASE_URL names a server")
    names = [f"vsfa_backup_{uuid.uuid4().hex[:8]}_{side}" for side in ("a", "b")]
    admin = psycopg.connect(
        host=server["HOST"],
        port=server["PORT"] or 5432,
        user=server["USER"],
        password=server["PASSWORD"] or None,
        dbname=server["NAME"],
        autocommit=True,
    )
    for name in names:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    yield [f"{base}/{name}" for name in names]
    for name in names:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def test_postgresql_dump_restores_with_the_same_counts(tmp_path, postgres_databases):
    source_url, target_url = postgres_databases

    before, _backed_up, restored, after = _back_up_and_restore(
        tmp_path, source_url, target_url
    )

    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["counts"] == before == after
    assert manifest["files"]["database"] == "database.dump"
    assert restored.returncode == 0
    assert _columns_with_statistics(
        target_url, "vsfa_person"
    ) == _columns_with_statistics(source_url, "vsfa_person", analyse=True)


def _columns_with_statistics(url, table, analyse=False):
    """The columns of ``table`` the planner has statistics about."""
    with psycopg.connect(url, autocommit=True) as connection:
        if analyse:
            connection.execute(f'ANALYZE "{table}"')
        return connection.execute(
            "SELECT count(*) FROM pg_stats WHERE tablename = %s", [table]
        ).fetchone()[0]
