from django.urls import path

from mentorship import views

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
    path("startups/", views.startup_list, name="startup_list"),
    path("startups/mine/", views.my_startups, name="my_startups"),
    path("startups/new/", views.startup_create, name="startup_create"),
    path("startups/<int:pk>/", views.startup_detail, name="startup_detail"),
    path("startups/<int:pk>/edit/", views.startup_update, name="startup_update"),
    path("check-ins/<int:pk>/", views.checkin_update, name="checkin_update"),
]
