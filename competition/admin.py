"""Admin for support staff; organisers use the app's pages, which apply the rules."""

from django.contrib import admin

from competition.models import (
    Appeal,
    Assignment,
    CastingVote,
    Certification,
    Criterion,
    Final,
    Finalist,
    Juror,
    PeerVote,
    Prize,
    Score,
    ScoreChange,
    ScoreSheet,
)


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(Final)
class FinalAdmin(admin.ModelAdmin):
    list_display = ["title", "edition", "date", "venue"]
    list_filter = ["edition"]
    search_fields = ["title", "venue"]
    inlines = [CriterionInline]


@admin.register(Finalist)
class FinalistAdmin(admin.ModelAdmin):
    list_display = ["name", "final", "pitch_order"]
    list_filter = ["final"]
    search_fields = ["name"]
    raw_id_fields = ["members"]


@admin.register(Juror)
class JurorAdmin(admin.ModelAdmin):
    list_display = ["user", "final", "affiliation"]
    list_filter = ["final"]
    search_fields = ["user__email", "user__full_name"]
    raw_id_fields = ["user"]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["juror", "finalist"]
    list_filter = ["finalist__final"]


class ScoreInline(admin.TabularInline):
    model = Score
    extra = 0
    # Scores change only through the sheet page, which audits every change.
    readonly_fields = ["criterion", "value"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ScoreSheet)
class ScoreSheetAdmin(admin.ModelAdmin):
    list_display = ["assignment", "submitted_at", "updated_at"]
    list_filter = ["assignment__finalist__final"]
    readonly_fields = ["assignment", "comment", "submitted_at"]
    inlines = [ScoreInline]


@admin.register(Prize)
class PrizeAdmin(admin.ModelAdmin):
    list_display = ["name", "final", "place", "amount_lei", "finalist"]
    list_filter = ["final"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """The record of the final: changed only through the app's pages, which
    audit every change."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ScoreChange)
class ScoreChangeAdmin(ReadOnlyAdmin):
    list_display = ["at", "sheet", "criterion", "from_value", "to_value", "kind"]
    list_filter = ["sheet__assignment__finalist__final", "kind"]


@admin.register(Certification)
class CertificationAdmin(ReadOnlyAdmin):
    list_display = ["final", "certified_at", "certified_by", "reopened_at"]


@admin.register(CastingVote)
class CastingVoteAdmin(ReadOnlyAdmin):
    list_display = ["final", "tied", "cast_by", "cast_at"]


@admin.register(PeerVote)
class PeerVoteAdmin(ReadOnlyAdmin):
    list_display = ["final", "voter", "choice", "cast_at"]


@admin.register(Appeal)
class AppealAdmin(ReadOnlyAdmin):
    list_display = ["finalist", "filed_at", "answered_at"]
