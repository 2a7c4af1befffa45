"""Many counts in one query.

A page of figures (the organiser's home, say) would otherwise make one
``COUNT`` query per figure. ``counts`` sends them as one ``SELECT`` of
scalar subqueries. Each subquery is the SQL the ORM compiles for its
queryset, so the rules stay in the querysets; the ORM's own subquery
expressions were tried and cost more to build than the separate queries.
"""

from django.core.exceptions import EmptyResultSet
from django.db import connections


class Distinct:
    """Count the distinct values of ``field`` in ``queryset`` (e.g. people
    among attendances), not its rows."""

    def __init__(self, queryset, field):
        self.queryset = queryset
        self.field = field


def _rows(counted):
    if isinstance(counted, Distinct):
        return counted.queryset.order_by().values(counted.field).distinct()
    return counted.order_by().values("pk")


def counts(**querysets):
    """``{name: count}`` of every queryset (or ``Distinct``), in one query.

    The querysets are of one database, and not sliced (their order is
    dropped, which a slice forbids).
    """
    parts, params, database = [], [], "default"
    for number, counted in enumerate(querysets.values()):
        rows = _rows(counted)
        database = rows.db
        try:
            sql, its_params = rows.query.get_compiler(rows.db).as_sql()
        except EmptyResultSet:
            # A queryset that cannot match (``.none()``, ``pk__in=[]``).
            parts.append("0")
            continue
        # Only SQL compiled by the ORM is joined here; every value in it is
        # a parameter.
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) counted_{number})")  # noqa: S608  # nosec B608
        params.extend(its_params)
    query = "SELECT " + ", ".join(parts)
    with connections[database].cursor() as cursor:
        cursor.execute(query, params)
        row = cursor.fetchone()
    return dict(zip(querysets, row, strict=True))
