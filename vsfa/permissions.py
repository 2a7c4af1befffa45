"""Role checks shared by every app.

Pages for a role raise 404 for anyone else, so that an outsider learns nothing
about what exists. Object-level rules live in each app's ``permissions.py``.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404


def is_organiser(user):
    return user.is_authenticated and user.is_active and user.is_organiser


def is_mentor(user):
    return user.is_authenticated and user.is_active and user.is_mentor


def is_juror(user):
    return user.is_authenticated and user.is_active and user.is_juror


def is_participant(user):
    return user.is_authenticated and user.is_active and user.is_participant


def role_required(check):
    """Decorate a view: sign-in first, then 404 unless ``check(user)`` holds."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not check(request.user):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


organiser_required = role_required(is_organiser)
mentor_required = role_required(is_mentor)
juror_required = role_required(is_juror)
participant_required = role_required(is_participant)
