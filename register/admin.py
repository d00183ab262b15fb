from django.contrib import admin

from accounts.admin import OfficeOnly

from .models import PublicRecord


@admin.register(PublicRecord)
class PublicRecordAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ("key", "round", "confidence", "english_name_only", "source")
    list_filter = ("round", "confidence", "english_name_only")
    search_fields = ("key", "proposal__name_th", "proposal__name_en", "source")
    raw_id_fields = ("proposal",)
