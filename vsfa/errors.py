"""Error pages rendered without the database.

Django calls ``server_error`` (``handler500``) for any exception nothing else
handled, in a view or in a middleware, while the exception is being handled.
A database that cannot be reached (restarting, or its connection dropped)
is not a fault of the page: it answers 503 with ``Retry-After``, so that
browsers, proxies and monitors know to come back, and the page says so.
Neither page queries anything, runs a context processor or needs a user.
"""

import sqlite3
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views import defaults

# A restart of PostgreSQL takes seconds; a minute covers a slow one.
RETRY_AFTER_SECONDS = 30

# SQLite reports a mistake in a query ("no such column", a syntax error) as an
# OperationalError too; only these of its errors pass with time.
SQLITE_TRANSIENT = ("locked", "busy", "unable to open", "disk i/o")


def is_unavailable(error):
    """Whether ``error`` says the database cannot answer now, rather than that
    a query is wrong: a connection lost or refused, a lock or a timeout."""
    if isinstance(error, InterfaceError):
        return True
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    if isinstance(cause, sqlite3.Error):
        return any(text in str(cause).lower() for text in SQLITE_TRANSIENT)
    return True


def database_unavailable():
    """The 503 answer: ``503.html`` without request context, to retry later."""
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request):
    """``handler500``: 503 when the database is unreachable, else ``500.html``."""
    if is_unavailable(sys.exc_info()[1]):
        return database_unavailable()
    return defaults.server_error(request)
