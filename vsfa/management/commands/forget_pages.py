from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from vsfa import freshness


class Command(BaseCommand):
    help = (
        "Read every kept part of a page afresh: run after the database was "
        "changed other than through the application (a restore, a manual fix)."
    )

    def handle(self, *args, **options):
        freshness.forget_parts()
        self.stdout.write(_("Pages will be read afresh from the database."))
