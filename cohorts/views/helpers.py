"""Small pieces the cohorts views share."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

PER_PAGE = 50
# A pk no row has, to find where the pk goes in a reversed address.
_MARKER = 2_147_483_647


def edition_of(request):
    """The edition being viewed; 404 before the first edition exists."""
    if not request.edition:
        raise Http404
    return request.edition


def paginate(request, queryset, per_page=PER_PAGE):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def safe_next(request):
    """The ``next`` page sent (posted, else in the query), when it is one of
    ours; else ""."""
    return _ours(request, request.POST.get("next", "") or request.GET.get("next", ""))


def redirect_back(request, default, *args, **kwargs):
    """Back to the page the form was sent from, when it is one of ours."""
    target = _ours(request, request.POST.get("next", ""))
    return redirect(target) if target else redirect(default, *args, **kwargs)


def _ours(request, target):
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def posted_id(request, name):
    """A whole number the form sent back in ``name``, or None."""
    value = request.POST.get(name, "")
    return int(value) if value.isdigit() else None


def url_of_pk(name):
    """``url_of_pk(name)(pk)`` is ``reverse(name, args=[pk])``, reversed once.

    For a list's rows: reversing a name costs as much as writing the row, and
    only the pk changes. For URL patterns whose one argument is an ``int``.
    """
    before, _marker, after = reverse(name, args=[_MARKER]).partition(str(_MARKER))
    return lambda pk: f"{before}{int(pk)}{after}"
