from django.urls import path

from cohorts import urls_importing
from cohorts.views import (
    applications,
    conferences,
    door,
    evidence,
    exports,
    people,
    progress,
    selection,
    training,
    workshops_self,
)

app_name = "cohorts"

urlpatterns = [
    path("", conferences.conference_list, name="conference_list"),
    path("new/", conferences.conference_create, name="conference_create"),
    path("<int:pk>/", conferences.conference_detail, name="conference_detail"),
    path("<int:pk>/edit/", conferences.conference_update, name="conference_update"),
    path(
        "<int:conference_pk>/attendees/add/",
        conferences.attendance_create,
        name="attendance_create",
    ),
    path(
        "attendances/<int:pk>/remove/",
        conferences.attendance_delete,
        name="attendance_delete",
    ),
    path("schools/", conferences.school_list, name="school_list"),
    path("schools/new/", conferences.school_create, name="school_create"),
    path("schools/<int:pk>/edit/", conferences.school_update, name="school_update"),
    path("people/", people.person_list, name="person_list"),
    path("people/<int:pk>/", people.person_detail, name="person_detail"),
    path("selection/", selection.selection, name="selection"),
    path(
        "selection/<int:pk>/select/",
        selection.selection_select,
        name="selection_select",
    ),
    path(
        "selection/<int:pk>/waitlist/",
        selection.selection_waitlist,
        name="selection_waitlist",
    ),
    path("cohort/", selection.member_list, name="member_list"),
    path(
        "cohort/promote-next/",
        selection.member_promote_next,
        name="member_promote_next",
    ),
    path("cohort/<int:pk>/remove/", selection.member_remove, name="member_remove"),
    path(
        "cohort/<int:pk>/to-waitlist/",
        selection.member_waitlist_confirm,
        name="member_waitlist_confirm",
    ),
    path(
        "cohort/<int:pk>/withdraw/", selection.member_withdraw, name="member_withdraw"
    ),
    path("cohort/<int:pk>/invite/", selection.member_invite, name="member_invite"),
    path("cohort/<int:pk>/progress/", progress.member_progress, name="member_progress"),
    path("my-progress/", progress.my_progress, name="my_progress"),
    path(
        "my-progress/certificate.pdf",
        progress.my_certificate,
        name="my_certificate",
    ),
    path(
        "cohort/<int:pk>/certificate.pdf",
        progress.member_certificate,
        name="member_certificate",
    ),
    path("modules/", training.module_list, name="module_list"),
    path("modules/new/", training.module_create, name="module_create"),
    path("modules/<int:pk>/edit/", training.module_update, name="module_update"),
    path("workshops/", training.workshop_list, name="workshop_list"),
    path("workshops/new/", training.workshop_create, name="workshop_create"),
    path("workshops/<int:pk>/edit/", training.workshop_update, name="workshop_update"),
    path(
        "workshops/<int:pk>/attendance/",
        training.workshop_attendance,
        name="workshop_attendance",
    ),
    path(
        "workshops/<int:pk>/room/", workshops_self.workshop_room, name="workshop_room"
    ),
    path(
        "my-progress/check-in/",
        workshops_self.workshop_check_in,
        name="workshop_check_in",
    ),
    path("completion/", training.completion_grid, name="completion_grid"),
    path(
        "my-progress/modules/<int:module_pk>/evidence/",
        evidence.evidence_submit,
        name="evidence_submit",
    ),
    path(
        "my-progress/evidence/<int:pk>/withdraw/",
        evidence.evidence_withdraw,
        name="evidence_withdraw",
    ),
    path("evidence/", evidence.evidence_queue, name="evidence_queue"),
    path(
        "evidence/<int:pk>/confirm/", evidence.evidence_confirm, name="evidence_confirm"
    ),
    path("evidence/<int:pk>/return/", evidence.evidence_return, name="evidence_return"),
    path("evidence/<int:pk>/file/", evidence.evidence_file, name="evidence_file"),
    path("apply/<int:edition_pk>/", applications.apply, name="apply"),
    path(
        "apply/<int:edition_pk>/thanks/",
        applications.apply_thanks,
        name="apply_thanks",
    ),
    path("applications/", applications.application_list, name="application_list"),
    path("applications/call/", applications.application_call, name="application_call"),
    path(
        "applications/notify/",
        applications.application_notify,
        name="application_notify",
    ),
    path(
        "applications/<int:pk>/",
        applications.application_detail,
        name="application_detail",
    ),
    path(
        "applications/<int:pk>/review/",
        applications.application_review,
        name="application_review",
    ),
    path(
        "applications/<int:pk>/guardian/",
        applications.application_guardian,
        name="application_guardian",
    ),
    path(
        "applications/<int:pk>/match/",
        applications.application_match,
        name="application_match",
    ),
    path(
        "cohort/<int:pk>/waitlist-place/",
        selection.member_waitlist_move,
        name="member_waitlist_move",
    ),
    path("exports/", exports.export_list, name="export_list"),
    path(
        "exports/attendance.<str:file_format>",
        exports.export_attendance,
        name="export_attendance",
    ),
    path(
        "exports/conference-<int:pk>.<str:file_format>",
        exports.export_conference_attendance,
        name="export_conference_attendance",
    ),
    path(
        "exports/applications.<str:file_format>",
        exports.export_applications,
        name="export_applications",
    ),
    path(
        "exports/selection.<str:file_format>",
        exports.export_selection,
        name="export_selection",
    ),
    *urls_importing.urlpatterns,
    path("<int:conference_pk>/door/", door.door, name="door"),
    path("<int:conference_pk>/door/search/", door.door_search, name="door_search"),
    path(
        "<int:conference_pk>/door/check-in/",
        door.door_check_in,
        name="door_check_in",
    ),
    path("<int:conference_pk>/door/undo/", door.door_undo, name="door_undo"),
    path("<int:conference_pk>/door/walk-in/", door.door_walk_in, name="door_walk_in"),
    path(
        "<int:conference_pk>/sign-in-sheet/",
        door.signin_sheet,
        name="signin_sheet",
    ),
    path("<int:conference_pk>/late-entry/", door.late_entry, name="late_entry"),
]
