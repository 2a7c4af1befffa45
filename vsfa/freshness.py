"""Parts of pages kept until the data changes.

The busiest pages (the organiser's home, a conference's attendance, the
selection board, the completion grid, a final's results, the indicators)
read and arrange thousands of rows each time, and a participant's progress
a dozen queries' worth; all are mostly looked at again with nothing changed
in between. Their main part is kept in the ``pages`` cache under the data's
*generation*: a token that every statement writing to the database changes,
from whatever process it comes (a web worker, the huey worker, a management
command). The first view after any write reads afresh; the ones after it
are served from the cache. So nothing shown is ever older than the last
write, and no page needs to know which writes concern it. What depends on
the time of day says until when it holds (a progress page: until the next
workshop starts or its room code opens or closes); what depends on the date
is kept for that day only.

A write inside a transaction changes the generation again once the
transaction commits: a page read by another process in between, from data
without the write, is kept under a generation nobody asks for any more.
What the database is given by other means than Django (a restore, a manual
``psql`` session) is not seen: ``manage.py forget_pages`` starts a new
generation, and nothing is kept longer than ``KEEP_SECONDS`` in any case.
"""

import hashlib
import logging
import secrets
import threading

from django.core.cache import caches
from django.db import transaction
from django.db.backends.signals import connection_created
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

logger = logging.getLogger(__name__)

CACHE = "pages"
GENERATION_KEY = "generation"
KEEP_SECONDS = 5 * 60
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
# Tables written while pages are only looked at: sessions keep a list's
# search term and the messages shown once.
IGNORED = ('"django_session"',)

# Whether this process has kept a part since it last changed the generation:
# a write in a transaction that has kept nothing since it began cannot make a
# kept part stale for its own later reads.
_kept = threading.Event()


def _cache():
    return caches[CACHE]


def generation():
    """The data's current generation (a new one when the cache lost it)."""
    cache = _cache()
    token = cache.get(GENERATION_KEY)
    if token is None:
        cache.add(GENERATION_KEY, secrets.token_hex(8), timeout=None)
        token = cache.get(GENERATION_KEY)
    return token


def changed():
    """Start a new generation: every kept part is read afresh on next view.

    A cache out of reach is logged, not raised: the write that called this is
    made already, and the parts kept before expire within KEEP_SECONDS.
    """
    _kept.clear()
    try:
        _cache().set(GENERATION_KEY, secrets.token_hex(8), timeout=None)
    except Exception:
        logger.exception("The generation of kept pages could not be changed.")


def _is_write(sql):
    head = sql.lstrip()[:64]
    return head[:7].upper().startswith(WRITES) and not any(
        table in head for table in IGNORED
    )


def _written(connection):
    if not connection.in_atomic_block:
        # Autocommit: the statement is committed already.
        changed()
        return
    if _kept.is_set():
        # Parts kept since the last change may be read again by this
        # transaction, which must see its own write.
        changed()
    if not any(func is changed for _sids, func, _robust in connection.run_on_commit):
        transaction.on_commit(changed, using=connection.alias, robust=True)


def _track_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if _is_write(sql):
        _written(context["connection"])
    return result


def _install(sender, connection, **kwargs):
    if _track_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(_track_writes)


def track_writes():
    """Have every database connection change the generation when it writes."""
    from django.db import connections

    connection_created.connect(_install, dispatch_uid="vsfa.freshness")
    for connection in connections.all(initialized_only=True):
        _install(None, connection)


def _key(request, name, params, vary):
    # The part holds the session's CSRF token, the user's permissions, the
    # language, the edition looked at, the page and the query parameters it
    # reads (a pager's page, filters) and what the view names (a remembered
    # search term); dates depend on today. Other parameters are left out, so
    # that made-up addresses do not fill the cache.
    get_token(request)
    secret = request.META.get("CSRF_COOKIE", "")
    edition = getattr(request, "edition", None)
    parts = [
        generation(),
        name,
        str(request.user.pk),
        hashlib.sha256(secret.encode()).hexdigest(),
        translation.get_language() or "",
        str(edition.pk if edition else ""),
        request.path,
        *(f"{param}={request.GET.getlist(param)}" for param in params),
        timezone.localdate().isoformat(),
        *map(str, vary),
    ]
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    return f"part:{name}:{digest}"


def _store(key, html, until):
    timeout = KEEP_SECONDS
    if until is not None:
        timeout = min(timeout, (until - timezone.now()).total_seconds())
        if timeout < 1:
            return
    try:
        _cache().set(key, html, timeout)
    except Exception:
        logger.exception("A part of a page could not be kept.")
    else:
        _kept.set()


def kept_part(request, name, template, context, params=(), vary=(), until=None):
    """The part of a page that ``template`` writes from ``context()``, kept
    until the data changes. ``params`` names the query parameters it reads,
    ``vary`` what else it depends on, and ``until(context)`` the moment it is
    no longer right whatever the data (None: not before the next day).

    Given to the page's template, which writes it where it stands: the page
    is rendered first, and ``context`` is called only when the part is read
    afresh. Only a GET's part is kept: a form sent back with its errors
    shows what was typed.
    """

    def write():
        key = None
        if request.method == "GET":
            try:
                key = _key(request, name, params, vary)
                html = _cache().get(key)
            except Exception:
                # Without the cache the page is read as if nothing were kept.
                logger.exception("Kept pages are out of reach.")
                key = html = None
        else:
            html = None
        if html is None:
            data = context()
            html = render_to_string(template, data, request)
            if key is not None:
                _store(key, html, until(data) if until else None)
        # Written by the template engine, which escaped what it had to.
        return mark_safe(html)  # noqa: S308  # nosec B308 B703

    return write
