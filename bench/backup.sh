#!/usr/bin/env bash
# Back up vsfa: the database of the settings (DATABASE_URL, else var/) and the
# uploaded files, with the row count of every table, into a new folder.
#   bench/backup.sh [FOLDER]        default: backups/<date>-<time>
# See docs/operations.md for the schedule, where to keep copies and a restore.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
folder=${1:-backups/$(date +%Y%m%d-%H%M%S)}
exec "$PY" -m bench.backup dump "$folder"
