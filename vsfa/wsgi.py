import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vsfa.settings")

application = get_wsgi_application()

# Parts of pages kept by the version that ran before (a deploy, a restart)
# are not served by this one.
from vsfa import freshness  # noqa: E402

freshness.changed()
