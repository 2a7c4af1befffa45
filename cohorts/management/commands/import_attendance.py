"""Import a school's attendance file from the command line.

The same reading, matching and saving as the web pages: a preview by default,
``--commit`` to save, ``--json`` for scripts.
"""

import json
from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from cohorts.choices import ImportStatus
from cohorts.importing import messages, services
from cohorts.importing.choices import ListKind
from cohorts.importing.headers import FIELD_LABELS
from cohorts.importing.names import NameOrder
from cohorts.models import Conference
from vsfa.models import User
from vsfa.uploads import UploadNotSaved


class Command(BaseCommand):
    help = (
        "Read an attendance file for a conference and show what importing it "
        "would do; --commit saves it. Exits with status 2 when the file is "
        "refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("conference", type=int, help="The conference's id.")
        parser.add_argument("file", type=Path, help="The school's file.")
        parser.add_argument(
            "--commit", action="store_true", help="Save the import (default: preview)."
        )
        parser.add_argument(
            "--json", action="store_true", help="Print the outcome as one JSON object."
        )
        parser.add_argument("--sheet", default="", help="The sheet to read.")
        order = parser.add_mutually_exclusive_group()
        order.add_argument(
            "--family-name-first",
            dest="order",
            action="store_const",
            const=NameOrder.FAMILY_FIRST,
            help="A one-column name is family name first (Popescu Ana).",
        )
        order.add_argument(
            "--given-name-first",
            dest="order",
            action="store_const",
            const=NameOrder.GIVEN_FIRST,
            help="A one-column name is given name first (Ana Popescu).",
        )
        parser.add_argument(
            "--registered",
            action="store_true",
            help=(
                "The list is of who registered: they are expected, and marked "
                "present at the door (default: the list is of who attended)."
            ),
        )
        parser.add_argument(
            "--by", default="", help="E-mail of the organiser recorded as importer."
        )

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        conference = Conference.objects.filter(pk=options["conference"]).first()
        if conference is None:
            raise CommandError(f"No conference with id {options['conference']}.")
        path = options["file"]
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        actor = None
        if options["by"]:
            actor = User.objects.filter(
                email__iexact=options["by"], is_organiser=True
            ).first()
            if actor is None:
                raise CommandError(f"No organiser with e-mail {options['by']}.")
        sheet, order = options["sheet"], options["order"] or ""
        list_kind = ListKind.REGISTERED if options["registered"] else ListKind.ATTENDED

        if options["commit"]:
            outcome = self._commit(actor, conference, path, sheet, order, list_kind)
        else:
            outcome = self._preview(conference, path, sheet, order, list_kind)

        if options["json"]:
            self.stdout.write(json.dumps(outcome["result"], ensure_ascii=False))
        else:
            self._describe(outcome)
        if outcome["result"]["errors"]:
            raise CommandError("The file was refused.", returncode=2)

    def _preview(self, conference, path, sheet, order, list_kind):
        result = services.evaluate(
            path.read_bytes(),
            conference,
            sheet=sheet,
            order=order,
            attended=list_kind == ListKind.ATTENDED,
        )
        analysis = result.analysis
        counts = (
            result.plan.counts()
            if result.plan is not None
            else {"rows_read": analysis.lines_read}
        )
        return {
            "read": analysis.meta(),
            "rows": result.plan.decisions if result.plan is not None else [],
            "result": _result(counts, analysis.errors, analysis.warnings, False),
        }

    def _commit(self, actor, conference, path, sheet, order, list_kind):
        # Whatever its size, the file is imported here and now (the default
        # of create_preview, said out loud): a script waits for the outcome
        # rather than for a worker.
        with path.open("rb") as handle:
            try:
                attendance_import = services.create_preview(
                    actor=actor,
                    conference=conference,
                    uploaded_file=File(handle, name=path.name),
                    sheet=sheet,
                    order=order,
                    list_kind=list_kind,
                    background=False,
                )
            except UploadNotSaved as error:
                raise CommandError(" ".join(error.messages)) from error
        committed = False
        if attendance_import.status == ImportStatus.PREVIEW:
            attendance_import, committed = services.commit_import(
                actor=actor, attendance_import=attendance_import
            )
        summary = attendance_import.summary or {}
        read = summary.get("read") or {}
        return {
            "read": read,
            "rows": [],
            "import": attendance_import,
            "result": _result(
                summary.get("counts", {}),
                attendance_import.errors,
                read.get("warnings", []),
                committed,
            ),
        }

    def _describe(self, outcome):
        read, result = outcome["read"], outcome["result"]
        write = self.stdout.write
        if read.get("kind"):
            details = [read["kind"], read.get("encoding"), read.get("sheet")]
            separator = {"\t": "tab"}.get(read.get("separator"), read.get("separator"))
            details.append(f"separator {separator}" if separator else "")
            write("Read as: " + ", ".join(d for d in details if d))
        if read.get("header_row"):
            write(f"Header on row {read['header_row']}; names: {read['name_order']}")
            for column in read.get("columns", []):
                label = FIELD_LABELS.get(column["field"], "ignored")
                write(f"  {column['header']} -> {label}")
        for warning in result["warnings"]:
            write(self.style.WARNING(f"Warning: {warning}"))
        for error in result["errors"]:
            where = f"row {error['row']}, {error['column']}" if error["row"] else "file"
            write(self.style.ERROR(f"{where}: {error['value']!r}: {error['message']}"))
        if self.verbosity >= 2:
            for decision in outcome["rows"]:
                row = decision.row
                write(
                    f"  row {row.row}: {row.family_name} {row.given_name}: "
                    f"{decision.action} {decision.reason}".rstrip()
                )
        for key in COUNT_KEYS:
            write(f"{key.replace('_', ' ')}: {result[key]}")
        if result["committed"]:
            write(self.style.SUCCESS("Imported."))
        elif not result["errors"]:
            write("Preview only: nothing was saved. Run again with --commit to import.")


COUNT_KEYS = (
    "rows_read",
    "people_created",
    "people_matched",
    "attendances_created",
    "marked_present",
    "matches_to_confirm",
)


def _result(counts, errors, warnings, committed):
    """The one JSON object ``--json`` prints."""
    return {
        **{key: counts.get(key, 0) for key in COUNT_KEYS},
        "errors": [
            {
                "row": error.get("row"),
                "column": error.get("column", ""),
                "value": error.get("value", ""),
                "message": messages.text(error.get("code"), error.get("params")),
            }
            for error in errors
        ],
        "warnings": [
            messages.text(warning["code"], warning.get("params"))
            for warning in warnings
        ],
        "committed": committed,
    }
