from django.contrib import admin

from mentorship.models import (
    CheckIn,
    Founder,
    GroupSession,
    Mentor,
    MentorGroup,
    Startup,
)


@admin.register(Mentor)
class MentorAdmin(admin.ModelAdmin):
    list_display = ["user", "company"]
    search_fields = ["user__full_name", "user__email", "company"]
    raw_id_fields = ["user"]


@admin.register(MentorGroup)
class MentorGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "edition"]
    list_filter = ["edition"]
    filter_horizontal = ["mentors"]
    raw_id_fields = ["members"]


@admin.register(GroupSession)
class GroupSessionAdmin(admin.ModelAdmin):
    list_display = ["group", "starts_at", "mentor", "duration_minutes", "topics"]
    list_filter = ["group__edition"]
    date_hierarchy = "starts_at"
    raw_id_fields = ["attendees"]


class FounderInline(admin.TabularInline):
    model = Founder
    raw_id_fields = ["person"]
    extra = 0


class CheckInInline(admin.TabularInline):
    model = CheckIn
    fields = ["number", "due_on", "done_on", "status", "jobs_created", "revenue_band"]
    extra = 0


@admin.register(Startup)
class StartupAdmin(admin.ModelAdmin):
    """Read-mostly: registration and changes go through the organisers' pages,
    where the identifiers, the founders' age and the schedule are checked."""

    list_display = ["name", "legal_form", "cui", "registration_date", "edition"]
    list_filter = ["edition", "legal_form"]
    search_fields = ["name", "cui", "trade_register_number"]
    readonly_fields = ["cui", "trade_register_number", "euid", "registration_date"]
    inlines = [FounderInline, CheckInInline]

    def has_add_permission(self, request):
        return False
