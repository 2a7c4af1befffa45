"""Small pieces the cohorts views share."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

PER_PAGE = 50


def edition_of(request):
    """The edition being viewed; 404 before the first edition exists."""
    if not request.edition:
        raise Http404
    return request.edition


def paginate(request, queryset, per_page=PER_PAGE):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def redirect_back(request, default, *args, **kwargs):
    """Back to the page the form was sent from, when it is one of ours."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(default, *args, **kwargs)


def posted_id(request, name):
    """A whole number the form sent back in ``name``, or None."""
    value = request.POST.get(name, "")
    return int(value) if value.isdigit() else None
