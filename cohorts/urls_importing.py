"""URL patterns of the attendance import, included by ``cohorts.urls``."""

from django.urls import path

from cohorts.views import imports

urlpatterns = [
    path(
        "<int:conference_pk>/import/",
        imports.import_upload,
        name="import_upload",
    ),
    path("imports/", imports.import_list, name="import_list"),
    path("imports/<int:pk>/", imports.import_detail, name="import_detail"),
    path("imports/<int:pk>/progress/", imports.import_progress, name="import_progress"),
    path("imports/<int:pk>/options/", imports.import_options, name="import_options"),
    path("imports/<int:pk>/columns/", imports.import_mapping, name="import_mapping"),
    path("imports/<int:pk>/confirm/", imports.import_commit, name="import_commit"),
    path("imports/<int:pk>/undo/", imports.import_undo, name="import_undo"),
    path("imports/<int:pk>/errors.csv", imports.import_errors, name="import_errors"),
    path("duplicates/", imports.match_list, name="match_list"),
    path("duplicates/<int:pk>/decide/", imports.match_decide, name="match_decide"),
]
