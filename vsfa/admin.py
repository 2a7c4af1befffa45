from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from vsfa.models import AuditEvent, Edition, Invitation, Person, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = [
        "email",
        "full_name",
        "is_organiser",
        "is_mentor",
        "is_juror",
        "is_participant",
        "is_active",
    ]
    list_filter = [
        "is_organiser",
        "is_mentor",
        "is_juror",
        "is_participant",
        "is_active",
    ]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password", "full_name"]}),
        (
            _("Roles"),
            {"fields": ["is_organiser", "is_mentor", "is_juror", "is_participant"]},
        ),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "full_name", "password1", "password2"],
            },
        )
    ]


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["name", "starts_on", "ends_on", "is_current"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["family_name", "given_name", "birth_date", "email", "phone"]
    search_fields = ["search_name", "email"]
    raw_id_fields = ["user", "merged_into"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "summary"]
    list_filter = ["action"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register(Invitation)
