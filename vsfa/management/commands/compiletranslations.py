"""Compile every .po file of the project to .mo without GNU gettext.

Django's own ``compilemessages`` needs ``msgfmt``, a system package; polib is
pure Python, so a fresh machine needs nothing beyond Python.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile the project's translations (.po to .mo) with polib."

    def handle(self, *args, **options):
        roots = [Path(path) for path in settings.LOCALE_PATHS]
        compiled = 0
        for root in roots:
            for po_path in sorted(root.glob("*/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                if (
                    mo_path.exists()
                    and mo_path.stat().st_mtime >= po_path.stat().st_mtime
                ):
                    continue
                polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
                compiled += 1
        self.stdout.write(f"{compiled} translation file(s) compiled.")
