"""Load the demo edition into an empty database, for trying vsfa locally."""

import datetime
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from cohorts.choices import MemberStatus
from cohorts.models import Attendance, CohortMember, Conference, Module
from competition.models import Final, Finalist, Juror, ScoreSheet
from mentorship.models import CheckIn, MentorGroup, Startup
from vsfa.demo.builder import PASSWORD, DemoBuilder, demo_emails, demo_logins
from vsfa.models import Edition, Person, User


class Command(BaseCommand):
    help = (
        "Load a realistic demo edition (conferences, cohort, final, startups) and "
        "one account per role. Refused when DEBUG is off."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already has an edition.",
        )
        parser.add_argument(
            "--as-of",
            type=datetime.date.fromisoformat,
            help=(
                "Build the demo as if loaded on this day (YYYY-MM-DD, not in the "
                "future); the same day always gives the same data. Default: today."
            ),
        )

    def handle(self, *args, if_empty=False, as_of=None, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo refuses to run with DEBUG off: it creates accounts with a "
                "published password. Use it on a development machine only."
            )
        today = timezone.localdate()
        as_of = as_of or today
        if as_of > today:
            raise CommandError("--as-of cannot be in the future.")
        if Edition.objects.exists():
            if if_empty:
                self.stdout.write(
                    "The database already has an edition: no demo loaded."
                )
                if User.objects.filter(email=demo_logins()[0][1]).exists():
                    self._print_logins(unchanged=True)
                return
            raise CommandError(
                "The database already has editions; the demo loads into an empty "
                "database only (run with --if-empty to skip quietly)."
            )
        taken = User.objects.filter(email__in=demo_emails()).values_list(
            "email", flat=True
        )
        if taken:
            raise CommandError(
                "These demo accounts already exist: " + ", ".join(sorted(taken))
            )

        started = time.monotonic()
        with transaction.atomic():
            edition = DemoBuilder(today=as_of).build()
        elapsed = time.monotonic() - started

        self.stdout.write(
            self.style.SUCCESS(
                f"Demo edition {edition} loaded in {elapsed:.1f} s and made current."
            )
        )
        self._print_summary(edition)
        self._print_logins()

    def _print_summary(self, edition):
        counts = [
            ("conferences", Conference.objects.filter(edition=edition).count()),
            (
                "unique attendees",
                Person.objects.filter(attendances__conference__edition=edition)
                .distinct()
                .count(),
            ),
            (
                "attendances",
                Attendance.objects.filter(conference__edition=edition).count(),
            ),
            ("modules", Module.objects.filter(edition=edition).count()),
            (
                "selected into the cohort",
                CohortMember.objects.filter(
                    edition=edition, status=MemberStatus.SELECTED
                ).count(),
            ),
            (
                "on the waiting list",
                CohortMember.objects.filter(
                    edition=edition, status="waitlisted"
                ).count(),
            ),
            ("mentoring groups", MentorGroup.objects.filter(edition=edition).count()),
            ("finals", Final.objects.filter(edition=edition).count()),
            ("finalists", Finalist.objects.filter(final__edition=edition).count()),
            ("jury members", Juror.objects.filter(final__edition=edition).count()),
            (
                "score sheets submitted",
                ScoreSheet.objects.filter(
                    assignment__finalist__final__edition=edition,
                    submitted_at__isnull=False,
                ).count(),
            ),
            ("startups", Startup.objects.filter(edition=edition).count()),
            (
                "check-ins done",
                CheckIn.objects.filter(
                    startup__edition=edition, done_on__isnull=False
                ).count(),
            ),
        ]
        width = max(len(label) for label, _count in counts)
        for label, count in counts:
            self.stdout.write(f"  {label:<{width}}  {count}")

    def _print_logins(self, unchanged=False):
        note = " (unless changed since)" if unchanged else ""
        self.stdout.write(f"Demo sign-in, password {PASSWORD!r}{note}:")
        for role, email in demo_logins():
            self.stdout.write(f"  {role:<18} {email}")
