from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VsfaConfig(AppConfig):
    name = "vsfa"
    verbose_name = _("Programme")

    def ready(self):
        from vsfa import freshness, text

        freshness.track_writes()
        text.install_sort_function()
        # Now, not at the first kept page: a process that loaded the previous
        # release must not label its parts with the files of the next one.
        freshness.code_version()
