from django.urls import path

from mentorship import (
    views,
    views_assistance,
    views_calendars,
    views_checkins,
    views_ratings,
)

app_name = "mentorship"

urlpatterns = [
    path("mentors/", views.mentor_list, name="mentor_list"),
    path("mentors/new/", views.mentor_create, name="mentor_create"),
    path("groups/", views.group_list, name="group_list"),
    path("groups/mine/", views.my_groups, name="my_groups"),
    path("groups/new/", views.group_create, name="group_create"),
    path("groups/<int:pk>/edit/", views.group_update, name="group_update"),
    path("groups/<int:group_pk>/sessions/", views.session_list, name="session_list"),
    path(
        "groups/<int:group_pk>/sessions/new/",
        views.session_create,
        name="session_create",
    ),
    path("sessions/mine/", views_ratings.my_sessions, name="my_sessions"),
    path("sessions/<int:pk>/rate/", views_ratings.session_rate, name="session_rate"),
    path(
        "sessions/<int:pk>/ratings/",
        views_ratings.session_ratings,
        name="session_ratings",
    ),
    path("calendar.ics", views_calendars.my_calendar, name="my_calendar"),
    path("startups/", views.startup_list, name="startup_list"),
    path("startups/mine/", views.my_startups, name="my_startups"),
    path("startups/new/", views.startup_create, name="startup_create"),
    path("startups/<int:pk>/", views.startup_detail, name="startup_detail"),
    path("startups/<int:pk>/edit/", views.startup_update, name="startup_update"),
    path("startups/<int:pk>/logo/", views_checkins.startup_logo, name="startup_logo"),
    path(
        "startups/<int:startup_pk>/help/new/",
        views_assistance.assistance_create,
        name="assistance_create",
    ),
    path(
        "help/<int:pk>/edit/",
        views_assistance.assistance_update,
        name="assistance_update",
    ),
    path(
        "help/<int:pk>/delete/",
        views_assistance.assistance_delete,
        name="assistance_delete",
    ),
    path(
        "founders/<int:pk>/emancipation/",
        views_checkins.founder_document,
        name="founder_document",
    ),
    path("check-ins/<int:pk>/", views_checkins.checkin_detail, name="checkin_detail"),
    path(
        "check-ins/<int:pk>/record/",
        views_checkins.checkin_update,
        name="checkin_update",
    ),
    path(
        "check-ins/<int:pk>/numbers/",
        views_checkins.checkin_submit,
        name="checkin_submit",
    ),
    path(
        "files/<int:pk>/",
        views_checkins.attachment_download,
        name="attachment_download",
    ),
    path(
        "files/<int:pk>/delete/",
        views_checkins.attachment_delete,
        name="attachment_delete",
    ),
]
