from django.contrib import admin
from django.db import models
from import_export import fields, resources
from import_export.admin import ImportExportModelAdmin
from import_export.widgets import ForeignKeyWidget

from cohorts.models import (
    CohortMember,
    Conference,
    Guest,
    Module,
    ModuleCompletion,
    School,
    Workshop,
    WorkshopAttendance,
)
from vsfa.models import Edition


class SchoolResource(resources.ModelResource):
    class Meta:
        model = School
        fields = ["name", "short_name", "address"]
        import_id_fields = ["name"]
        skip_unchanged = True


class ModuleResource(resources.ModelResource):
    # The edition by its name ("2026/2027"), which organisers know, not its id.
    edition = fields.Field(
        attribute="edition",
        column_name="edition",
        widget=ForeignKeyWidget(Edition, field="name"),
    )

    class Meta:
        model = Module
        fields = [
            "edition",
            "number",
            "title",
            "description",
            "lesson_url",
            "due_month",
        ]
        import_id_fields = ["edition", "number"]
        skip_unchanged = True


@admin.register(School)
class SchoolAdmin(ImportExportModelAdmin):
    resource_classes = [SchoolResource]
    list_display = ["name", "short_name", "address"]
    search_fields = ["name", "short_name"]


class GuestInline(admin.TabularInline):
    model = Guest
    extra = 0
    max_num = 2


@admin.register(Conference)
class ConferenceAdmin(admin.ModelAdmin):
    list_display = ["date", "school", "edition", "venue", "expected_audience"]
    list_filter = ["edition"]
    list_select_related = ["school", "edition"]
    search_fields = ["school__name", "venue"]
    inlines = [GuestInline]


@admin.register(Module)
class ModuleAdmin(ImportExportModelAdmin):
    resource_classes = [ModuleResource]
    list_display = ["number", "title", "edition", "due_month"]
    list_filter = ["edition"]
    list_select_related = ["edition"]
    search_fields = ["title"]


@admin.register(Workshop)
class WorkshopAdmin(admin.ModelAdmin):
    list_display = ["starts_at", "title", "edition", "place", "capacity"]
    list_filter = ["edition"]


@admin.register(CohortMember)
class CohortMemberAdmin(admin.ModelAdmin):
    list_display = ["person", "edition", "status", "waitlist_rank", "decided_at"]
    list_filter = ["edition", "status"]
    list_select_related = ["person", "edition"]
    search_fields = ["person__search_name", "person__email"]
    # Selection decisions go through the selection board, which enforces the
    # number of places, keeps the history of those with training records and
    # records who decided; here they are only read. Moving a place to another
    # edition or person, or deleting it with its modules and workshops, would
    # go round those rules.
    readonly_fields = [
        "edition",
        "person",
        "status",
        "waitlist_rank",
        "decided_by",
        "decided_at",
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ModuleCompletion)
class ModuleCompletionAdmin(admin.ModelAdmin):
    list_display = ["member", "module", "completed_on", "status", "recorded_by"]
    list_filter = ["module__edition", "status"]
    list_select_related = ["member__person", "module"]
    raw_id_fields = ["member", "module", "recorded_by", "reviewed_by"]
    # Kept in private storage, which has no URL for the admin to link to;
    # reviewers open the file from the evidence pages.
    exclude = ["evidence_file"]
    # As the participant's form reads a link typed without its scheme.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(WorkshopAttendance)
class WorkshopAttendanceAdmin(admin.ModelAdmin):
    list_display = ["workshop", "member", "status"]
    list_filter = ["workshop__edition", "status"]
    list_select_related = ["workshop", "member__person"]
    raw_id_fields = ["member", "recorded_by"]
