import copy

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mentorship import permissions, selectors, services, services_checkins
from mentorship.forms import (
    GroupForm,
    MentorForm,
    SessionForm,
    StartupForm,
)
from vsfa.permissions import mentor_required, organiser_required
from vsfa.search import searchable

PAGE_SIZE = 50


def _page(request, queryset, size=PAGE_SIZE):
    return Paginator(queryset, size).get_page(request.GET.get("page"))


def _edition_or_404(request):
    if not request.edition:
        raise Http404
    return request.edition


# Mentors


@organiser_required
@searchable("mentors")
def mentor_list(request, query):
    mentors = selectors.mentor_list(request.edition or None, query)
    return render(
        request,
        "mentorship/mentor_list.html",
        {"page_obj": _page(request, mentors), "query": query},
    )


@organiser_required
def mentor_create(request):
    form = MentorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        mentor, created = services.add_mentor(actor=request.user, **form.cleaned_data)
        if created:
            messages.success(
                request,
                _("%(name)s is now a mentor and has been invited.")
                % {"name": mentor.user},
            )
        else:
            messages.success(
                request, _("%(name)s was already a mentor.") % {"name": mentor.user}
            )
        return redirect("mentorship:mentor_list")
    return render(request, "mentorship/mentor_form.html", {"form": form})


# Groups and sessions


@organiser_required
def group_list(request):
    edition = request.edition or None
    groups = selectors.group_rows(permissions.groups_for(request.user, edition))
    return render(
        request,
        "mentorship/group_list.html",
        {"page_obj": _page(request, groups.order_by("name", "pk"))},
    )


@mentor_required
def my_groups(request):
    mentor = permissions.mentor_of(request.user)
    groups = selectors.groups_led_by(mentor, request.edition or None)
    return render(
        request,
        "mentorship/group_mine.html",
        {"page_obj": _page(request, selectors.group_rows(groups).order_by("name"))},
    )


@organiser_required
def group_create(request):
    edition = _edition_or_404(request)
    return _group_form(request, edition, group=None)


@organiser_required
def group_update(request, pk):
    group = permissions.group_for(request.user, pk)
    return _group_form(request, group.edition, group=group)


def _group_form(request, edition, group):
    # The form writes what was typed onto its instance; the page and the
    # service keep the group as saved.
    form = GroupForm(request.POST or None, instance=copy.copy(group), edition=edition)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.save_group(
                actor=request.user, edition=edition, group=group, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Group %(name)s saved.") % {"name": group})
            return redirect("mentorship:group_list")
    return render(
        request, "mentorship/group_form.html", {"form": form, "object": group}
    )


@login_required
def session_list(request, group_pk):
    group = permissions.group_for(request.user, group_pk)
    sessions = selectors.session_rows(group)
    return render(
        request,
        "mentorship/session_list.html",
        {
            "group": group,
            "page_obj": _page(request, sessions, size=25),
            "can_log": permissions.can_log_session(request.user, group),
        },
    )


@login_required
def session_create(request, group_pk):
    group = permissions.group_for(request.user, group_pk)
    if not permissions.can_log_session(request.user, group):
        raise Http404
    mentor = permissions.mentor_of(request.user)
    if mentor is not None and not group.mentors.filter(pk=mentor.pk).exists():
        mentor = None
    form = SessionForm(request.POST or None, group=group, choose_mentor=mentor is None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session, created = services.log_session(
                actor=request.user,
                group=group,
                mentor=data.get("mentor") or mentor,
                starts_at=data["starts_at"],
                duration_minutes=data["duration_minutes"],
                topics=data["topics"],
                attendees=data["attendees"],
                notes=data["notes"],
                follow_ups=data["follow_ups"],
                notes_for_participants=data["notes_for_participants"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            if created:
                messages.success(request, _("Session saved. Thank you!"))
            else:
                messages.info(
                    request,
                    _("This session was already saved; it was not added twice."),
                )
            return redirect("mentorship:session_list", group_pk=group.pk)
    return render(
        request, "mentorship/session_form.html", {"form": form, "group": group}
    )


# Startups and check-ins


@organiser_required
@searchable("startups")
def startup_list(request, query):
    """The portfolio: every startup of the edition and how its follow-up goes.

    Each startup shows its last confirmed check-in, what is late and a
    traffic light; above them, "jobs created" and "still active after six
    months" of the whole edition, with their definitions.
    """
    edition_startups = permissions.startups_for(request.user, request.edition or None)
    startups = selectors.search_startups(edition_startups, query)
    page = _page(request, selectors.portfolio(startups))
    page.object_list = selectors.with_lights(page.object_list)
    return render(
        request,
        "mentorship/startup_list.html",
        {
            "page_obj": page,
            "query": query,
            "figures": selectors.portfolio_figures(edition_startups),
            "jobs_definition": selectors.JOBS_DEFINITION,
            "active_definition": selectors.ACTIVE_DEFINITION
            % {"months": settings.VSFA_ACTIVE_AFTER_MONTHS},
            "active_months": settings.VSFA_ACTIVE_AFTER_MONTHS,
            "alert_days": settings.VSFA_CHECKIN_ALERT_DAYS,
        },
    )


@mentor_required
def my_startups(request):
    startups = selectors.startups_followed_by(permissions.mentor_of(request.user))
    page = _page(request, selectors.portfolio(startups))
    page.object_list = selectors.with_lights(page.object_list)
    return render(request, "mentorship/startup_mine.html", {"page_obj": page})


@organiser_required
def startup_create(request):
    edition = _edition_or_404(request)
    return _startup_form(request, edition, startup=None)


@organiser_required
def startup_update(request, pk):
    startup = permissions.startup_for(request.user, pk)
    return _startup_form(request, startup.edition, startup=startup)


def _startup_form(request, edition, startup):
    # As for groups: the page keeps showing the startup as saved.
    form = StartupForm(
        request.POST or None,
        request.FILES or None,
        instance=copy.copy(startup),
        edition=edition,
    )
    if request.method == "POST" and form.is_valid():
        try:
            if startup is None:
                startup = services.register_startup(
                    actor=request.user, edition=edition, **form.service_arguments()
                )
                scheduled = startup.checkins.count()
                message = ngettext(
                    "%(name)s registered; %(count)s check-in is scheduled.",
                    "%(name)s registered; %(count)s check-ins are scheduled.",
                    scheduled,
                ) % {"name": startup, "count": scheduled}
            else:
                startup = services.update_startup(
                    actor=request.user, startup=startup, **form.service_arguments()
                )
                message = _("%(name)s saved.") % {"name": startup}
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, message)
            return redirect("mentorship:startup_detail", pk=startup.pk)
    return render(
        request, "mentorship/startup_form.html", {"form": form, "object": startup}
    )


@login_required
def startup_detail(request, pk):
    startup = permissions.startup_for(request.user, pk)
    can_record = permissions.can_record_checkin(request.user, startup)
    is_founder = permissions.is_founder(request.user, startup)
    checkins = list(selectors.startup_checkins(startup))
    today = timezone.localdate()
    for checkin in checkins:
        checkin.can_fill = (
            is_founder
            and checkin.done_on is None
            and services_checkins.opens_on(checkin) <= today
        )
    return render(
        request,
        "mentorship/startup_detail.html",
        {
            "startup": startup,
            "founders": selectors.startup_founders(startup),
            "mentors": startup.mentors.select_related("user"),
            "checkins": checkins,
            "assistance": selectors.startup_assistance(startup),
            "can_record": can_record,
            "is_founder": is_founder,
            # Founders see their numbers, not the mentor's notes about them.
            "show_notes": can_record,
        },
    )
