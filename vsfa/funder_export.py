"""The funder's workbook: participants, indicators and budget of an edition."""

import io

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from vsfa import audit, indicators, privacy, suppression
from vsfa.choices import Declared, EducationLevel, LabourStatus
from vsfa.exports import safe_cell


def _yes_no(value):
    return _("yes") if value else _("no")


def _append(sheet, row, bold=False):
    sheet.append([safe_cell(value) for value in row])
    if bold:
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)


def _widen(sheet):
    for index, column in enumerate(sheet.columns, start=1):
        longest = max((len(str(cell.value or "")) for cell in column), default=8)
        sheet.column_dimensions[get_column_letter(index)].width = min(
            max(longest + 2, 8), 60
        )


def _participants_sheet(sheet, rows, flags):
    """One row per cohort member; ``flags`` ({person: declaration}) or None."""
    education = dict(EducationLevel.choices)
    labour = dict(LabourStatus.choices)
    declared = dict(Declared.choices)
    header = [
        _("Participant no."),
        _("Entry date"),
        _("Exit date"),
        _("Gender"),
        _("Age at entry"),
        _("Education level"),
        _("Labour-market status"),
        _("School"),
        _("Status in the cohort"),
        _("Completed the training"),
        _("Finalist"),
        _("Startup founder"),
    ]
    if flags is not None:
        header += [str(label) for _key, label in indicators.FLAGS]
    _append(sheet, header, bold=True)
    for row in rows:
        values = [
            row.number,
            row.entered_on,
            row.left_on,
            str(row.gender),
            row.age,
            str(education.get(row.education_level, "")),
            str(labour.get(row.labour_status, "")),
            row.school,
            str(row.status),
            _yes_no(row.completed),
            _yes_no(row.finalist),
            _yes_no(row.founder),
        ]
        if flags is not None:
            answers = flags.get(row.person_id, {})
            values += [
                str(declared.get(answers.get(key, ""), ""))
                for key, _label in indicators.FLAGS
            ]
        _append(sheet, values)
    for cell in sheet["B"][1:] + sheet["C"][1:]:
        cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "B2"


def _indicators_sheet(sheet, figures):
    _append(sheet, [figures.title], bold=True)
    _append(sheet, [])
    _append(sheet, [_("Indicator"), _("Target"), _("Achieved"), _("Definition")], True)
    for figure in figures.figures:
        _append(
            sheet,
            [str(figure.label), figure.target, figure.value, str(figure.definition)],
        )
    _append(sheet, [])
    _append(sheet, [_("From conference to startup (unique persons)")], bold=True)
    for stage in figures.funnel:
        _append(sheet, [str(stage["label"]), None, stage["value"]])
    stage_labels = [str(label) for _key, label in indicators.STAGES]
    for breakdown in figures.breakdowns:
        _append(sheet, [])
        _append(sheet, [str(breakdown.title), *stage_labels], bold=True)
        for row in breakdown.rows:
            _append(sheet, [str(row.label), *(cell.sheet_value for cell in row.cells)])
        if breakdown.totals is not None:
            _append(
                sheet,
                [_("Total"), *(cell.sheet_value for cell in breakdown.totals)],
                bold=True,
            )
        if breakdown.note:
            _append(sheet, [str(breakdown.note)])
    _append(sheet, [])
    _append(sheet, [_small_cell_rule()])


def _small_cell_rule():
    return _(
        "%(small)s: fewer than 5 people. %(secondary)s: hidden too, so that a "
        "total cannot reveal a hidden group."
    ) % {"small": suppression.SMALL_LABEL, "secondary": suppression.SECONDARY_LABEL}


def _budget_sheet(sheet, lines, total, costs):
    _append(
        sheet,
        [
            _("Budget line"),
            _("Budget (EUR)"),
            _("Recorded costs (EUR)"),
            _("Remaining (EUR)"),
        ],
        bold=True,
    )
    for line in [*lines, total]:
        _append(sheet, [str(line.label), line.budget, line.spent, line.remaining])
    _append(sheet, [])
    _append(
        sheet,
        [
            _("Date"),
            _("Budget line"),
            _("Amount (EUR)"),
            _("Description"),
            _("Recorded by"),
        ],
        bold=True,
    )
    for cost in costs:
        _append(
            sheet,
            [
                cost.spent_on,
                cost.get_line_display(),
                cost.amount,
                cost.description,
                str(cost.recorded_by or ""),
            ],
        )
    for row in sheet.iter_rows(min_col=2, max_col=4):
        for cell in row:
            if not isinstance(cell.value, str):
                cell.number_format = "#,##0.00"
    for cell in sheet["A"]:
        if not isinstance(cell.value, str):
            cell.number_format = "yyyy-mm-dd"


def funder_workbook(edition, *, participants, figures, budget, costs, flags=None):
    """The workbook as bytes: participants, indicators and budget sheets."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("Participants")[:31]
    _participants_sheet(sheet, participants, flags)
    _indicators_sheet(book.create_sheet(_("Indicators")[:31]), figures)
    lines, total = budget
    _budget_sheet(book.create_sheet(_("Budget")[:31]), lines, total, costs)
    for each in book.worksheets:
        _widen(each)
    book.properties.title = f"VSFA {edition.name}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@transaction.atomic
def export_edition(*, actor, edition):
    """The funder's workbook of ``edition`` for ``actor``; audited.

    The self-declared flags are included only for an organiser allowed to
    read them, and every participant whose answers go into the file is
    logged as a reading.
    """
    facts = indicators.load_facts([edition])
    participants = indicators.participant_rows(edition, facts)
    flags = None
    if privacy.can_read_sensitive(actor):
        flags = privacy.read_sensitive_many(
            user=actor,
            person_ids=[row.person_id for row in participants],
            purpose="export",
        )
    content = funder_workbook(
        edition,
        participants=participants,
        figures=indicators.edition_indicators(edition, facts),
        budget=indicators.budget(edition),
        costs=indicators.costs(edition),
        flags=flags,
    )
    audit.record(
        actor,
        "report.exported",
        edition,
        edition=edition,
        summary=edition.name,
        participants=len(participants),
        with_sensitive=flags is not None,
    )
    return content
