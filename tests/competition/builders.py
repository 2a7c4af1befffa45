"""Builders for the final's tests, on top of tests.factories."""

import datetime

from django.contrib.messages import get_messages
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from competition import services
from competition.models import Juror, ScoreSheet
from tests import factories

# The most queries a page of the final may make, whatever its number of rows:
# the session, the user, the edition and the navigation take a few of them.
PAGE_QUERIES = 12
# The ranking reads the criteria, finalists, jurors, their declared ties with
# the schools and mentors behind them (one query), the sheets, votes and
# tie-break chain.
RANKING_QUERIES = 7
# The results page: the ranking, its notes, who is left out, the prizes.
RESULTS_PAGE_QUERIES = 15
# The organisers' list of sheets, and of appeals: the page, the final, one
# query for the rows, the count for the pagination, the navigation.
SHEET_LIST_QUERIES = 7
APPEAL_LIST_QUERIES = 6


def make_final(edition, organiser, **fields):
    """A final set up the way organisers do it: through the service."""
    return services.create_final(
        actor=organiser,
        edition=edition,
        title=fields.pop("title", "Finala VSFA"),
        date=fields.pop("date", datetime.date(2027, 9, 20)),
        venue=fields.pop("venue", "Primăria Sectorului 6"),
        **fields,
    )


def make_finalists(final, count, start=1):
    return [
        factories.make_finalist(
            final,
            members=[factories.make_member(final.edition)],
            name=f"Echipa {number}",
            pitch_order=number,
        )
        for number in range(start, start + count)
    ]


def declared(juror):
    """``juror`` has declared no conflict of interest, as jurors do before scoring."""
    Juror.objects.filter(pk=juror.pk, conflicts_declared_at__isnull=True).update(
        conflicts_declared_at=timezone.now()
    )
    juror.refresh_from_db()
    return juror


def assign(juror, finalist):
    """An assignment with its empty sheet, as the assignment service makes it;
    the juror has declared they have no conflict."""
    declared(juror)
    assignment = factories.assign(juror, finalist)
    ScoreSheet.objects.create(assignment=assignment)
    return assignment


def score(assignment, scores, *, submit=True, comment=""):
    """Fill ``assignment``'s sheet with ``scores`` in criterion order."""
    criteria = list(assignment.finalist.final.criteria.all())
    values = {
        criterion.pk: value for criterion, value in zip(criteria, scores, strict=True)
    }
    return services.save_sheet(
        actor=assignment.juror.user,
        assignment=assignment,
        values=values,
        comment=comment,
        submit=submit,
    )


def form_data(assignment, scores, action="submit", comment="", key=""):
    """The POST body of the sheet page for ``scores`` in criterion order."""
    criteria = list(assignment.finalist.final.criteria.all())
    data = {
        f"criterion_{criterion.pk}": str(value)
        for criterion, value in zip(criteria, scores, strict=True)
        if value is not None
    }
    data["comment"] = comment
    data["submission_key"] = key
    data[action] = "1"
    return data


def ro(text, **params):
    """``text`` as a Romanian page shows it, whether or not it is translated yet."""
    with translation.override("ro"):
        translated = gettext(text)
    return translated % params if params else translated


def ro_plural(singular, plural, count, **params):
    """A plural message as a Romanian page shows it for ``count``."""
    with translation.override("ro"):
        translated = ngettext(singular, plural, count)
    return translated % {"count": count, **params}


FULL = (
    "The final is full: this edition has %(count)s finalist.",
    "The final is full: this edition has %(count)s finalists.",
)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]
