"""Schools, conferences and their attendance lists, for organisers."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from cohorts import selectors, services
from cohorts.forms import AttendeeForm, ConferenceForm, GuestFormSet, SchoolForm
from cohorts.models import Attendance, Conference, School
from cohorts.views.helpers import edition_of, paginate, url_of_pk
from vsfa import freshness
from vsfa.permissions import organiser_required
from vsfa.search import searchable


@organiser_required
@searchable("schools")
def school_list(request, query):
    schools = School.objects.annotate(conference_count=Count("conferences")).order_by(
        "name"
    )
    if query:
        schools = schools.filter(
            Q(name__icontains=query) | Q(short_name__icontains=query)
        )
    return render(
        request,
        "cohorts/school_list.html",
        {"page_obj": paginate(request, schools), "query": query},
    )


@organiser_required
def school_create(request):
    return _school_form(request, School())


@organiser_required
def school_update(request, pk):
    return _school_form(request, get_object_or_404(School, pk=pk))


def _school_form(request, school):
    form = SchoolForm(request.POST or None, instance=school)
    if request.method == "POST" and form.is_valid():
        school = services.save_school(
            actor=request.user, school=form.save(commit=False)
        )
        messages.success(request, _("School %(name)s saved.") % {"name": school.name})
        return redirect("cohorts:school_list")
    return render(request, "cohorts/school_form.html", {"form": form, "object": school})


@organiser_required
def conference_list(request):
    edition = edition_of(request)
    conferences = selectors.conference_list(edition)
    return render(
        request,
        "cohorts/conference_list.html",
        {"page_obj": paginate(request, conferences)},
    )


@organiser_required
def conference_create(request):
    return _conference_form(request, Conference(edition=edition_of(request)))


@organiser_required
def conference_update(request, pk):
    return _conference_form(request, get_object_or_404(Conference, pk=pk))


def _conference_form(request, conference):
    data = request.POST if request.method == "POST" else None
    form = ConferenceForm(data, instance=conference)
    formset = GuestFormSet(data, instance=conference, prefix="guests")
    if data is not None and all([form.is_valid(), formset.is_valid()]):
        guests = [guest.cleaned_data for guest in formset.forms if guest.cleaned_data]
        try:
            conference = services.save_conference(
                actor=request.user, conference=form.save(commit=False), guests=guests
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Conference %(name)s saved.") % {"name": conference}
            )
            return redirect("cohorts:conference_detail", pk=conference.pk)
    return render(
        request,
        "cohorts/conference_form.html",
        {"form": form, "formset": formset, "object": conference},
    )


@organiser_required
@searchable("attendance:{pk}")
def conference_detail(request, pk, query):
    conference = get_object_or_404(
        Conference.objects.select_related("school", "edition"), pk=pk
    )

    def read():
        present = conference.attendances.filter(present=True).count()
        page = paginate(request, selectors.conference_attendances(conference, query))
        detail_url = url_of_pk("cohorts:person_detail")
        remove_url = url_of_pk("cohorts:attendance_delete")
        for attendance in page:
            attendance.person_url = detail_url(attendance.person_id)
            attendance.remove_url = remove_url(attendance.pk)
        return {
            "conference": conference,
            "guests": list(conference.guests.all()),
            "page_obj": page,
            "query": query,
            "attendance_count": present,
            "form": AttendeeForm(),
        }

    part = freshness.kept_part(
        request,
        "attendance",
        "cohorts/_conference_detail_part.html",
        read,
        params=["page"],
        vary=[query],
    )
    return render(
        request,
        "cohorts/conference_detail.html",
        {"conference": conference, "part": part},
    )


@organiser_required
def attendance_create(request, conference_pk):
    conference = get_object_or_404(
        Conference.objects.select_related("school", "edition"), pk=conference_pk
    )
    form = AttendeeForm(request.POST or None, conference=conference)
    if request.method == "POST" and form.is_valid():
        attendance, created = services.add_attendance(
            actor=request.user,
            conference=conference,
            person_fields=form.person_fields(),
            class_name=form.cleaned_data["class_name"],
            school=form.cleaned_data["school"],
        )
        if created:
            messages.success(
                request,
                _("%(name)s added to the attendance list.")
                % {"name": attendance.person},
            )
        else:
            messages.info(
                request,
                _("%(name)s was already on the attendance list.")
                % {"name": attendance.person},
            )
        return redirect("cohorts:conference_detail", pk=conference.pk)
    return render(
        request,
        "cohorts/attendance_form.html",
        {"conference": conference, "form": form},
    )


@organiser_required
def attendance_delete(request, pk):
    attendance = get_object_or_404(
        Attendance.objects.select_related("person", "conference__school"), pk=pk
    )
    conference = attendance.conference
    if request.method == "POST":
        services.remove_attendance(actor=request.user, attendance=attendance)
        messages.success(
            request,
            _("%(name)s removed from the attendance list.")
            % {"name": attendance.person},
        )
        return redirect("cohorts:conference_detail", pk=conference.pk)
    return render(
        request,
        "cohorts/attendance_confirm_delete.html",
        {"attendance": attendance, "conference": conference},
    )
