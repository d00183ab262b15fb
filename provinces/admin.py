from django.contrib import admin

from core.admin import OfficeOnly

from .models import Organisation, OrganisationKind, Province, Region

NAMES = ("name_th", "name_en")


@admin.register(Region)
class RegionAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ("code", "name_th", "name_en", "scheme", "order")
    list_filter = ("scheme",)
    search_fields = ("code", *NAMES)


@admin.register(Province)
class ProvinceAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ("code", "name_th", "name_en", "region_six", "region_four")
    list_select_related = ("region_six", "region_four")
    # Both schemes: the official six regions and the programme's four.
    list_filter = ("region_six", "region_four")
    search_fields = ("code", *NAMES)


@admin.register(OrganisationKind)
class OrganisationKindAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ("code", "name_th", "name_en", "is_local_government", "order")
    list_filter = ("is_local_government",)
    search_fields = ("code", *NAMES)


@admin.register(Organisation)
class OrganisationAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ("name_th", "name_en", "kind", "province", "is_active", "created_at")
    list_select_related = ("kind", "province")
    list_filter = ("kind", "is_active", "province__region_four", "province__region_six")
    search_fields = (*NAMES, "province__name_th", "province__name_en", "province__code")
    autocomplete_fields = ("province",)
    readonly_fields = ("created_at",)
