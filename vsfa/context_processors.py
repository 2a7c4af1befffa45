from vsfa.models import Edition


def navigation(request):
    """The edition being looked at and, for organisers, the editions to switch to."""
    user = getattr(request, "user", None)
    context = {"edition": getattr(request, "edition", None)}
    if user is not None and user.is_authenticated and user.is_organiser:
        context["editions"] = Edition.objects.only("pk", "name")
    return context
