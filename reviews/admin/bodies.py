"""The bodies (working group, subcommittee, committee) and who sits on them."""

from django.contrib import admin

from core.admin import OfficeOnly

from ..models import Body, BodyMembership
from .search import USER_SEARCH


class BodyMembershipInline(OfficeOnly, admin.TabularInline):
    model = BodyMembership
    extra = 0
    fields = ("user", "role", "affiliation", "term_start", "term_end")
    autocomplete_fields = ("user",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


@admin.register(Body)
class BodyAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ("name_th", "name_en", "kind", "notice_days", "quorum_fraction", "identity_check")
    list_filter = ("kind",)
    search_fields = ("name_th", "name_en")
    inlines = (BodyMembershipInline,)


@admin.register(BodyMembership)
class BodyMembershipAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ("user", "body", "role", "affiliation", "term_start", "term_end")
    list_select_related = ("user", "body")
    list_filter = ("body", "role")
    search_fields = (*(f"user__{f}" for f in USER_SEARCH), "affiliation")
    autocomplete_fields = ("user",)
