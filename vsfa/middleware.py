from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject

from vsfa.models import Edition

SESSION_KEY = "vsfa_edition_id"


def _edition_for(request):
    edition_id = request.session.get(SESSION_KEY)
    if edition_id:
        edition = Edition.objects.filter(pk=edition_id).first()
        if edition is not None:
            return edition
    return Edition.objects.current()


def viewed_edition(request):
    """The edition being viewed, or a real ``None`` before any edition exists.

    ``request.edition`` is a lazy object, never ``None`` itself; the ORM
    cannot compare it with NULL when it wraps nothing. Querysets filtered by
    the viewed edition take it from here.
    """
    return request.edition if request.edition else None


class EditionMiddleware:
    """Puts the edition the user is looking at on ``request.edition``.

    It is the one chosen in the session, else the current edition; ``None``
    only before any edition exists. Loaded on first use, so pages that do not
    need it cost no query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.edition = SimpleLazyObject(lambda: _edition_for(request))
        return self.get_response(request)


class LanguageMiddleware:
    """Romanian unless the user chose another language with the switcher.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so a
    city hall laptop set to English would show English to staff who never
    asked for it; here only the explicit choice (the language cookie) counts.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else None
        language = language or settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

        response = self.get_response(request)

        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response
