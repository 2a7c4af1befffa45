from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vsfa import freshness, selectors, services
from vsfa.forms import EditionForm, InviteForm
from vsfa.middleware import SESSION_KEY
from vsfa.models import Edition, User
from vsfa.permissions import organiser_required
from vsfa.search import searchable


@login_required
def home(request):
    """One home page; each role sees its own panels on it."""
    user = request.user
    edition = request.edition

    def read():
        context = {}
        if user.is_organiser and edition:
            context["overview"], context["attention"] = selectors.edition_home(edition)
        if edition and (user.is_organiser or user.is_mentor):
            context["at_risk"] = selectors.at_risk_for(user, edition)
        return context

    part = None
    if user.is_organiser or (edition and user.is_mentor):
        part = freshness.kept_part(request, "home", "vsfa/_home_part.html", read)
    return render(request, "vsfa/home.html", {"part": part})


@organiser_required
def edition_list(request):
    editions = Edition.objects.all()
    return render(request, "vsfa/edition_list.html", {"edition_list": editions})


@organiser_required
def edition_create(request):
    current = Edition.objects.current()
    if request.method == "POST":
        form = EditionForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            make_current = data.pop("make_current")
            edition = services.create_edition(
                actor=request.user, make_current=make_current, **data
            )
            from cohorts.services import set_up_curriculum

            set_up_curriculum(edition=edition, copy_from=current)
            request.session[SESSION_KEY] = edition.pk
            messages.success(
                request, _("Edition %(name)s created.") % {"name": edition}
            )
            return redirect("home")
    else:
        initial = {}
        if current is not None:
            initial = {
                field: getattr(current, field)
                for field in EditionForm.Meta.fields
                if field not in {"name", "starts_on", "ends_on"}
            }
            initial["name"] = services.next_edition_name(current.name)
        form = EditionForm(initial=initial)
    return render(request, "vsfa/edition_form.html", {"form": form})


@organiser_required
def edition_update(request, pk):
    edition = get_object_or_404(Edition, pk=pk)
    form = EditionForm(request.POST or None, instance=edition)
    form.fields.pop("make_current")
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Edition %(name)s saved.") % {"name": edition})
        return redirect("edition_list")
    return render(request, "vsfa/edition_form.html", {"form": form, "object": edition})


@organiser_required
@require_POST
def edition_make_current(request, pk):
    edition = get_object_or_404(Edition, pk=pk)

    services.make_current(actor=request.user, edition=edition)

    messages.success(
        request, _("%(name)s is now the current edition.") % {"name": edition}
    )
    return redirect("edition_list")


@login_required
@require_POST
def edition_switch(request):
    """Choose which edition the pages show; organisers only may look back."""
    edition = None
    if request.user.is_organiser:
        edition = Edition.objects.filter(pk=request.POST.get("edition")).first()
    if edition is None:
        request.session.pop(SESSION_KEY, None)
    else:
        request.session[SESSION_KEY] = edition.pk
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        target = "/"
    return redirect(target)


@organiser_required
@searchable("users")
def user_list(request, query):
    users = User.objects.order_by("email")
    if query:
        users = users.filter(Q(email__icontains=query) | Q(full_name__icontains=query))
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    return render(request, "vsfa/user_list.html", {"page_obj": page, "query": query})


@organiser_required
def user_invite(request):
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user, invitation = services.invite_user(actor=request.user, **form.cleaned_data)
        if invitation is None:
            messages.success(
                request,
                _("%(email)s already has an account and now holds this role.")
                % {"email": user.email},
            )
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": user.email}
            )
        return redirect("user_list")
    return render(request, "vsfa/user_invite.html", {"form": form})
