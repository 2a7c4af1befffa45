"""Spreadsheets of stage 1 for organisers: attendance, applicants, selection.

Every file goes through ``vsfa.exports``, which keeps a spreadsheet from
running any cell as a formula. Each download is noted in the audit trail.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts import selectors, services
from cohorts.choices import MemberStatus
from cohorts.models import Conference, School
from cohorts.views.helpers import edition_of
from vsfa import exports
from vsfa.choices import Gender
from vsfa.permissions import organiser_required

FORMATS = ("csv", "xlsx")


def _download(request, edition, what, title, header, rows, file_format):
    if file_format not in FORMATS:
        raise Http404
    rows = list(rows)
    services.record_export(
        actor=request.user,
        edition=edition,
        what=what,
        rows=len(rows),
        file_format=file_format,
    )
    filename = f"{what}.{file_format}"
    if file_format == "csv":
        return exports.csv_response(filename, header, rows)
    return exports.xlsx_response(filename, [(title, header, rows)])


def _gender(value):
    return str(Gender(value).label) if value else ""


def _yes_no(value):
    return _("Yes") if value else _("No")


def _attendance_rows(attendances):
    for attendance in attendances:
        person, conference = attendance.person, attendance.conference
        yield [
            conference.date,
            str(conference.school),
            person.given_name,
            person.family_name,
            person.birth_date,
            attendance.class_name,
            str(attendance.school or conference.school),
            person.email,
            person.phone,
            _gender(person.gender),
            _yes_no(attendance.present),
        ]


def _attendance_header():
    return [
        _("Conference date"),
        _("Conference school"),
        _("Given name"),
        _("Family name"),
        _("Date of birth"),
        _("Class"),
        _("Pupil's school"),
        _("E-mail address"),
        _("Phone"),
        _("Gender"),
        _("Present"),
    ]


@organiser_required
def export_list(request):
    """Every download of stage 1 on one page."""
    edition = edition_of(request)
    return render(
        request,
        "cohorts/selection_exports.html",
        {
            "conferences": Conference.objects.filter(edition=edition)
            .select_related("school")
            .order_by("date", "pk"),
            "formats": FORMATS,
        },
    )


@organiser_required
def export_attendance(request, file_format):
    edition = edition_of(request)
    return _download(
        request,
        edition,
        f"attendance-{edition.pk}",
        _("Attendance"),
        _attendance_header(),
        _attendance_rows(selectors.attendance_for_export(edition)),
        file_format,
    )


@organiser_required
def export_conference_attendance(request, pk, file_format):
    edition = edition_of(request)
    conference = get_object_or_404(Conference.objects.filter(edition=edition), pk=pk)
    return _download(
        request,
        edition,
        f"attendance-conference-{conference.pk}",
        _("Attendance"),
        _attendance_header(),
        _attendance_rows(selectors.attendance_for_export(edition, conference)),
        file_format,
    )


@organiser_required
def export_applications(request, file_format):
    edition = edition_of(request)
    today = timezone.localdate()
    header = [
        _("Sent at"),
        _("Given name"),
        _("Family name"),
        _("Date of birth"),
        _("Age"),
        _("E-mail address"),
        _("Phone"),
        _("School"),
        _("Class"),
        _("Gender"),
        _("Conferences attended"),
        _("Motivation"),
        _("Idea"),
        _("Team"),
        _("Parent or guardian"),
        _("Parent's or guardian's contact"),
        _("Guardian's consent recorded"),
        _("Average score"),
        _("Reviews"),
        _("Decision"),
        _("Place on the waiting list"),
    ]
    statuses = dict(MemberStatus.choices)

    def rows():
        for application in selectors.applications(edition, sort="name"):
            yield [
                timezone.localtime(application.submitted_at).replace(tzinfo=None),
                application.given_name,
                application.family_name,
                application.birth_date,
                application.age_on(today),
                application.email,
                application.phone,
                application.school_name,
                application.class_name,
                _gender(application.gender),
                application.conference_count,
                application.motivation,
                application.idea,
                application.team,
                application.guardian_name,
                application.guardian_contact,
                _yes_no(application.has_guardian),
                (
                    round(application.score_average, 2)
                    if application.score_average is not None
                    else None
                ),
                application.review_count,
                str(statuses.get(application.member_status, "")),
                application.waitlist_rank,
            ]

    return _download(
        request,
        edition,
        f"applications-{edition.pk}",
        _("Applications"),
        header,
        rows(),
        file_format,
    )


@organiser_required
def export_selection(request, file_format):
    edition = edition_of(request)
    schools = {school.pk: str(school) for school in School.objects.all()}
    header = [
        _("Decision"),
        _("Place on the waiting list"),
        _("Given name"),
        _("Family name"),
        _("Date of birth"),
        _("E-mail address"),
        _("Phone"),
        _("Gender"),
        _("School"),
        _("Class"),
        _("Reason for withdrawing"),
    ]
    rows = (
        [
            member.get_status_display(),
            member.waitlist_rank,
            member.person.given_name,
            member.person.family_name,
            member.person.birth_date,
            member.person.email,
            member.person.phone,
            _gender(member.person.gender),
            schools.get(member.school_ref, ""),
            member.class_name or "",
            member.withdrawn_reason,
        ]
        for member in selectors.selection_for_export(edition)
    )
    return _download(
        request,
        edition,
        f"selection-{edition.pk}",
        _("Selection"),
        header,
        rows,
        file_format,
    )
