"""Reads of the attendance import: lists, preview rows, errors, proposals."""

import datetime

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    When,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce
from django.utils.translation import gettext as _

from cohorts.choices import ImportStatus, MatchStatus
from cohorts.importing import headers, messages, names
from cohorts.importing.choices import ListKind
from cohorts.importing.matching import DUPLICATE, MATCHED, MATCHING, NEW, PROPOSAL
from cohorts.importing.normalise import cell_text
from cohorts.importing.parsing import READING
from cohorts.importing.readers import UnreadableFile, read_book
from cohorts.importing.writing import SAVING
from cohorts.models import Attendance, AttendanceImport, MatchProposal, School
from vsfa.choices import Gender
from vsfa.models import Person
from vsfa.text import grouped

ACTIONS = (NEW, MATCHED, DUPLICATE, PROPOSAL)


LISTED_COUNTS = (
    "rows_read",
    "people_created",
    "people_matched",
    "attendances_created",
)
# Statuses of an import that has made its match proposals: what is left to
# confirm of them is counted live, since they are decided after the import.
IMPORTED = (ImportStatus.COMMITTED, ImportStatus.UNDONE)


def _for_listing(imports):
    """Imports with their counts, without the stored rows.

    A large file's summary holds every row (megabytes): a list of imports
    reads only the counts out of it. ``matches_to_confirm`` is what a
    preview would propose, or the proposals of an import still undecided.
    """
    pending = (
        _pending_proposals()
        .filter(source_import=OuterRef("pk"))
        .order_by()
        .values("source_import")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return imports.defer("summary", "errors", "mapping").annotate(
        **{name: KT(f"summary__counts__{name}") for name in LISTED_COUNTS},
        matches_to_confirm=Case(
            When(
                status__in=IMPORTED,
                then=Coalesce(Subquery(pending, output_field=IntegerField()), 0),
            ),
            default=Cast(KT("summary__counts__matches_to_confirm"), IntegerField()),
        ),
    )


def counts_of(attendance_import):
    """The import's counts, its proposals still to decide counted now."""
    counts = dict((attendance_import.summary or {}).get("counts", {}))
    if attendance_import.status in IMPORTED:
        counts["matches_to_confirm"] = (
            _pending_proposals().filter(source_import=attendance_import).count()
        )
    return counts


def preview_is_stale(attendance_import):
    """Whether what a preview's matching read may have changed since.

    Only a hint for the page, which offers to read the file again: the
    edition's people and attendances, its imports confirmed or undone and
    its matches decided after the preview was matched. Confirming plans the
    import again anyway (see ``services.commit_import``). A preview made
    before the time was kept counts as stale.
    """
    if attendance_import.status != ImportStatus.PREVIEW:
        return False
    matched_at = (attendance_import.summary or {}).get("matched_at")
    if not matched_at:
        return True
    moment = datetime.datetime.fromisoformat(matched_at)
    edition = attendance_import.conference.edition_id
    return (
        Person.objects.filter(
            updated_at__gt=moment, attendances__conference__edition=edition
        ).exists()
        or Attendance.objects.filter(
            Q(created_at__gt=moment) | Q(checked_in_at__gt=moment),
            conference__edition=edition,
        ).exists()
        or AttendanceImport.objects.filter(
            Q(committed_at__gt=moment) | Q(undone_at__gt=moment),
            conference__edition=edition,
        ).exists()
        or MatchProposal.objects.filter(
            decided_at__gt=moment, source_import__conference__edition=edition
        ).exists()
    )


def imports_of_edition(edition, query=""):
    """The edition's imports, newest first, with what the list shows."""
    imports = AttendanceImport.objects.filter(conference__edition=edition)
    if query:
        imports = imports.filter(
            Q(original_name__icontains=query)
            | Q(conference__school__name__icontains=query)
            | Q(conference__school__short_name__icontains=query)
        )
    return _for_listing(
        imports.select_related("conference__school", "uploaded_by")
    ).order_by("-created_at", "-pk")


def imports_of_conference(conference):
    return _for_listing(conference.imports.select_related("uploaded_by")).order_by(
        "-created_at", "-pk"
    )[:10]


# Statuses in which the background worker has the import; its page waits.
RUNNING = (
    ImportStatus.QUEUED,
    ImportStatus.READING,
    ImportStatus.CONFIRMED,
    ImportStatus.IMPORTING,
)


def progress_of(attendance_import):
    """How far the worker has got with a large file, for the page and its poll.

    ``determinate`` is False while waiting for the worker or saving, when no
    row count says how much is left.
    """
    status = attendance_import.status
    step = attendance_import.progress_step
    done, total = attendance_import.rows_done, attendance_import.rows_total
    numbers = {
        "done": grouped(done),
        "total": grouped(total),
    }
    determinate = False
    if status in (ImportStatus.QUEUED, ImportStatus.CONFIRMED):
        label = _("Waiting for the background worker to start.")
    elif step == READING:
        label, determinate = _("Reading rows: %(done)s of %(total)s") % numbers, True
    elif step == MATCHING:
        label, determinate = _("Matching people: %(done)s of %(total)s") % numbers, True
    elif step == SAVING:
        label = _("Saving people and attendances.")
    else:
        label = _("Starting.")
    return {
        "status": status,
        "running": status in RUNNING,
        "label": label,
        "determinate": determinate and total > 0,
        "done": done,
        "total": total,
    }


def errors_of(attendance_import):
    """The import's errors with their reasons in the active language."""
    return [
        {
            "row": error.get("row"),
            "column": error.get("column", ""),
            "value": error.get("value", ""),
            "message": messages.text(error.get("code"), error.get("params")),
        }
        for error in attendance_import.errors or []
    ]


def warnings_of(attendance_import):
    read = (attendance_import.summary or {}).get("read") or {}
    return [
        messages.text(warning["code"], warning.get("params"))
        for warning in read.get("warnings", [])
    ]


def reading_of(attendance_import):
    """How the file was read, ready for the preview's description list."""
    summary = attendance_import.summary or {}
    read = summary.get("read") or {}
    source = summary.get("source") or {}
    order = read.get("name_order", "")
    detected = read.get("name_order_detected", "")
    return {
        "kind": source.get("kind", ""),
        "encoding": source.get("encoding", ""),
        "separator": source.get("separator", ""),
        "sheets": read.get("sheets", []),
        "sheet": read.get("sheet", ""),
        "header_row": read.get("header_row"),
        "columns": [
            {
                "index": column["index"],
                "header": column["header"],
                "field": column["field"],
                "label": headers.FIELD_LABELS.get(column["field"], ""),
            }
            for column in read.get("columns", [])
        ],
        "registered": (attendance_import.mapping or {}).get("list")
        == ListKind.REGISTERED,
        "name_order": order,
        "name_order_label": names.NameOrder(order).label if order else "",
        "name_order_changed": bool(order and detected and order != detected),
        "name_votes": read.get("name_votes", {}),
        "two_columns": order
        in (names.NameOrder.COLUMNS, names.NameOrder.COLUMNS_SWAPPED),
    }


def sheet_rows(attendance_import, limit=15):
    """The first rows of the sheet being read, as text, for the mapping page.

    None when the stored file cannot be read (or was never kept).
    """
    if not attendance_import.file:
        return None
    with attendance_import.file.open("rb") as handle:
        data = handle.read()
    try:
        book = read_book(data)
    except UnreadableFile:
        return None
    read = (attendance_import.summary or {}).get("read") or {}
    sheet = book.sheet(read.get("sheet", "")) or (
        book.sheets[0] if book.sheets else None
    )
    if sheet is None:
        return None
    rows = sheet.rows[:limit]
    width = max((len(row) for row in rows), default=0)
    return [
        [cell_text(row[index]) if index < len(row) else "" for index in range(width)]
        for row in rows
    ]


def likely_header_row(rows):
    """The row (from 1) with the most filled cells, the first on a tie."""
    counts = [sum(1 for cell in row if cell) for row in rows]
    return counts.index(max(counts)) + 1 if counts else 1


def guessed_columns(cells):
    """What recognition makes of a row, to start the organiser's mapping from."""
    return [column.as_dict() for column in headers.map_header(cells)]


def rows_of(attendance_import, action=""):
    """The preview's rows, optionally only those of one action, unlabelled."""
    rows = (attendance_import.summary or {}).get("rows", [])
    if action in ACTIONS:
        rows = [row for row in rows if row["action"] == action]
    return rows


def labelled(rows):
    """``rows`` (of :func:`rows_of`) with what the page shows; one query.

    Meant for one page of rows: a 10,000-row file is labelled page by page.
    """
    school_ids = {row["school_id"] for row in rows if row.get("school_id")}
    schools = dict(
        School.objects.filter(pk__in=school_ids).values_list("pk", "name")
        if school_ids
        else []
    )
    genders = dict(Gender.choices)
    return [
        {
            **row,
            "school": schools.get(row.get("school_id"), ""),
            "birth_date": datetime.date.fromisoformat(row["birth_date"])
            if row.get("birth_date")
            else None,
            "gender_label": genders.get(row["gender"], "") if row.get("gender") else "",
            "reason_text": messages.text(row["reason"]) if row.get("reason") else "",
        }
        for row in rows
    ]


def _pending_proposals():
    """Proposals still to decide.

    A record merged since the proposal was made stands for the one it was
    merged into (merges move earlier merges along, so one step is enough);
    a pair that has become one person is no longer to decide.
    """
    return (
        MatchProposal.objects.filter(status=MatchStatus.PENDING)
        .annotate(
            person_now=Coalesce(
                "person__merged_into", "person", output_field=IntegerField()
            ),
            candidate_now=Coalesce(
                "candidate__merged_into", "candidate", output_field=IntegerField()
            ),
        )
        .exclude(person_now=F("candidate_now"))
    )


def pending_matches(edition):
    """Proposals still to decide from the edition's imports (see above)."""
    return (
        _pending_proposals()
        .filter(source_import__conference__edition=edition)
        .select_related("source_import__conference__school")
        .order_by("created_at", "pk")
    )


def with_people(proposals):
    """Give each proposal its two records as they are now, with attendances.

    Sets ``current_person``, ``current_candidate`` and ``reason_text``; two
    queries whatever the number of proposals.
    """
    proposals = list(proposals)
    ids = {p.person_now for p in proposals} | {p.candidate_now for p in proposals}
    attendances = Attendance.objects.select_related("conference__school", "school")
    people = Person.objects.prefetch_related(
        Prefetch("attendances", queryset=attendances)
    ).in_bulk(ids)
    for proposal in proposals:
        proposal.current_person = people[proposal.person_now]
        proposal.current_candidate = people[proposal.candidate_now]
        proposal.reason_text = messages.text(proposal.reason)
    return proposals
