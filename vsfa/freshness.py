"""Parts of pages kept until the data changes.

The busiest pages (the organiser's home, a conference's attendance, the
selection board, the completion grid, a final's results, the indicators)
read and arrange thousands of rows each time, and a participant's progress
a dozen queries' worth; all are mostly looked at again with nothing changed
in between. Their main part is kept in the ``pages`` cache under the data's
*generation*: a token that every statement writing to the database changes,
from whatever process it comes (a web worker, the huey worker, a management
command). The first view after any write reads afresh; the ones after it
are served from the cache. So nothing shown is older than the last write,
and no page needs to know which writes concern it. What depends on the time
of day says until when it holds (a progress page: until the next workshop
starts or its room code opens or closes); what depends on the date is kept
for that day only.

A request reads the generation before anything else (``GenerationMiddleware``),
so that a part holding an object read before a write is never kept under the
generation that write started. A write inside a transaction changes the
generation when the transaction commits, and nothing is kept or served from
inside a transaction: a part read in between from data without the write is
kept under a generation nobody asks for any more. What the database is
given by other means than Django (a restore, a manual ``psql`` session) is
not seen: ``manage.py forget_pages`` deletes the kept parts and starts a new
generation, and nothing is kept longer than ``KEEP_SECONDS`` in any case.

With Redis both the generation and the parts are kept there. Without it,
the generation is a file that the web server and the worker share, and each
process keeps its parts in memory, emptied whenever it changes the
generation: no page, and no erased person's data, lingers on disk.
"""

import hashlib
import logging
import os
import re
import secrets
import tempfile
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import ObjectDoesNotExist
from django.db import connection as default_connection
from django.db import transaction
from django.db.backends.signals import connection_created
from django.http import Http404
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

logger = logging.getLogger(__name__)

CACHE = "pages"
GENERATION_KEY = "generation"
# Long enough for the views that follow each other (a page looked at again,
# a list paged through); short, because under a steady stream of writes each
# view keeps a new part: the load test's 200 users left 3,168 parts, 44.5 MB,
# in Redis with five minutes.
KEEP_SECONDS = 2 * 60
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "TRUNCATE", "MERGE", "COPY")
# A statement that starts with a common table expression writes when it
# holds one of these.
CTE_WRITE = re.compile(r"\b(INSERT|UPDATE|DELETE|MERGE)\b", re.IGNORECASE)
# Tables written while pages are only looked at: sessions keep a list's
# search term and the messages shown once.
IGNORED = ('"django_session"',)


def _cache():
    return caches[CACHE]


def _generation_file():
    path = getattr(settings, "VSFA_PAGES_GENERATION_FILE", None)
    return Path(path) if path else None


def generation():
    """The data's current generation (a new one when it was lost)."""
    path = _generation_file()
    if path is not None:
        try:
            return path.read_text(encoding="ascii")
        except FileNotFoundError:
            changed()
            return path.read_text(encoding="ascii")
    store = _cache()
    token = store.get(GENERATION_KEY)
    if token is None:
        store.add(GENERATION_KEY, secrets.token_hex(8), timeout=None)
        token = store.get(GENERATION_KEY)
    return token


def _write_generation(path, token):
    # Written beside and moved into place: a reader sees the old token or the
    # new one, never half of one.
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".generation-")
    try:
        with os.fdopen(handle, "w", encoding="ascii") as file:
            file.write(token)
        # Read by the web server and the worker, which may run as other users.
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def changed():
    """Start a new generation: every kept part is read afresh on next view.

    A cache out of reach is logged, not raised: the write that called this is
    made already, and the parts kept before expire within KEEP_SECONDS.
    """
    token = secrets.token_hex(8)
    try:
        store = _cache()
        if isinstance(store, LocMemCache):
            # This process's parts: none of them will be asked for again.
            store.clear()
        path = _generation_file()
        if path is not None:
            _write_generation(path, token)
        else:
            store.set(GENERATION_KEY, token, timeout=None)
    except Exception:
        logger.exception("The generation of kept pages could not be changed.")


def forget_parts():
    """Delete every kept part, not only start a new generation: an erased
    person's name must not stay in the cache until the parts expire."""
    store = _cache()
    try:
        if isinstance(store, LocMemCache):
            store.clear()
        else:
            # Redis holds huey's queue too: only the parts' keys go.
            client = store._cache.get_client(write=True)
            keys = list(client.scan_iter(match=store.make_key("part:*"), count=500))
            if keys:
                client.delete(*keys)
    except Exception:
        logger.exception("Kept parts of pages could not be deleted.")
    changed()


def _is_write(sql):
    head = sql.lstrip()[:64]
    word = head[:8].upper()
    if any(table in head for table in IGNORED):
        return False
    if word.startswith("WITH"):
        return CTE_WRITE.search(sql) is not None
    return word.startswith(WRITES)


def _in_transaction(connection):
    # The test case's own transaction, which is never committed, does not
    # count (the same exception Django makes for durable blocks).
    return any(
        not getattr(block, "_from_testcase", False)
        for block in connection.atomic_blocks
    )


def _written(connection):
    blocks = connection.atomic_blocks
    if not blocks or getattr(blocks[0], "_from_testcase", False):
        # Committed already (autocommit); or in a test case, whose own
        # transaction never commits: as if each statement did.
        changed()
    elif not any(func is changed for _sids, func, _robust in connection.run_on_commit):
        transaction.on_commit(changed, using=connection.alias, robust=True)


def _track_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if _is_write(sql):
        _written(context["connection"])
    return result


def _install(sender, connection, **kwargs):
    if _track_writes not in connection.execute_wrappers:
        # First, so that a wrapper added and removed around it by
        # ``connection.execute_wrapper()`` leaves it in place.
        connection.execute_wrappers.insert(0, _track_writes)


def track_writes():
    """Have every database connection change the generation when it writes."""
    from django.db import connections

    connection_created.connect(_install, dispatch_uid="vsfa.freshness")
    for connection in connections.all(initialized_only=True):
        _install(None, connection)


class GenerationMiddleware:
    """Reads the generation first, before the session, the account or any
    object a page shows: a part is kept under the generation of the oldest
    data it may hold."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            request.generation = generation()
        except Exception:
            logger.exception("Kept pages are out of reach.")
            request.generation = None
        return self.get_response(request)


@cache
def code_version():
    """A digest of the code and templates this process runs: a part kept by
    another version (a deploy in progress, a server not yet restarted) is
    not served by this one."""
    digest = hashlib.sha256()
    root = Path(settings.BASE_DIR)
    folders = ("vsfa", "cohorts", "competition", "mentorship", "templates", "locale")
    for folder in folders:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in {".py", ".html", ".mo"}:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _key(request, name, params, vary):
    # The part holds the session's CSRF token, the user's permissions, the
    # language, the edition looked at, the page and the query parameters it
    # reads (a pager's page, filters) and what the view names (a remembered
    # search term); dates depend on today.
    get_token(request)
    secret = request.META.get("CSRF_COOKIE", "")
    edition = getattr(request, "edition", None)
    parts = [
        request.generation,
        code_version(),
        name,
        str(request.user.pk),
        hashlib.sha256(secret.encode()).hexdigest(),
        translation.get_language() or "",
        str(edition.pk if edition else ""),
        request.path,
        *(f"{param}={request.GET.get(param, '')}" for param in params),
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


# A query parameter's value as the pages write it: a number without leading
# zeros, or a choice's key.
CANONICAL_VALUE = re.compile(r"[1-9][0-9]{0,5}|[a-z_]{1,32}")


def _canonical(request, params):
    """Whether the address holds only the parameters the part reads, once
    each, as the pages write them: other addresses of the same page are read
    afresh, so that neither made-up addresses nor equivalent spellings
    (``page=01``) fill the cache, and the pager's links in a kept part carry
    no parameter of somebody's making."""
    return all(
        name in params
        and len(values) == 1
        and CANONICAL_VALUE.fullmatch(values[0]) is not None
        for name, values in request.GET.lists()
    )


def _keeps(request, params):
    return (
        request.method == "GET"
        and getattr(request, "generation", None) is not None
        and not _in_transaction(default_connection)
        and _canonical(request, params)
    )


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
        key = html = None
        if _keeps(request, params):
            try:
                key = _key(request, name, params, vary)
                html = _cache().get(key)
            except Exception:
                # Without the cache the page is read as if nothing were kept.
                logger.exception("Kept pages are out of reach.")
                key = html = None
        if html is None:
            try:
                data = context()
                html = render_to_string(template, data, request)
            except ObjectDoesNotExist as error:
                # Raised from the page's template, where Django would write an
                # empty part in its place.
                raise Http404 from error
            if key is not None:
                _store(key, html, until(data) if until else None)
        # Written by the template engine, which escaped what it had to.
        return mark_safe(html)  # noqa: S308  # nosec B308 B703

    return write
