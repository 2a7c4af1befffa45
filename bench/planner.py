"""Planner statistics for data written all at once.

PostgreSQL plans a query from statistics about each table, which autovacuum
gathers some time after rows are written. A database just seeded, multiplied
or restored has none yet: the planner then guesses one row per table and
picks nested loops over thousands (the indicators page took 85 ms where it
takes 32 once the statistics exist). A server in use has its statistics, so
the harness gathers them before measuring, and a restore gathers them before
the site is pointed at the copy.
"""


def gather_statistics():
    """``ANALYZE`` on PostgreSQL; nothing elsewhere (SQLite's planner does
    not wait for statistics, and the benchmark measures it without)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
