"""Many counts in one query.

A page of figures (the organiser's home, say) would otherwise make one
``COUNT`` query per figure: each a round trip and, above all, an ORM query
to build. ``counts`` asks for all of them at once, each as a scalar subquery
of one row.
"""

from django.db.models import F, Func, IntegerField, Subquery
from django.db.models.functions import Coalesce

from vsfa.models import Edition


class _Count(Func):
    """``COUNT(field)`` that Django does not treat as an aggregate.

    Inside a subquery of its own it counts the subquery's rows, and Django
    adds no ``GROUP BY``, so the subquery has exactly one row even when
    nothing matches (``COUNT`` of no rows is 0).
    """

    function = "COUNT"
    contains_aggregate = False
    output_field = IntegerField()


class _CountDistinct(_Count):
    template = "%(function)s(DISTINCT %(expressions)s)"


class Distinct:
    """Count the distinct values of ``field`` in ``queryset`` (e.g. people
    among attendances), not its rows."""

    def __init__(self, queryset, field):
        self.queryset = queryset
        self.field = field


def count_of(queryset):
    """A subquery expression: the rows of ``queryset`` (or a ``Distinct``)."""
    if isinstance(queryset, Distinct):
        counted = _CountDistinct(F(queryset.field))
        queryset = queryset.queryset
    else:
        counted = _Count(F("pk"))
    return Coalesce(
        Subquery(queryset.order_by().annotate(_count=counted).values("_count")),
        0,
        output_field=IntegerField(),
    )


def counts(edition, **querysets):
    """``{name: count}`` of every queryset (or ``Distinct``), in one query.

    The subqueries hang on ``edition``'s row, which every figure of a page
    about that edition has at hand; they need not refer to it.
    """
    # Prefixed: an annotation may not take the name of a field or relation
    # of Edition ("conferences", say).
    expressions = {
        f"count_{name}": count_of(queryset) for name, queryset in querysets.items()
    }
    row = (
        Edition.objects.filter(pk=edition.pk)
        .annotate(**expressions)
        .values(*expressions)
        .get()
    )
    return {name: row[f"count_{name}"] for name in querysets}
