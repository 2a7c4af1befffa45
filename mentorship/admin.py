from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from mentorship.models import (
    Assistance,
    Attachment,
    CheckIn,
    Founder,
    GroupSession,
    Mentor,
    MentorGroup,
    Reminder,
    Startup,
)


class ReadOnly:
    """Shown, never written: the organisers' pages enforce the rules and audit.

    One group per participant, a session once per start time, identifiers
    registered once, founders' age, the check-in schedule and the record of
    who changed what are kept by ``mentorship.services``; the admin would
    bypass them. EU-funded records must also outlive the programme, so
    nothing is deleted here.
    """

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Mentor)
class MentorAdmin(admin.ModelAdmin):
    """Company and expertise may be corrected; mentors are added by invitation."""

    list_display = ["user", "company"]
    list_select_related = ["user"]
    search_fields = ["user__full_name", "user__email", "company"]
    readonly_fields = ["user"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MentorGroup)
class MentorGroupAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["name", "edition"]
    list_filter = ["edition"]


@admin.register(GroupSession)
class GroupSessionAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["group", "starts_at", "mentor", "duration_minutes", "topics"]
    list_filter = ["group__edition"]
    list_select_related = ["group", "mentor__user"]
    date_hierarchy = "starts_at"


class FounderInline(ReadOnly, admin.TabularInline):
    # The court document opens from the startup page, which checks who may
    # see it; private files have no URL for the admin to link.
    model = Founder
    fields = ["person", "has_document"]
    readonly_fields = ["has_document"]
    extra = 0

    @admin.display(boolean=True, description=_("court emancipation document"))
    def has_document(self, founder):
        return bool(founder.emancipation_document)


class CheckInInline(ReadOnly, admin.TabularInline):
    model = CheckIn
    fields = [
        "number",
        "due_on",
        "done_on",
        "status",
        "jobs_created",
        "revenue_band",
        "customers",
        "money_raised",
        "submitted_at",
    ]
    readonly_fields = ["submitted_at"]
    extra = 0


class AssistanceInline(ReadOnly, admin.TabularInline):
    model = Assistance
    fields = ["kind", "description", "provider", "provided_on", "amount", "cost"]
    readonly_fields = ["cost"]
    extra = 0


class AttachmentInline(ReadOnly, admin.TabularInline):
    """Names and sizes only: the files open from the app's pages, which check
    who may see them."""

    model = Attachment
    fields = ["original_name", "size", "checkin", "assistance", "uploaded_at"]
    readonly_fields = ["uploaded_at"]
    extra = 0


@admin.register(Startup)
class StartupAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["name", "legal_form", "cui", "registration_date", "edition"]
    list_filter = ["edition", "legal_form"]
    list_select_related = ["edition"]
    search_fields = ["name", "cui", "trade_register_number"]
    exclude = ["logo"]
    inlines = [FounderInline, CheckInInline, AssistanceInline, AttachmentInline]


@admin.register(Reminder)
class ReminderAdmin(ReadOnly, admin.ModelAdmin):
    """Which reminders went out, and which are claimed but not sent."""

    list_display = ["checkin", "kind", "claimed_at", "sent_at", "attempts"]
    list_filter = ["kind", "checkin__startup__edition"]
    list_select_related = ["checkin__startup"]
