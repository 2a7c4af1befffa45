"""Selecting the cohort from the attendees, and the cohort list, for organisers."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cohorts import selectors, services, training_time
from cohorts.choices import MemberStatus
from cohorts.forms import SelectionFilterForm, WaitlistRankForm, WithdrawForm
from cohorts.models import CohortMember, School
from cohorts.services import SelectionError
from cohorts.views.helpers import (
    edition_of,
    paginate,
    posted_id,
    redirect_back,
    safe_next,
    url_of_pk,
)
from vsfa import freshness
from vsfa.choices import Gender
from vsfa.models import Person
from vsfa.permissions import organiser_required
from vsfa.search import form_data, searchable


@organiser_required
@searchable("selection", keep=("school", "status"))
def selection(request, query):
    """The board: every attendee of the edition, the decisions and the balance."""
    edition = edition_of(request)

    def read():
        schools = list(School.objects.all())
        filters = SelectionFilterForm(form_data(request, query), schools=schools)
        criteria = filters.cleaned_data if filters.is_valid() else {}
        attending = selectors.attending(
            edition,
            query=criteria.get("q", ""),
            school=criteria.get("school"),
            status=criteria.get("status"),
        )
        page = paginate(request, attending.values("pk"))
        page.object_list = selectors.attendee_rows(edition, page.object_list)
        _describe(page, schools)
        return {
            "page_obj": page,
            "filters": filters,
            "counts": selectors.selection_counts(edition, schools=schools),
            "statuses": MemberStatus,
        }

    part = freshness.kept_part(
        request,
        "selection",
        "cohorts/_member_selection_part.html",
        read,
        params=["page", "school", "status"],
        vary=[query],
    )
    return render(request, "cohorts/member_selection.html", {"part": part})


def _describe(page, schools):
    """What each row of the board shows beside the person: labels and links."""
    school_of = {school.pk: school for school in schools}
    # Translated once for the page rather than once per row.
    statuses = {value: str(label) for value, label in MemberStatus.choices}
    genders = {value: str(label) for value, label in Gender.choices}
    today = timezone.localdate()
    detail_url = url_of_pk("cohorts:person_detail")
    select_url = url_of_pk("cohorts:selection_select")
    waitlist_url = url_of_pk("cohorts:selection_waitlist")
    remove_url = url_of_pk("cohorts:member_remove")
    waitlist_confirm_url = url_of_pk("cohorts:member_waitlist_confirm")
    for person in page:
        person.school = school_of.get(person.school_ref)
        person.age = person.age_on(today)
        person.status_label = statuses.get(person.member_status, "")
        person.gender_label = genders.get(person.gender, person.gender)
        person.detail_url = detail_url(person.pk)
        person.select_url = select_url(person.pk)
        person.waitlist_url = waitlist_url(person.pk)
        if person.member_id:
            person.remove_url = remove_url(person.member_id)
            person.waitlist_confirm_url = waitlist_confirm_url(person.member_id)


def _decide(request, pk, decide, message):
    edition = edition_of(request)
    person = get_object_or_404(Person.objects.active(), pk=pk)
    try:
        decide(actor=request.user, edition=edition, person=person)
    except SelectionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, message % {"name": person})
    return redirect_back(request, "cohorts:selection")


@organiser_required
@require_POST
def selection_select(request, pk):
    return _decide(
        request, pk, services.select_member, _("%(name)s is selected for the cohort.")
    )


@organiser_required
@require_POST
def selection_waitlist(request, pk):
    try:
        return _decide(
            request,
            pk,
            services.waitlist_member,
            _("%(name)s is on the waiting list."),
        )
    except services.ConfirmationNeeded as needed:
        # A selected member loses their place: asked first, on the page the
        # board links to (this form came from a page shown before they were
        # selected, or from an application's page).
        confirm = reverse("cohorts:member_waitlist_confirm", args=[needed.member.pk])
        back = safe_next(request)
        return redirect(f"{confirm}?{urlencode({'next': back})}" if back else confirm)


def _member_of(request, pk):
    return get_object_or_404(
        CohortMember.objects.filter(edition=edition_of(request)).select_related(
            "person", "edition"
        ),
        pk=pk,
    )


@organiser_required
def member_remove(request, pk):
    """Undo a selection decision, after a confirmation."""
    member = _member_of(request, pk)
    if request.method == "POST":
        try:
            services.remove_member(actor=request.user, member=member)
        except SelectionError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("%(name)s is no longer selected nor on the waiting list.")
                % {"name": member.person},
            )
        return redirect_back(request, "cohorts:selection")
    return render(
        request,
        "cohorts/member_confirm_remove.html",
        {"member": member, "next": safe_next(request)},
    )


@organiser_required
def member_waitlist_confirm(request, pk):
    """Move a selected member to the waiting list, after a confirmation that
    says what they lose."""
    member = _member_of(request, pk)
    if request.method == "POST":
        services.waitlist_member(
            actor=request.user,
            edition=member.edition,
            person=member.person,
            confirmed=True,
        )
        messages.success(
            request, _("%(name)s is on the waiting list.") % {"name": member.person}
        )
        return redirect_back(request, "cohorts:selection")
    selected = member.status == MemberStatus.SELECTED
    return render(
        request,
        "cohorts/member_confirm_waitlist.html",
        {
            "member": member,
            "selected": selected,
            "standing": selectors.standing_of(member) if selected else None,
            "next": safe_next(request),
        },
    )


@organiser_required
@require_POST
def member_waitlist_move(request, pk):
    """Move someone up or down the waiting list."""
    member = _member_of(request, pk)
    form = WaitlistRankForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a place on the waiting list, from 1."))
        return redirect_back(request, "cohorts:member_list")
    try:
        moved = services.move_on_waitlist(
            actor=request.user, member=member, rank=form.cleaned_data["rank"]
        )
    except SelectionError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(name)s is number %(rank)s on the waiting list.")
            % {"name": member.person, "rank": moved.waitlist_rank},
        )
    return redirect_back(request, "cohorts:member_list")


@organiser_required
@searchable("cohort", keep=("status",))
def member_list(request, query):
    edition = edition_of(request)
    status = request.GET.get("status", "")
    if status not in MemberStatus.values:
        status = ""
    members = selectors.cohort_members(edition, query=query, status=status)
    counts = selectors.selection_counts(edition)
    first_waiting = None
    if counts.free and counts.waitlisted and not training_time.training_over(edition):
        first_waiting = selectors.first_on_waitlist(edition)
    return render(
        request,
        "cohorts/member_list.html",
        {
            "page_obj": paginate(request, members),
            "query": query,
            "status": status,
            "statuses": MemberStatus,
            "counts": counts,
            "module_count": edition.modules.count(),
            "workshop_count": edition.workshops.count(),
            "first_waiting": first_waiting,
        },
    )


@organiser_required
def member_withdraw(request, pk):
    member = _member_of(request, pk)
    if member.status == MemberStatus.WITHDRAWN:
        messages.info(
            request, _("%(name)s has already withdrawn.") % {"name": member.person}
        )
        return redirect("cohorts:member_list")
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # The member list, where this leads, offers a freed place itself, with
        # the button that gives it.
        services.withdraw_member(
            actor=request.user, member=member, reason=form.cleaned_data["reason"]
        )
        messages.success(
            request, _("%(name)s has withdrawn.") % {"name": member.person}
        )
        return redirect("cohorts:member_list")
    return render(
        request,
        "cohorts/member_confirm_withdraw.html",
        {
            "member": member,
            "form": form,
            "completed": selectors.has_completed(member),
            "training_over": training_time.training_over(member.edition),
        },
    )


@organiser_required
@require_POST
def member_promote_next(request):
    edition = edition_of(request)
    try:
        member = services.promote_next(
            actor=request.user,
            edition=edition,
            offered=posted_id(request, "offered"),
        )
    except SelectionError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(name)s moved from the waiting list into the cohort.")
            % {"name": member.person},
        )
    return redirect("cohorts:member_list")


@organiser_required
@require_POST
def member_invite(request, pk):
    member = _member_of(request, pk)
    try:
        user, invitation = services.invite_member(
            actor=request.user,
            member=member,
            last_seen=posted_id(request, "last_seen"),
        )
    except SelectionError as error:
        messages.error(request, str(error))
    else:
        if invitation is None:
            messages.success(
                request,
                _("%(email)s already has an account and can now see their progress.")
                % {"email": user.email},
            )
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": user.email}
            )
    return redirect_back(request, "cohorts:member_list")
