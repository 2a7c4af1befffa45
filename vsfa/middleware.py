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
