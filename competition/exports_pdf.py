"""The record of a final as a PDF, to file with the programme's papers.

One A4 document in landscape (the sheets have a column per criterion): a
title page that says whether the results are certified, by whom and when;
the ranking with the weighted averages and each tie-break step applied; the
prizes; who was left out of the averages; every juror's sheets; the score
changes and the audit trail. Built from the same reads as the results page
and the CSV and XLSX downloads, in a fixed number of queries.
"""

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from competition import exports, selectors
from competition.choices import TieBreak
from competition.models import Assignment
from vsfa.audit_labels import action_label
from vsfa.pdf import FAMILY, Document

DASH = "–"
HEADING_SIZE = 13
TEXT_SIZE = 10
TABLE_SIZE = 8
# Millimetres a heading needs below it, or it starts the next page.
KEEP_WITH_HEADING = 30
# Column widths in millimetres of the tables of ``competition.exports``.
CHANGES_WIDTHS = (40, 38, 38, 42, 42, 12, 12, 53)
AUDIT_WIDTHS = (40, 45, 60, 132)


def _number(value):
    return DASH if value is None else number_format(value, 2)


def _when(value):
    return date_format(timezone.localtime(value), "DATETIME_FORMAT")


class RecordDocument(Document):
    """A :class:`vsfa.pdf.Document` with the final's title and the page
    number at the foot of every page."""

    def __init__(self, final):
        title = _("Record of %(title)s") % {"title": final.title}
        super().__init__(
            title=title, author=final.edition.name, orientation="landscape"
        )
        self.running_title = f"{final.edition.name} · {title}"

    def footer(self):
        self.set_y(-12)
        self.set_font(FAMILY, size=TABLE_SIZE)
        page = _("page %(page)s of %(pages)s") % {
            "page": self.page_no(),
            "pages": self.alias_nb_pages_text,
        }
        self.cell(0, 6, text=f"{self.running_title} · {page}", align="C")

    @property
    def alias_nb_pages_text(self):
        # fpdf2 puts the number of pages in place of this alias on output.
        return self.str_alias_nb_pages

    def heading(self, text):
        # A heading stays with the first lines of what it introduces.
        if self.get_y() > self.h - self.b_margin - KEEP_WITH_HEADING:
            self.add_page()
        self.ln(3)
        self.set_font(FAMILY, "B", HEADING_SIZE)
        self.multi_cell(0, 7, text=text, new_x="LMARGIN", new_y="NEXT")
        self.set_font(FAMILY, "", TEXT_SIZE)

    def paragraph(self, text, size=TEXT_SIZE):
        self.set_font(FAMILY, "", size)
        self.multi_cell(0, 5, text=text, new_x="LMARGIN", new_y="NEXT")
        self.set_font(FAMILY, "", TEXT_SIZE)

    def grid(self, header, rows, widths, align=None):
        """A table with ``header`` repeated on every page it runs over."""
        self.set_font(FAMILY, "", TABLE_SIZE)
        align = align or ["LEFT"] * len(header)
        with self.table(
            col_widths=widths, text_align=align, line_height=4, padding=1
        ) as table:
            table.row([str(cell) for cell in header])
            for row in rows or [[DASH] + [""] * (len(header) - 1)]:
                table.row(["" if cell is None else str(cell) for cell in row])
        self.set_font(FAMILY, "", TEXT_SIZE)
        self.ln(2)


def record_document(final):
    """The whole record of ``final`` as a :class:`RecordDocument` (not yet output)."""
    ranking = selectors.ranking(final)
    left_out = selectors.left_out_of(final, ranking)
    document = RecordDocument(final)

    _title_page(document, final, selectors.certifications_of(final))
    document.add_page()
    _ranking(document, ranking)
    _tie_break(document, ranking)
    _prizes(document, selectors.prize_winners(final, ranking))
    _left_out(document, left_out)
    _sheets(document, final, ranking, left_out)
    for (title, header, rows), widths in (
        (exports.changes_table(final, when=_when), CHANGES_WIDTHS),
        (exports.audit_table(final, when=_when, action=action_label), AUDIT_WIDTHS),
    ):
        document.heading(title)
        document.grid(header, rows, widths)
    return document


def _title_page(document, final, certifications):
    document.add_page()
    document.ln(40)
    document.set_font(FAMILY, "B", 22)
    document.multi_cell(
        0, 11, text=document.title, align="C", new_x="LMARGIN", new_y="NEXT"
    )
    document.ln(4)
    document.set_font(FAMILY, "", 14)
    facts = [final.edition.name, date_format(final.date, "DATE_FORMAT")]
    if final.venue:
        facts.append(final.venue)
    document.multi_cell(
        0, 8, text=" · ".join(facts), align="C", new_x="LMARGIN", new_y="NEXT"
    )
    document.ln(10)
    lines = []
    for item in certifications:
        lines.append(
            _("Certified by %(who)s on %(when)s.")
            % {
                "who": item.certified_by.get_full_name(),
                "when": _when(item.certified_at),
            }
        )
        if item.reopened_at:
            lines.append(
                _("Reopened by %(who)s on %(when)s: %(reason)s")
                % {
                    "who": item.reopened_by.get_full_name(),
                    "when": _when(item.reopened_at),
                    "reason": item.reopen_reason,
                }
            )
    if not any(item.reopened_at is None for item in certifications):
        lines.append(_("Provisional: the results are not certified."))
    lines.append(_("printed on %(when)s") % {"when": _when(timezone.now())})
    document.set_font(FAMILY, "", 12)
    for line in lines:
        document.multi_cell(0, 7, text=line, align="C", new_x="LMARGIN", new_y="NEXT")


def _criteria_legend(document, criteria):
    for number, criterion in enumerate(criteria, start=1):
        weight = (
            f"{number_format(criterion.weight, 2)}%"
            if criterion.counted
            else _("not counted")
        )
        document.paragraph(f"C{number}: {criterion.name} ({weight})", TABLE_SIZE)


def _ranking(document, ranking):
    document.heading(_("Results"))
    document.paragraph(
        _(
            "A juror's result for a pitch is the weighted average of the counted "
            "criteria they scored; the jury's result is the mean over the sheets "
            "that count. A missing sheet, an abstention, a recusal or a conflict of "
            "interest is left out, never counted as zero. Equal results go through "
            "the tie-break chain; those still equal share a rank."
        ),
        TABLE_SIZE,
    )
    peer = bool(ranking.peer_percent)
    codes = [f"C{number}" for number in range(1, len(ranking.criteria) + 1)]
    header = [_("Rank"), _("Finalist"), _("Result")]
    widths = [14, 70, 20]
    if peer:
        header += [_("Jury"), _("Peer vote")]
        widths += [18, 18]
    header += [_("Sheets in"), _("Rank on z-scores"), *codes]
    widths += [18, 22, *[16] * len(codes)]
    rows = []
    for row in ranking.rows:
        rank = DASH if row.rank is None else f"{row.rank}{'=' if row.shared else ''}"
        cells = [rank, f"{row.finalist.pitch_order}. {row.finalist.name}"]
        cells.append(_number(row.result_display))
        if peer:
            cells += [_number(row.jury_display), _number(row.peer_display)]
        cells += [
            f"{row.sheets_in} / {row.sheets_expected}",
            DASH if row.normalised_rank is None else row.normalised_rank,
            *[_number(average) for average in row.averages_display],
        ]
        rows.append(cells)
    numeric = ["RIGHT"] * (len(header) - 2)
    document.grid(header, rows, widths, ["LEFT", "LEFT", *numeric])
    _criteria_legend(document, ranking.criteria)
    if ranking.agreement_display is not None:
        document.paragraph(
            _("Kendall's W = %(w)s")
            % {"w": number_format(ranking.agreement_display, 2)}
        )


def _tie_break(document, ranking):
    document.heading(_("Tie-break"))
    if not ranking.steps:
        document.paragraph(_("No tie-break chain: equal results share a rank."))
    for number, step in enumerate(ranking.steps, start=1):
        document.paragraph(f"{number}. {step}")
    for item in ranking.trail:
        values = ", ".join(
            f"{finalist.name} {DASH if value is None else _step_value(item, value)}"
            for finalist, value in item["values"]
        )
        outcome = _("separated") if item["separated"] else _("still equal")
        step = _("Step %(number)s (%(step)s):") % {
            "number": item["number"],
            "step": item["step"],
        }
        document.paragraph(f"{step} {values} — {outcome}")
    for group in ranking.waiting_for_casting_vote:
        names = ", ".join(finalist.name for finalist in group)
        waiting = _("waiting for the chair's casting vote")
        document.paragraph(f"{names}: {waiting}")


def _step_value(item, value):
    if item["step"].kind == TieBreak.CRITERION:
        return number_format(value, 2)
    return value


def _prizes(document, prizes):
    document.heading(_("Prizes"))
    rows = [
        [
            prize.name,
            DASH if prize.place is None else prize.place,
            ""
            if prize.amount_lei is None
            else number_format(prize.amount_lei, 2, force_grouping=True),
            ", ".join(finalist.name for finalist in winners) or DASH,
            prize.decision,
        ]
        for prize, winners in prizes
    ]
    header = [
        _("Prize"),
        _("Place"),
        _("Amount (lei)"),
        _("Awarded to"),
        _("Decided by"),
    ]
    document.grid(header, rows, [60, 18, 28, 80, 91])


def _left_out(document, left_out):
    document.heading(_("Left out of the averages"))
    if not left_out:
        document.paragraph(_("Nobody."))
        return
    rows = [
        [str(juror), finalist.name, kind, reason]
        for juror, finalist, kind, reason in left_out
    ]
    header = [_("Juror"), _("Finalist"), _("Why"), _("Reason")]
    document.grid(header, rows, [50, 60, 45, 122])


def _sheets(document, final, ranking, left_out):
    """One table per juror: their pitches in order, the score of each
    criterion and where the sheet stands (or why it does not count)."""
    criteria = ranking.criteria
    codes = [f"C{number}" for number in range(1, len(criteria) + 1)]
    reasons = {
        (juror.pk, finalist.pk): f"{kind}: {reason}" if reason else str(kind)
        for juror, finalist, kind, reason in left_out
    }
    by_juror = {}
    assignments = (
        Assignment.objects.filter(finalist__final=final)
        .select_related("finalist", "sheet")
        .prefetch_related("sheet__scores")
        .order_by("finalist__pitch_order", "pk")
    )
    for assignment in assignments:
        by_juror.setdefault(assignment.juror_id, []).append(assignment)

    document.heading(_("Score sheets"))
    _criteria_legend(document, criteria)
    header = [_("Pitch"), _("Finalist"), *codes, _("Status"), _("Comment")]
    widths = [22, 55, *[10] * len(codes), 64, 136 - 10 * len(codes)]
    align = ["RIGHT", "LEFT", *["RIGHT"] * len(codes), "LEFT", "LEFT"]
    for juror_row in ranking.jurors:
        juror = juror_row.juror
        rows, seen = [], set()
        for assignment in by_juror.get(juror.pk, []):
            seen.add(assignment.finalist_id)
            sheet = getattr(assignment, "sheet", None)
            values = {}
            if sheet is not None:
                values = {s.criterion_id: s.value for s in sheet.scores.all()}
            rows.append(
                [
                    assignment.finalist.pitch_order,
                    assignment.finalist.name,
                    *[values.get(criterion.pk, DASH) for criterion in criteria],
                    reasons.get((juror.pk, assignment.finalist_id))
                    or _sheet_status(sheet),
                    sheet.comment if sheet is not None else "",
                ]
            )
        for (juror_id, finalist_id), reason in reasons.items():
            if juror_id == juror.pk and finalist_id not in seen:
                finalist = next(
                    row.finalist
                    for row in ranking.rows
                    if row.finalist.pk == finalist_id
                )
                rows.append(
                    [
                        finalist.pitch_order,
                        finalist.name,
                        *[DASH] * len(criteria),
                        reason,
                        "",
                    ]
                )
        rows.sort(key=lambda row: row[0])
        document.heading(_("Juror: %(name)s") % {"name": juror})
        document.grid(header, rows, widths, align)


def _sheet_status(sheet):
    if sheet is None or not sheet.scores.all():
        return _("Not started")
    if sheet.submitted_at is None:
        return _("Draft")
    return _("Submitted on %(when)s") % {"when": _when(sheet.submitted_at)}
