from django.urls import path

from competition.views import jury, results, scoring, setup

app_name = "competition"

urlpatterns = [
    path("", setup.final_list, name="final_list"),
    path("new/", setup.final_create, name="final_create"),
    path("<int:pk>/", setup.final_detail, name="final_detail"),
    path("<int:pk>/edit/", setup.final_update, name="final_update"),
    path("<int:pk>/criteria/", setup.criteria_update, name="criteria_update"),
    path("<int:pk>/finalists/new/", setup.finalist_create, name="finalist_create"),
    path("finalists/<int:pk>/edit/", setup.finalist_update, name="finalist_update"),
    path("finalists/<int:pk>/remove/", setup.finalist_delete, name="finalist_delete"),
    path("<int:pk>/jurors/invite/", jury.juror_invite, name="juror_invite"),
    path("jurors/<int:pk>/remove/", jury.juror_delete, name="juror_delete"),
    path("<int:pk>/assignments/", jury.assignment_matrix, name="assignment_matrix"),
    path(
        "<int:pk>/assignments/everyone/",
        jury.assign_everyone,
        name="assign_everyone",
    ),
    path("<int:pk>/results/", results.results, name="results"),
    path("<int:pk>/prizes/new/", results.prize_create, name="prize_create"),
    path("prizes/<int:pk>/edit/", results.prize_update, name="prize_update"),
    path("prizes/<int:pk>/delete/", results.prize_delete, name="prize_delete"),
    path("my-pitches/", scoring.my_pitches, name="my_pitches"),
    path("sheets/<int:pk>/", scoring.sheet, name="sheet"),
]
