#!/usr/bin/env bash
# Restore a folder written by bench/backup.sh into the database of the settings
# (an empty one: a new SQLite file, or a database made with createdb) and the
# upload folders, then check that every table has the rows counted at backup.
#   bench/restore.sh FOLDER [--force]
# Exit status: 0 restored with the same counts, 1 counts differ, 2 refused.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
if [ $# -lt 1 ]; then
  echo "usage: bench/restore.sh FOLDER [--force]" >&2
  exit 2
fi
exec "$PY" -m bench.backup restore "$@"
