"""The signed-in participant's or mentor's calendar, as a file to import."""

from django.http import HttpResponse

from vsfa import calendars
from vsfa.permissions import is_mentor, is_participant, role_required


def _has_calendar(user):
    return is_participant(user) or is_mentor(user)


@role_required(_has_calendar)
def my_calendar(request):
    """Workshops and mentoring sessions as an ICS file (download, no feed).

    Calendar applications that subscribe send no session cookie; until each
    user has a resettable secret for a feed, the file is downloaded.
    """
    workshops, sessions = calendars.events_for(request.user)
    response = HttpResponse(
        calendars.calendar_bytes(workshops, sessions),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="vsfa-calendar.ics"'
    return response
