"""List what passed its retention period and, with --confirm, anonymise it."""

import datetime

from django.core.management.base import BaseCommand

from vsfa import retention


class Command(BaseCommand):
    help = (
        "List the editions past their retention period and the people whose "
        "every record belongs to them; --confirm anonymises those people."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--confirm",
            action="store_true",
            help="Anonymise the people listed (without it nothing changes).",
        )
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            help="Count the periods as on this day (YYYY-MM-DD). Default: today.",
        )

    def handle(self, *args, confirm=False, today=None, **options):
        report = retention.apply_retention(today=today, confirm=confirm)

        if not report.editions:
            self.stdout.write("No edition is past its retention period.")
            return
        for edition in report.editions:
            self.stdout.write(
                f"{edition.name}: kept until {edition.retention_ends_on:%Y-%m-%d}"
            )
        for person in report.people:
            self.stdout.write(f"  #{person.pk} {person.full_name}")
        if confirm:
            self.stdout.write(self.style.SUCCESS(f"{report.erased} people anonymised."))
        else:
            self.stdout.write(
                f"{len(report.people)} people to anonymise; "
                "run again with --confirm to do it."
            )
