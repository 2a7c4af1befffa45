"""The record of a final as tables: the results, the score sheets, the score
changes and the audit trail, each ``(title, header, rows)`` of plain values.

The CSV and XLSX downloads, the printable page and the PDF record share them,
so that every form of the record says the same thing.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from competition import selectors


def _text(value):
    return "" if value is None else str(value)


def iso_time(value):
    """A moment as spreadsheets sort it: ISO 8601 in local time, to the second."""
    return timezone.localtime(value).isoformat(timespec="seconds")


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


def changes_table(final, when=iso_time):
    """``when`` writes each moment (ISO 8601 by default)."""
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
            when(change.at),
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


def audit_table(final, when=iso_time, action=str):
    """``when`` writes each moment; ``action`` names each action (its code by
    default)."""
    header = [_("When"), _("Who"), _("Action"), _("Summary")]
    rows = [
        [
            when(event.at),
            str(event.actor or ""),
            action(event.action),
            event.summary,
        ]
        for event in selectors.audit_of(final)
    ]
    return _("Audit trail"), header, rows
