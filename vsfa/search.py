"""Search terms kept in the session, never in an address.

A search term is usually a person's name or e-mail. In an address it would
end up in the browser's history on a shared school or city hall computer, in
bookmarks, server logs and Referer headers. So every search form posts its
term to the list it searches; the list keeps the term in the session under
its own key and sends the browser back to its plain address (post, redirect,
get), where it reads the term from the session. Filters that name no one
(a status, a school's id, the order) stay in the address.

A term belongs to the edition it was typed in: when the user switches
edition, the lists show everything again. Signing out ends the session, and
the terms with it.
"""

import functools
from urllib.parse import urlencode

from django.shortcuts import redirect

SESSION_KEY = "vsfa_search"
# Longer than any name or e-mail typed by hand; keeps the session small.
MAX_LENGTH = 100


def _edition_id(request):
    edition = getattr(request, "edition", None)
    return edition.pk if edition else None


def remember(request, key, term):
    """Keep ``term`` as the search of the list ``key``; an empty term forgets it."""
    term = " ".join(term.split())[:MAX_LENGTH]
    if not term:
        forget(request, key)
        return
    terms = request.session.get(SESSION_KEY, {})
    terms[key] = {"term": term, "edition": _edition_id(request)}
    request.session[SESSION_KEY] = terms


def forget(request, key):
    terms = request.session.get(SESSION_KEY, {})
    if terms.pop(key, None) is not None:
        request.session[SESSION_KEY] = terms


def current(request, key):
    """The term last searched on the list ``key`` in this edition, or ""."""
    stored = request.session.get(SESSION_KEY, {}).get(key)
    if not stored:
        return ""
    if stored.get("edition") != _edition_id(request):
        forget(request, key)
        return ""
    return stored["term"]


def searchable(key, keep=()):
    """Decorate a list view whose search form posts to the list itself.

    ``key`` names the list's search in the session; it is formatted with the
    view's keyword arguments, so each conference keeps its own
    (``"attendance:{pk}"``). A POST remembers the term sent as ``q`` (or, when
    the form's "clear" button sent it, forgets it) and redirects to the list
    with only the ``keep`` filters that were sent. The view answers GETs and
    receives the term as its ``query`` keyword argument.
    """

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            list_key = key.format(**kwargs)
            if request.method == "POST":
                if "clear" in request.POST:
                    forget(request, list_key)
                else:
                    remember(request, list_key, request.POST.get("q", ""))
                filters = {
                    name: request.POST[name]
                    for name in keep
                    if request.POST.get(name, "")
                }
                query_string = f"?{urlencode(filters)}" if filters else ""
                return redirect(request.path + query_string)
            return view(request, *args, query=current(request, list_key), **kwargs)

        return wrapper

    return decorate


def form_data(request, query):
    """A filter form's data: the address's filters and the session's term."""
    data = request.GET.copy()
    data["q"] = query
    return data
