import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vsfa.settings")

application = get_wsgi_application()

# Imported here, after Django is set up by the line above.
from vsfa import warmup  # noqa: E402

warmup.prepare()
