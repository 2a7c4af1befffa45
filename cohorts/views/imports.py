"""Pages of the attendance import and of the possible duplicates it finds."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cohorts.choices import ImportStatus
from cohorts.forms_importing import (
    ImportMappingForm,
    ImportOptionsForm,
    ImportUploadForm,
    MatchDecisionForm,
)
from cohorts.importing import selectors, services
from cohorts.importing.messages import phrase
from cohorts.models import AttendanceImport, Conference, MatchProposal
from vsfa import exports
from vsfa.permissions import organiser_required
from vsfa.search import searchable
from vsfa.uploads import UploadNotSaved

ROWS_PER_PAGE = 200
IMPORTS_PER_PAGE = 50
MATCHES_PER_PAGE = 20


def _import_or_404(pk):
    return get_object_or_404(
        AttendanceImport.objects.select_related(
            "conference__school", "conference__edition", "uploaded_by", "confirmed_by"
        ),
        pk=pk,
    )


def _tell_upload_outcome(request, attendance_import):
    if attendance_import.status == ImportStatus.QUEUED:
        messages.success(
            request,
            _(
                "The file is large: it is read in the background. This page "
                "shows how far it has got, then the preview."
            ),
        )
    elif attendance_import.status == ImportStatus.REFUSED:
        messages.error(
            request,
            _("The file was refused: nothing from it was saved. See why below."),
        )
    else:
        messages.success(
            request,
            _("The file was read. Check the preview, then confirm the import."),
        )


@organiser_required
def import_upload(request, conference_pk):
    conference = get_object_or_404(
        Conference.objects.select_related("school", "edition"), pk=conference_pk
    )
    if request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES)
    else:
        form = ImportUploadForm()
    if form.is_bound and form.is_valid():
        try:
            attendance_import = services.create_preview(
                actor=request.user,
                conference=conference,
                uploaded_file=form.cleaned_data["file"],
                list_kind=form.cleaned_data["list_kind"],
                # A large file is read by the worker, not while the request waits.
                background=None,
            )
        except UploadNotSaved as error:
            form.add_error(None, error)
        else:
            _tell_upload_outcome(request, attendance_import)
            return redirect("cohorts:import_detail", pk=attendance_import.pk)
    return render(
        request,
        "cohorts/import_upload.html",
        {
            "conference": conference,
            "form": form,
            "earlier_imports": selectors.imports_of_conference(conference),
        },
    )


@organiser_required
@searchable("imports")
def import_list(request, query):
    imports = (
        selectors.imports_of_edition(request.edition, query)
        if request.edition
        else AttendanceImport.objects.none()
    )
    page = Paginator(imports, IMPORTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "cohorts/import_list.html", {"page_obj": page, "query": query}
    )


@organiser_required
def import_detail(request, pk):
    attendance_import = _import_or_404(pk)
    action = request.GET.get("action", "")
    rows = selectors.rows_of(attendance_import, action)
    reading = selectors.reading_of(attendance_import)
    options_form = None
    if attendance_import.status in (ImportStatus.PREVIEW, ImportStatus.REFUSED) and (
        reading["columns"] or len(reading["sheets"]) > 1
    ):
        options_form = ImportOptionsForm(
            initial={"sheet": reading["sheet"], "order": reading["name_order"]},
            sheets=reading["sheets"],
            two_columns=reading["two_columns"],
        )
    errors = selectors.errors_of(attendance_import)
    rows_page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    rows_page.object_list = selectors.labelled(rows_page.object_list)
    return render(
        request,
        "cohorts/import_detail.html",
        {
            "progress": selectors.progress_of(attendance_import),
            "commit_failed": (attendance_import.summary or {}).get("commit_failed"),
            "plan_changed": (attendance_import.summary or {}).get("plan_changed"),
            # Only said: reading the file again is the organiser's choice.
            "stale": selectors.preview_is_stale(attendance_import),
            "import": attendance_import,
            "conference": attendance_import.conference,
            "counts": selectors.counts_of(attendance_import),
            "undo": (attendance_import.summary or {}).get("undo"),
            "same_file": (attendance_import.summary or {}).get("same_file"),
            "reading": reading,
            "warnings": selectors.warnings_of(attendance_import),
            "errors": errors[:500],
            "error_count": len(errors),
            "rows_page": rows_page,
            "action": action if action in selectors.ACTIONS else "",
            "options_form": options_form,
            "statuses": ImportStatus,
        },
    )


@organiser_required
def import_progress(request, pk):
    """The progress of a large file, polled by the import page's script."""
    # Polled every few seconds: the summary of a large file weighs megabytes.
    attendance_import = get_object_or_404(
        AttendanceImport.objects.defer("summary", "errors", "mapping"), pk=pk
    )
    progress = selectors.progress_of(attendance_import)
    return JsonResponse({**progress, "label": str(progress["label"])})


def _reading_again(request, attendance_import):
    if attendance_import.status == ImportStatus.QUEUED:
        messages.success(
            request,
            _("The file is read again with your choices, in the background."),
        )
    else:
        messages.success(request, _("The file was read again with your choices."))


@organiser_required
@require_POST
def import_options(request, pk):
    attendance_import = _import_or_404(pk)
    reading = selectors.reading_of(attendance_import)
    form = ImportOptionsForm(
        request.POST, sheets=reading["sheets"], two_columns=reading["two_columns"]
    )
    if not form.is_valid():
        messages.error(request, _("Choose a sheet and a name order from the lists."))
        return redirect("cohorts:import_detail", pk=pk)
    try:
        attendance_import = services.change_options(
            actor=request.user,
            attendance_import=attendance_import,
            sheet=form.cleaned_data.get("sheet") or None,
            order=form.cleaned_data.get("order") or None,
        )
    except services.ImportStateError:
        messages.error(request, _("This import can no longer be changed."))
    else:
        _reading_again(request, attendance_import)
    return redirect("cohorts:import_detail", pk=pk)


@organiser_required
def import_mapping(request, pk):
    """Say which column is which when the headers were not recognised."""
    attendance_import = _import_or_404(pk)
    if attendance_import.status not in (ImportStatus.PREVIEW, ImportStatus.REFUSED):
        messages.error(request, _("This import can no longer be changed."))
        return redirect("cohorts:import_detail", pk=pk)
    rows = selectors.sheet_rows(attendance_import)
    if not rows:
        messages.error(request, _("This file cannot be mapped: it could not be read."))
        return redirect("cohorts:import_detail", pk=pk)
    reading = selectors.reading_of(attendance_import)

    try:
        row_number = int(request.POST.get("header_row") or request.GET.get("row") or 0)
    except ValueError:
        row_number = 0
    if not 1 <= row_number <= len(rows):
        row_number = reading["header_row"] or selectors.likely_header_row(rows)
    columns = [(index, cell) for index, cell in enumerate(rows[row_number - 1]) if cell]
    if reading["header_row"] == row_number:
        guessed = reading["columns"]
    else:
        guessed = selectors.guessed_columns(rows[row_number - 1])
    initial = {
        f"column_{column['index']}": column["field"] or ""
        for column in guessed
        if column["field"] != "repeated"
    }

    if request.method == "POST":
        form = ImportMappingForm(request.POST, columns=columns)
        if form.is_valid():
            try:
                attendance_import = services.change_mapping(
                    actor=request.user,
                    attendance_import=attendance_import,
                    header_row=row_number,
                    columns=form.mapping(),
                )
            except services.ImportStateError:
                messages.error(request, _("This import can no longer be changed."))
            else:
                _reading_again(request, attendance_import)
            return redirect("cohorts:import_detail", pk=pk)
    else:
        form = ImportMappingForm(initial=initial, columns=columns)
    return render(
        request,
        "cohorts/import_mapping.html",
        {
            "import": attendance_import,
            "rows": rows,
            "row_number": row_number,
            "form": form,
        },
    )


@organiser_required
@require_POST
def import_commit(request, pk):
    attendance_import, accepted = services.confirm_import(
        actor=request.user, attendance_import=_import_or_404(pk)
    )

    committed = accepted and attendance_import.status == ImportStatus.COMMITTED
    counts = attendance_import.summary.get("counts", {})
    if accepted and not committed:
        messages.success(
            request,
            _(
                "Confirmed: the file is imported in the background. This page "
                "shows how far it has got."
            ),
        )
    elif (
        committed
        and not counts.get("people_created")
        and not counts.get("attendances_created")
        and not counts.get("marked_present")
    ):
        messages.success(
            request,
            _("Nothing new: everyone in this file was already recorded."),
        )
    elif committed and counts.get("marked_present"):
        messages.success(
            request,
            _("Imported: %(people)s, %(attendances)s, %(present)s.")
            % {
                "people": phrase("people_created", counts.get("people_created")),
                "attendances": phrase(
                    "attendances_recorded", counts.get("attendances_created")
                ),
                "present": phrase("present_marked", counts["marked_present"]),
            },
        )
    elif committed:
        messages.success(
            request,
            _("Imported: %(people)s, %(attendances)s.")
            % {
                "people": phrase("people_created", counts.get("people_created")),
                "attendances": phrase(
                    "attendances_recorded", counts.get("attendances_created")
                ),
            },
        )
    elif attendance_import.status == ImportStatus.REFUSED:
        messages.error(request, _("The file was refused: nothing from it was saved."))
    elif attendance_import.status == ImportStatus.PREVIEW:
        # The organiser confirms what the preview shows: never a stale one.
        messages.warning(
            request,
            _(
                "People or attendances changed since this preview was made: "
                "some rows would now be imported differently. Nothing was "
                "saved. Check the preview, then confirm again."
            ),
        )
    else:
        messages.error(request, _("This import was already confirmed or undone."))
    return redirect("cohorts:import_detail", pk=pk)


@organiser_required
def import_undo(request, pk):
    attendance_import = _import_or_404(pk)
    if request.method == "POST":
        attendance_import, undone = services.undo_import(
            actor=request.user, attendance_import=attendance_import
        )
        if undone:
            undo = attendance_import.summary["undo"]
            messages.success(
                request,
                _("Import undone: %(attendances)s, %(people)s.")
                % {
                    "attendances": phrase(
                        "attendances_removed", undo["attendances_removed"]
                    ),
                    "people": phrase("people_removed", undo["people_removed"]),
                },
            )
        else:
            messages.error(request, _("Only a confirmed import can be undone."))
        return redirect("cohorts:import_detail", pk=pk)
    if attendance_import.status != ImportStatus.COMMITTED:
        messages.error(request, _("Only a confirmed import can be undone."))
        return redirect("cohorts:import_detail", pk=pk)
    return render(
        request,
        "cohorts/import_undo.html",
        {
            "import": attendance_import,
            "counts": attendance_import.summary.get("counts", {}),
        },
    )


@organiser_required
def import_errors(request, pk):
    """The errors of a refused file as CSV, to fix the file with beside it."""
    attendance_import = _import_or_404(pk)
    errors = selectors.errors_of(attendance_import)
    if not errors:
        raise Http404
    return exports.csv_response(
        f"import-{attendance_import.pk}-errors.csv",
        [_("Row"), _("Column"), _("Value"), _("Reason")],
        (
            [error["row"], error["column"], error["value"], error["message"]]
            for error in errors
        ),
    )


@organiser_required
def match_list(request):
    proposals = (
        selectors.pending_matches(request.edition)
        if request.edition
        else MatchProposal.objects.none()
    )
    page = Paginator(proposals, MATCHES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "cohorts/match_list.html",
        {"page_obj": page, "proposals": selectors.with_people(page)},
    )


@organiser_required
@require_POST
def match_decide(request, pk):
    proposal = get_object_or_404(MatchProposal, pk=pk)
    form = MatchDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether they are the same person."))
        return redirect("cohorts:match_list")
    same_person = form.cleaned_data["decision"] == MatchDecisionForm.SAME
    try:
        proposal, decided = services.decide_match(
            actor=request.user, proposal=proposal, same_person=same_person
        )
    except services.MergeConflict:
        messages.error(
            request,
            _(
                "These records cannot be merged automatically: both have an "
                "account, or both have a record of the same kind with records "
                "of its own. Nothing was changed."
            ),
        )
        return redirect("cohorts:match_list")
    if not decided:
        messages.error(request, _("This match was already decided."))
    elif same_person:
        messages.success(
            request,
            _("%(name)s is now one person with all the records of both.")
            % {"name": services.active_person(proposal.candidate).full_name},
        )
    else:
        messages.success(request, _("Kept as two different people."))
    return redirect("cohorts:match_list")
