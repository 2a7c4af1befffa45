from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cohorts.importing.messages import validate_birth_date
from vsfa.models import (
    AuditEvent,
    Consent,
    Cost,
    Edition,
    Invitation,
    Person,
    SensitiveAccess,
    User,
)


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
        (
            _("Access"),
            {
                "fields": [
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "can_view_sensitive",
                ]
            },
        ),
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


class PersonAdminForm(forms.ModelForm):
    """The admin's fields, with the date of birth checked as everywhere else."""

    def clean_birth_date(self):
        birth_date = self.cleaned_data["birth_date"]
        if birth_date is None:
            return None
        # The first conference the person attended is the event the date of
        # birth was recorded for; someone on no list is checked on today only.
        first = None
        if self.instance.pk is not None:
            first = self.instance.attendances.aggregate(first=Min("conference__date"))[
                "first"
            ]
        validate_birth_date(birth_date, today=timezone.localdate(), on=first)
        return birth_date


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    form = PersonAdminForm
    list_display = ["family_name", "given_name", "birth_date", "email", "phone"]
    search_fields = ["search_name", "email"]
    raw_id_fields = ["user", "merged_into"]
    list_filter = ["education_level", "labour_status"]
    readonly_fields = ["anonymised_at"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "summary"]
    list_filter = ["action"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register(Invitation)


@admin.register(Cost)
class CostAdmin(admin.ModelAdmin):
    list_display = ["spent_on", "edition", "line", "amount", "description"]
    list_filter = ["edition", "line"]
    search_fields = ["description"]
    readonly_fields = ["recorded_by", "recorded_at"]


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    """Read-only: consents are recorded and withdrawn on the register pages,
    which keep the history and apply the withdrawal's effects."""

    list_display = ["person", "kind", "recorded_at", "withdrawn_at"]
    list_filter = ["kind"]
    search_fields = ["person__search_name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SensitiveAccess)
class SensitiveAccessAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "person", "purpose"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# SensitiveDeclaration is deliberately not in the admin: its pages would show
# the answers without logging the reading.
