"""Watching row locks across connections, for the PostgreSQL-only tests."""

import time

from django.db import connection


def waiting_for_a_lock():
    """How many connections to this database wait for a lock now."""
    with connection.cursor() as cursor:
        # Inside a transaction PostgreSQL keeps showing its first snapshot of
        # the activity; drop it to see the connections as they are now.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


def until_waiting(count, seconds=5):
    """Poll until ``count`` connections wait for a lock; the last count seen."""
    seen = waiting_for_a_lock()
    for _ in range(int(seconds * 100)):
        if seen == count:
            break
        time.sleep(0.01)
        seen = waiting_for_a_lock()
    return seen
