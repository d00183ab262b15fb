"""What a meeting decides: declared conflicts, members' votes and resolutions, all read only.

Resolutions are recorded by closing an agenda item (or the committee's page), conflicts and
votes by the members themselves; a mistake in any of them is mended by a recorded correction.
"""

from django.contrib import admin

from core.admin import OfficeOnly, ReadOnly

from ..models import ConflictDeclaration, Resolution, Vote
from .record import CorrectsOnThePortal, NoBulkDelete, RecordAdmin, corrections_inline
from .search import PROPOSAL_SEARCH


@admin.register(Resolution)
class ResolutionAdmin(CorrectsOnThePortal, RecordAdmin):
    list_display = ("meeting", "proposal", "kind", "recorded_by", "recorded_at")
    list_select_related = ("meeting__body", "proposal", "recorded_by")
    list_filter = ("kind", "meeting__body", "meeting__year_be")
    search_fields = (*PROPOSAL_SEARCH, "text")
    fields = ("meeting", "proposal", "kind", "text", "recorded_by", "recorded_at", "record_correction")
    readonly_fields = fields
    inlines = (corrections_inline("resolution"),)


@admin.register(ConflictDeclaration)
class ConflictDeclarationAdmin(CorrectsOnThePortal, RecordAdmin):
    list_display = ("agenda_item", "member", "declared_at")
    list_select_related = ("agenda_item__meeting__body", "member")
    search_fields = ("member__username", "reason")
    fields = ("agenda_item", "member", "reason", "declared_at", "record_correction")
    readonly_fields = fields
    inlines = (corrections_inline("conflict"),)


@admin.register(Vote)
class VoteAdmin(NoBulkDelete, ReadOnly, OfficeOnly, admin.ModelAdmin):
    """Votes are cast by members on their own pages; here they are only read."""

    list_display = ("agenda_item", "member", "choice", "cast_at")
    list_select_related = ("agenda_item__meeting__body", "member")
    list_filter = ("choice",)
    readonly_fields = ("agenda_item", "member", "choice", "reason", "cast_at")
