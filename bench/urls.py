"""The project's URLs plus the benchmark's minimal page (benchmark only)."""

from django.shortcuts import render
from django.urls import path

from vsfa.models import User
from vsfa.urls import urlpatterns as project_urlpatterns


def minimal(request):
    """``base.html`` with an organiser's menus, from memory: no query at all.

    The menus are what every signed-in page shows around its content, so the
    ratio of a page to this one is what the page itself costs.
    """
    someone = User(email="bench@vsfa.test", full_name="Bench", is_organiser=True)
    context = {"user": someone, "edition": None, "editions": []}
    return render(request, "base.html", context)


urlpatterns = [path("bench/minimal/", minimal), *project_urlpatterns]
