from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CohortsConfig(AppConfig):
    name = "cohorts"
    verbose_name = _("Conferences and cohort")

    def ready(self):
        # huey's consumer imports only each app's own ``tasks`` module, and
        # the attendance import's tasks live in their package: imported here,
        # they register. openpyxl's read-only sheets learn to read their size
        # from their head (see xlsx_size).
        from cohorts.importing import (
            tasks,  # noqa: F401 (imported to register)
            xlsx_size,
        )

        xlsx_size.install()
