"""The record of a final: exports (CSV, XLSX), the PDF record and a page
laid out for printing.

The PDF (``competition.exports_pdf``) is the record to file; the printable
page shows the same on screen and on paper (``@media print``).
"""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from competition import exports, exports_pdf, selectors
from competition.permissions import final_for
from vsfa.exports import csv_response, xlsx_response
from vsfa.pdf import pdf_response
from vsfa.permissions import organiser_required


@organiser_required
def export(request, pk, what, fmt):
    """``what`` is results, sheets or audit (with the score changes), each in
    ``fmt`` csv or xlsx; or the whole record, in pdf."""
    final = final_for(request.user, pk)
    if (what, fmt) == ("record", "pdf"):
        document = exports_pdf.record_document(final)
        return pdf_response(document, f"final-{final.pk}-record.pdf")
    if what == "results":
        tables = [exports.results_table(final, selectors.ranking(final))]
    elif what == "sheets":
        tables = [exports.sheets_table(final), exports.changes_table(final)]
    elif what == "audit":
        tables = [exports.audit_table(final), exports.changes_table(final)]
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
        "left_out": selectors.left_out_of(final, ranking),
        "certifications": selectors.certifications_of(final),
        "sheets": exports.sheets_table(final),
        "changes": exports.changes_table(final),
        "audit": exports.audit_table(final),
        "printed_at": timezone.now(),
    }
    return render(request, "competition/final_record.html", context)
