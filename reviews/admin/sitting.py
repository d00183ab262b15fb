"""The running of meetings, read only: openings, arrivals and departures, secret ballots and the
certification of minutes are written on the portal's meeting pages, never here."""

from django.contrib import admin

from core.admin import OfficeOnly, ReadOnly

from ..models import AttendanceEvent, MeetingOpening, MinutesCertification, SecretBallot, SecretParticipation
from .record import NoBulkDelete


class SittingAdmin(NoBulkDelete, ReadOnly, OfficeOnly, admin.ModelAdmin):
    pass


@admin.register(MeetingOpening)
class MeetingOpeningAdmin(SittingAdmin):
    list_display = ("meeting", "opened_by", "opened_at")
    list_select_related = ("meeting__body", "opened_by")
    readonly_fields = ("meeting", "opened_by", "opened_at")


@admin.register(AttendanceEvent)
class AttendanceEventAdmin(SittingAdmin):
    list_display = ("meeting", "member", "kind", "at", "channel", "identity_check")
    list_select_related = ("meeting__body", "member")
    list_filter = ("kind", "channel", "identity_check")
    readonly_fields = ("meeting", "member", "kind", "at", "channel", "identity_check", "recorded_by")


@admin.register(SecretParticipation)
class SecretParticipationAdmin(SittingAdmin):
    """Who took part in a secret ballot; never what they chose."""

    list_display = ("agenda_item", "member")
    list_select_related = ("agenda_item__meeting__body", "member")
    readonly_fields = ("agenda_item", "member")


@admin.register(SecretBallot)
class SecretBallotAdmin(SittingAdmin):
    """The choices of a secret ballot: no member, no time; listed by choice, never by arrival."""

    list_display = ("agenda_item", "choice")
    list_select_related = ("agenda_item__meeting__body",)
    list_filter = ("choice",)
    readonly_fields = ("agenda_item", "choice")
    ordering = ("agenda_item", "choice")


@admin.register(MinutesCertification)
class MinutesCertificationAdmin(SittingAdmin):
    list_display = ("meeting", "certified_at", "amended", "by", "at")
    list_select_related = ("meeting__body", "certified_at__body", "by")
    readonly_fields = ("meeting", "certified_at", "amended", "note", "by", "at")
