"""The seven dimensions, their sub-criteria and indicators: staff keep them current."""

from django.contrib import admin

from core.admin import OfficeOnly

from .models import Dimension, Indicator, SubCriterion

NAMES = ("name_th", "name_en")


class SubCriterionInline(OfficeOnly, admin.TabularInline):
    model = SubCriterion
    extra = 0
    fields = ("code", "name_th", "name_en", "weight", "order", "is_active")


class IndicatorInline(OfficeOnly, admin.TabularInline):
    model = Indicator
    extra = 0
    fields = ("code", "name_th", "name_en", "unit", "is_active")


@admin.register(Dimension)
class DimensionAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ("code", "name_th", "name_en", "order", "is_mandatory")
    list_filter = ("is_mandatory",)
    search_fields = ("code", *NAMES)
    inlines = (SubCriterionInline, IndicatorInline)


@admin.register(SubCriterion)
class SubCriterionAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ("code", "name_th", "name_en", "dimension", "weight", "order", "is_active")
    list_select_related = ("dimension",)
    list_filter = ("dimension", "is_active")
    search_fields = ("code", *NAMES, "dimension__code")


@admin.register(Indicator)
class IndicatorAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ("code", "name_th", "name_en", "unit", "dimension", "is_active")
    list_select_related = ("dimension",)
    list_filter = ("dimension", "is_active")
    search_fields = ("code", *NAMES, "unit", "dimension__code")
