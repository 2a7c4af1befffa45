"""The record of a final: exports (CSV, XLSX) and a page printed to PDF.

The printable record is an HTML page laid out for paper (``@media print``):
the browser's "Save as PDF" keeps the text as text, with the fonts the
browser has for Romanian diacritics, so the project bundles no font and needs
no PDF library.
"""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from competition import selectors
from competition.permissions import final_for
from vsfa.exports import csv_response, xlsx_response
from vsfa.permissions import organiser_required


def _text(value):
    return "" if value is None else str(value)


def results_table(final, ranking):
    header = [
        _("Rank"),
        _("Pitch"),
        _("Finalist"),
        _("Result"),
        _("Jury"),
        _("Peer vote"),
        _("Sheets in"),
        _("Rank on z-scores"),
        *[criterion.name for criterion in ranking.criteria],
    ]
    rows = [
        [
            row.rank,
            row.finalist.pitch_order,
            row.finalist.name,
            _text(row.result_display),
            _text(row.jury_display),
            _text(row.peer_display),
            row.sheets_in,
            row.normalised_rank,
            *[_text(average) for average in row.averages_display],
        ]
        for row in ranking.rows
    ]
    return _("Results"), header, rows


def sheets_table(final):
    criteria = list(final.criteria.all())
    header = [
        _("Pitch"),
        _("Finalist"),
        _("Juror"),
        _("Submitted at"),
        _("Left out"),
        *[criterion.name for criterion in criteria],
        _("Comment"),
    ]
    rows = []
    for sheet in selectors.sheets_of(final).prefetch_related("scores"):
        values = {score.criterion_id: score.value for score in sheet.scores.all()}
        assignment = sheet.assignment
        rows.append(
            [
                assignment.finalist.pitch_order,
                assignment.finalist.name,
                str(assignment.juror),
                _text(sheet.submitted_at and timezone.localtime(sheet.submitted_at)),
                assignment.get_left_out_display() if assignment.left_out else "",
                *[values.get(criterion.pk) for criterion in criteria],
                sheet.comment,
            ]
        )
    return _("Score sheets"), header, rows


def changes_table(final):
    header = [
        _("When"),
        _("Who"),
        _("Juror"),
        _("Finalist"),
        _("Criterion"),
        _("From"),
        _("To"),
        _("Why"),
    ]
    rows = [
        [
            timezone.localtime(change.at).isoformat(timespec="seconds"),
            str(change.changed_by),
            str(change.sheet.assignment.juror),
            change.sheet.assignment.finalist.name,
            change.criterion.name,
            change.from_value,
            change.to_value,
            change.reason or change.get_kind_display(),
        ]
        for change in selectors.changes_of(final)
    ]
    return _("Score changes"), header, rows


def audit_table(final):
    header = [_("When"), _("Who"), _("Action"), _("Summary")]
    rows = [
        [
            timezone.localtime(event.at).isoformat(timespec="seconds"),
            str(event.actor or ""),
            event.action,
            event.summary,
        ]
        for event in selectors.audit_of(final)
    ]
    return _("Audit trail"), header, rows


@organiser_required
def export(request, pk, what, fmt):
    """``what`` is results, sheets or audit (with the score changes); ``fmt``
    is csv or xlsx."""
    final = final_for(request.user, pk)
    if what == "results":
        tables = [results_table(final, selectors.ranking(final))]
    elif what == "sheets":
        tables = [sheets_table(final), changes_table(final)]
    elif what == "audit":
        tables = [audit_table(final), changes_table(final)]
    else:
        raise Http404
    name = f"final-{final.pk}-{what}"
    if fmt == "xlsx":
        return xlsx_response(f"{name}.xlsx", tables)
    if fmt == "csv":
        _title, header, rows = tables[0]
        return csv_response(f"{name}.csv", header, rows)
    raise Http404


@organiser_required
def record(request, pk):
    """Everything about the final's outcome on one page, to print or save as PDF."""
    final = final_for(request.user, pk)
    ranking = selectors.ranking(final)
    context = {
        "final": final,
        "ranking": ranking,
        "prizes": selectors.prize_winners(final, ranking),
        "left_out": selectors.left_out_of(final),
        "certifications": selectors.certifications_of(final),
        "sheets": sheets_table(final),
        "changes": changes_table(final),
        "audit": audit_table(final),
        "printed_at": timezone.now(),
    }
    return render(request, "competition/final_record.html", context)
