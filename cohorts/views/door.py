"""At the door of a conference: check-in on a phone, the paper sheet, late entry.

The check-in page works with plain forms (POST, then redirect back); its
script sends the same forms with ``fetch`` and applies the JSON answer. A
search term is personal data: it is posted and kept in the session, never
put in a URL.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cohorts import selectors, services
from cohorts.forms_door import (
    DoorSearchForm,
    LateEntryForm,
    WalkInForm,
    WalkInFormSet,
)
from cohorts.models import Conference
from cohorts.templatetags.door_rows import door_row
from cohorts.views.helpers import PER_PAGE, posted_id
from vsfa.models import Person
from vsfa.permissions import organiser_required

# Blank numbered lines for walk-ins at the bottom of the sign-in sheet.
BLANK_LINES = 15
MAX_BLANK_LINES = 200


def _conference(pk):
    return get_object_or_404(
        Conference.objects.select_related("school", "edition"), pk=pk
    )


def _query_key(conference):
    return f"door_query_{conference.pk}"


def _last_key(conference):
    return f"door_last_{conference.pk}"


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _page_number(request):
    """The page of the list being looked at, sent back by the forms."""
    value = request.POST.get("page") or request.GET.get("page") or ""
    return int(value) if value.isdigit() and int(value) > 0 else 1


def _door_url(conference, page_number=1):
    url = reverse("cohorts:door", kwargs={"conference_pk": conference.pk})
    return f"{url}?page={page_number}" if page_number > 1 else url


def _results(request, conference):
    """What the list part of the page shows: the search, or a page of the list."""
    query = request.session.get(_query_key(conference), "")
    context = {"conference": conference, "door_query": query, "page_number": 1}
    if query:
        listed = selectors.door_listed(conference, query)
        others = selectors.door_others(conference, query)
        context.update(
            listed=listed[: selectors.DOOR_LISTED],
            more_listed=len(listed) > selectors.DOOR_LISTED,
            others=others[: selectors.DOOR_OTHERS],
            more_others=len(others) > selectors.DOOR_OTHERS,
            too_short=not selectors.door_looks_beyond_list(query),
        )
        return context
    page_obj = Paginator(selectors.door_list(conference), PER_PAGE).get_page(
        _page_number(request)
    )
    context.update(
        page_obj=page_obj,
        page_number=page_obj.number,
        listed=[selectors.DoorRow.of(attendance) for attendance in page_obj],
    )
    return context


def _last(request, conference):
    """The person checked in last from this browser, for a quick undo."""
    person_id = request.session.get(_last_key(conference))
    if person_id is None:
        return None
    row = selectors.door_row(conference, person_id)
    return row if row is not None and row.present else None


def _render(request, template, context):
    return render_to_string(f"cohorts/{template}", context, request=request)


def _door_page(request, conference, walk_in_form):
    return render(
        request,
        "cohorts/door_check_in.html",
        {
            **_results(request, conference),
            "counts": selectors.door_counts(conference),
            "search_form": DoorSearchForm(
                initial={"q": request.session.get(_query_key(conference), "")}
            ),
            "walk_in_form": walk_in_form,
            "last": _last(request, conference),
        },
    )


def _answer(request, conference, person, message, level=messages.SUCCESS, **extra):
    """After a change: JSON for the script, else a message and back to the page."""
    if not _wants_json(request):
        messages.add_message(request, level, message)
        return redirect(_door_url(conference, _page_number(request)))
    context = {"conference": conference, "page_number": _page_number(request)}
    row = selectors.door_row(conference, person.pk)
    # No row when the person was merged into another in the meantime: the
    # script then takes theirs off the list.
    row_html = door_row(row, conference) if row else ""
    return JsonResponse(
        {
            "message": message,
            "person": person.pk,
            "counts": selectors.door_counts(conference).as_dict(),
            "row_html": row_html,
            "last_html": _render(
                request,
                "_door_last.html",
                {**context, "last": _last(request, conference)},
            ),
            **extra,
        }
    )


def _posted_person(request):
    person_id = posted_id(request, "person")
    if person_id is None:
        raise Http404
    return get_object_or_404(Person.objects.active(), pk=person_id)


@organiser_required
def door(request, conference_pk):
    conference = _conference(conference_pk)
    return _door_page(request, conference, WalkInForm())


@organiser_required
@require_POST
def door_search(request, conference_pk):
    """Keep the search in the session; the page (or the script) shows it."""
    conference = _conference(conference_pk)
    form = DoorSearchForm(request.POST)
    query = ""
    if form.is_valid() and not request.POST.get("clear"):
        query = form.cleaned_data["q"].strip()
    request.session[_query_key(conference)] = query

    if not _wants_json(request):
        return redirect(_door_url(conference))
    return JsonResponse(
        {
            "results_html": _render(
                request, "_door_results.html", _results(request, conference)
            )
        }
    )


@organiser_required
@require_POST
def door_check_in(request, conference_pk):
    conference = _conference(conference_pk)
    person = _posted_person(request)

    attendance, changed = services.check_in(
        actor=request.user, conference=conference, person=person
    )

    request.session[_last_key(conference)] = person.pk
    if not changed:
        message = _("%(name)s was already marked present.")
    elif attendance.walk_in:
        message = _("%(name)s added to the list as a walk-in and marked present.")
    else:
        message = _("%(name)s marked present.")
    return _answer(request, conference, person, message % {"name": person})


@organiser_required
@require_POST
def door_undo(request, conference_pk):
    conference = _conference(conference_pk)
    person = _posted_person(request)

    changed = services.undo_check_in(
        actor=request.user, conference=conference, person=person
    )

    if request.session.get(_last_key(conference)) == person.pk:
        del request.session[_last_key(conference)]
    if changed:
        message, level = _("Check-in of %(name)s undone."), messages.SUCCESS
    else:
        message, level = _("%(name)s was not marked present."), messages.INFO
    return _answer(request, conference, person, message % {"name": person}, level)


@organiser_required
@require_POST
def door_walk_in(request, conference_pk):
    conference = _conference(conference_pk)
    form = WalkInForm(request.POST, conference=conference)
    if not form.is_valid():
        if _wants_json(request):
            html = _render(
                request,
                "_door_walk_in.html",
                {"conference": conference, "walk_in_form": form},
            )
            # A typing mistake, not a failed request: the form says what to fix.
            return JsonResponse({"invalid": True, "form_html": html})
        return _door_page(request, conference, form)

    attendance, changed = services.add_walk_in(
        actor=request.user,
        conference=conference,
        person_fields=form.person_fields(),
        class_name=form.cleaned_data["class_name"],
    )

    person = attendance.person
    request.session[_last_key(conference)] = person.pk
    if not changed:
        message = _("%(name)s was already marked present.")
    elif attendance.walk_in:
        message = _("%(name)s added to the list as a walk-in and marked present.")
    else:
        message = _("%(name)s was on the list and is now marked present.")
    blank = _render(
        request,
        "_door_walk_in.html",
        {"conference": conference, "walk_in_form": WalkInForm()},
    )
    return _answer(
        request, conference, person, message % {"name": person}, form_html=blank
    )


def _blank_lines(request):
    value = request.GET.get("blank", "")
    if not value.isdigit():
        return BLANK_LINES
    return min(int(value), MAX_BLANK_LINES)


@organiser_required
def signin_sheet(request, conference_pk):
    """The list to print for schools that prefer paper, with lines to sign."""
    conference = _conference(conference_pk)
    attendances = list(selectors.door_list(conference))
    blank = _blank_lines(request)
    first_blank = len(attendances) + 1
    return render(
        request,
        "cohorts/signin_sheet.html",
        {
            "conference": conference,
            "attendances": attendances,
            "blank": blank,
            "blank_numbers": range(first_blank, first_blank + blank),
            "max_blank": MAX_BLANK_LINES,
        },
    )


@organiser_required
def late_entry(request, conference_pk):
    """Enter the signed paper sheet: who was present, who walked in."""
    conference = _conference(conference_pk)
    attendances = list(selectors.door_list(conference))
    data = request.POST if request.method == "POST" else None
    form = LateEntryForm(data, attendances=attendances)
    walk_ins = WalkInFormSet(
        data, prefix="walkin", form_kwargs={"conference": conference}
    )
    if data is not None and all([form.is_valid(), walk_ins.is_valid()]):
        marked, unmarked, added = services.record_late_entry(
            actor=request.user,
            conference=conference,
            ticked=form.ticked(),
            cleared=form.cleared(),
            walk_ins=walk_ins.walk_ins(),
        )
        messages.success(
            request,
            _(
                "Sign-in sheet saved. Marked present: %(marked)s; no longer "
                "present: %(unmarked)s; walk-ins added: %(added)s."
            )
            % {"marked": marked, "unmarked": unmarked, "added": added},
        )
        return redirect("cohorts:conference_detail", pk=conference.pk)
    return render(
        request,
        "cohorts/door_late_entry.html",
        {
            "conference": conference,
            "form": form,
            "rows": form.rows(),
            "walk_ins": walk_ins,
        },
    )
