"""What a meeting decides: declared conflicts, members' votes (read only) and resolutions."""

from django.contrib import admin

from core.admin import OfficeOnly, ReadOnly

from ..models import ConflictDeclaration, Resolution, Vote
from .search import PROPOSAL_SEARCH


@admin.register(Resolution)
class ResolutionAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ("meeting", "proposal", "kind", "recorded_by", "recorded_at")
    list_select_related = ("meeting__body", "proposal", "recorded_by")
    list_filter = ("kind", "meeting__body", "meeting__year_be")
    search_fields = (*PROPOSAL_SEARCH, "text")
    autocomplete_fields = ("meeting", "proposal")
    readonly_fields = ("recorded_by", "recorded_at")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(ConflictDeclaration)
class ConflictDeclarationAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ("agenda_item", "member", "declared_at")
    list_select_related = ("agenda_item__meeting__body", "member")
    search_fields = ("member__username", "reason")


@admin.register(Vote)
class VoteAdmin(ReadOnly, OfficeOnly, admin.ModelAdmin):
    """Votes are cast by members on their own pages; here they are only read."""

    list_display = ("agenda_item", "member", "choice", "cast_at")
    list_select_related = ("agenda_item__meeting__body", "member")
    list_filter = ("choice",)
    readonly_fields = ("agenda_item", "member", "choice", "reason", "cast_at")
