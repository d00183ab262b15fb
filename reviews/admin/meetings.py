"""Meetings, their agenda and attendance.

Staff schedule meetings through the meetings service, so numbering and notice are never bypassed.
Postponing, cancelling and building the agenda are the meeting desk's (reviews/meetings/desk.py,
linked from every row here): the date is read-only once called, and no meeting is ever deleted
(its notice went out; a cancelled meeting stays in the record).
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import OfficeOnly
from core.forms import local_formfield
from core.thai import be_year, local_date

from ..meetings import services
from ..meetings.texts import ALREADY_TOLD, PUBLISH_TEXT
from ..models import AgendaItem, Attendance, Meeting, meeting_is_closed
from ..records import LOCKED
from .record import CorrectsOnThePortal, LockedOnceRecorded, corrections_inline
from .search import PROPOSAL_SEARCH


class MeetingScheduleForm(forms.ModelForm):
    class Meta:
        model = Meeting
        formfield_callback = local_formfield
        fields = ("body", "held_at", "place", "notice_override_reason")
        help_texts = {
            "notice_override_reason": _(
                "Only when the meeting is sooner than the body's notice allows; "
                "it goes into the record and the minutes."
            ),
        }

    def clean(self):
        data = super().clean()
        held_at = data.get("held_at")
        if held_at is None:
            return data
        if self.instance.pk is None and held_at <= timezone.now():
            self.add_error("held_at", services.past_problem(held_at))
        elif self.instance.pk is None:
            body = data.get("body")
            if body is not None:
                problem = services.short_notice_problem(
                    body=body, held_at=held_at, override_reason=data.get("notice_override_reason") or ""
                )
                if problem:
                    self.add_error("held_at", problem)
        elif be_year(timezone.localtime(held_at).year) != self.instance.year_be:
            # The number belongs to the year: moving to another year would need a new number.
            self.add_error("held_at", _("A meeting cannot move to another year; schedule a new meeting instead."))
        return data


class AgendaFormSet(BaseInlineFormSet):
    """Only proposals the body decides on go on its agenda; an item with votes stays."""

    def clean(self):
        super().clean()
        meeting = self.instance
        if not meeting.body_id:
            return
        problem = services.cancelled_problem(meeting) if meeting.pk else None
        if problem and any(f.has_changed() for f in self.forms):
            raise ValidationError(problem)
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data:
                continue
            existing = form.instance.pk is not None
            if existing and form.has_changed():
                stored = type(form.instance).objects.get(pk=form.instance.pk)
                # A closed item stands as the minutes show it (order and all), and one with a declared
                # conflict keeps it: the database refuses both too.
                if stored.is_closed:
                    raise ValidationError(
                        _("Item %(order)s is closed: it stays on the agenda as it is.") % {"order": stored.order}
                    )
                if self._should_delete_form(form) and stored.conflicts.exists():
                    raise ValidationError(
                        _("Item %(order)s has a declared conflict of interest: it stays on the agenda.")
                        % {"order": stored.order}
                    )
            if self.can_delete and self._should_delete_form(form) or (existing and "proposal" in form.changed_data):
                if existing:
                    problem = services.removal_problem(item=type(form.instance).objects.get(pk=form.instance.pk))
                    if problem:
                        raise ValidationError(problem)
                if self._should_delete_form(form):
                    continue
            proposal = data.get("proposal")
            if proposal is not None and (not existing or "proposal" in form.changed_data):
                problem = services.state_problem(body=meeting.body, proposal=proposal)
                if problem:
                    form.add_error("proposal", problem)


class AgendaItemInline(OfficeOnly, admin.TabularInline):
    model = AgendaItem
    formset = AgendaFormSet
    extra = 0
    fields = ("order", "proposal")
    autocomplete_fields = ("proposal",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("proposal")


def publish_action(what):
    """An admin action for ``services.publish``: a confirmation page first, as nothing sent can be taken back."""

    def action(modeladmin, request, queryset):
        meetings = list(queryset.select_related("body").order_by("held_at", "pk"))
        if request.POST.get("post") != "yes":
            return TemplateResponse(request, "admin/reviews/meeting/publish_confirmation.html", {
                **modeladmin.admin_site.each_context(request),
                "title": PUBLISH_TEXT[what]["button"], "explain": PUBLISH_TEXT[what]["explain"],
                "opts": modeladmin.model._meta, "meetings": meetings, "action": f"publish_{what}",
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            })
        for meeting in meetings:
            try:
                rows = services.publish(meeting=meeting, what=what)
            except ValidationError as exc:
                modeladmin.message_user(request, f"{meeting}: {' '.join(exc.messages)}", messages.ERROR)
                continue
            if rows:
                text, level = PUBLISH_TEXT[what]["done"] % {"n": len(rows)}, messages.SUCCESS
            else:
                text, level = ALREADY_TOLD, messages.INFO
            modeladmin.message_user(request, f"{meeting}: {text}", level)
        return None

    action.__name__ = f"publish_{what}"
    return admin.action(description=PUBLISH_TEXT[what]["button"])(action)


@admin.register(Meeting)
class MeetingAdmin(OfficeOnly, admin.ModelAdmin):
    form = MeetingScheduleForm
    inlines = (AgendaItemInline,)
    list_display = ("label", "body", "when", "place", "notice_sent_at", "cancelled_at", "desk_link")
    list_display_links = ("label",)
    list_select_related = ("body",)
    list_filter = ("body", "year_be")
    search_fields = ("place", "body__name_th", "body__name_en", "agenda__proposal__name_th")
    date_hierarchy = "held_at"
    actions = [publish_action(what) for what in services.PUBLICATIONS]

    @admin.display(description=_("date and time"), ordering="held_at")
    def when(self, obj):
        # In the reader's calendar (B.E. on a Thai page), as the desk and the notices show it.
        held = timezone.localtime(obj.held_at)
        return f"{local_date(held)} {held:%H:%M}"

    @admin.display(description=_("Meeting desk"))
    def desk_link(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("desk-meeting", args=[obj.pk]), _("Open at the desk"))

    def has_delete_permission(self, request, obj=None):
        # A called meeting is cancelled at the desk, never deleted: its members were sent the notice.
        return False

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {**(extra_context or {}), "desk_url": reverse("desk")})

    @admin.display(description=_("meeting no."), ordering="year_be")
    def label(self, obj):
        # "ครั้งที่ 1/2565": the number staff and minutes use.
        return obj.label if obj and obj.pk else "—"

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("body", "held_at", "place", "notice_override_reason")
        return ("body", "label", "when", "place", "notice_sent_at", "notice_override_reason", "created_by",
                "postponed_from", "postponement_reason", "cancelled_at", "cancellation_reason", "desk_link")

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ("label",)
        # The date moves only by a postponement at the desk, which tells the members.
        return ("body", "label", "when", "notice_sent_at", "notice_override_reason", "created_by",
                "postponed_from", "postponement_reason", "cancelled_at", "cancellation_reason", "desk_link")

    def save_formset(self, request, form, formset, change):
        """The agenda inline's rows go through the meeting services (added, taken off), never raw."""
        if formset.model is not AgendaItem:
            return super().save_formset(request, form, formset, change)
        meeting = form.instance
        # commit=False: sorts the rows into changed and deleted (for the admin's log) and saves nothing.
        formset.save_existing_objects(commit=False)
        for gone in formset.deleted_objects:
            services.agenda_remove(item=gone)
        for item, _changed in formset.changed_objects:
            item.save()
        formset.new_objects = [
            services.agenda_add(meeting=meeting, proposal=f.cleaned_data["proposal"],
                                order=f.cleaned_data.get("order") or None)
            for f in formset.extra_forms if f.has_changed() and not formset._should_delete_form(f)
        ]
        return None

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        created = services.meeting_create(
            body=obj.body, held_at=obj.held_at, place=obj.place, by=request.user,
            notice_override_reason=obj.notice_override_reason,
        )
        # The admin goes on with ``obj`` (agenda inline, log, redirect): make it the created row.
        for field in Meeting._meta.concrete_fields:
            setattr(obj, field.attname, getattr(created, field.attname))
        obj._state.adding = False
        obj._state.db = created._state.db



@admin.register(AgendaItem)
class AgendaItemAdmin(LockedOnceRecorded, OfficeOnly, admin.ModelAdmin):
    """Read only once closed (a close time or a resolution): it stands as the minutes show it."""

    list_display = ("meeting", "order", "proposal", "closed_at", "resolution")
    list_select_related = ("meeting__body", "proposal", "resolution__meeting")
    list_filter = ("meeting__body", "meeting__year_be")
    search_fields = PROPOSAL_SEARCH
    autocomplete_fields = ("meeting", "proposal")

    def is_recorded(self, obj):
        return obj.is_closed

    def get_readonly_fields(self, request, obj=None):
        # Closing is the chair's act on the item's page, never a field typed here.
        return ("closed_at", "closed_by", "resolution")


class AttendanceForm(forms.ModelForm):
    class Meta:
        model = Attendance
        fields = ("meeting", "member", "present")

    def clean(self):
        data = super().clean()
        meeting = data.get("meeting")
        if meeting is not None and meeting_is_closed(meeting.pk):
            raise ValidationError(LOCKED["attendance"])
        # Time runs one way here as on the attendance page (attendance_record): no roll call ahead.
        if meeting is not None and meeting.held_at > timezone.now():
            raise ValidationError(services.attendance_start_problem(meeting), code="not_started")
        return data


@admin.register(Attendance)
class AttendanceAdmin(CorrectsOnThePortal, LockedOnceRecorded, OfficeOnly, admin.ModelAdmin):
    """Read only once an item of the meeting is closed; a mistake is then mended by a correction."""

    form = AttendanceForm
    list_display = ("meeting", "member", "present", "recorded_by", "recorded_at")
    list_select_related = ("meeting__body", "member", "recorded_by")
    list_filter = ("present", "meeting__body")
    search_fields = ("member__username", "member__first_name", "member__last_name")
    inlines = (corrections_inline("attendance"),)

    def is_recorded(self, obj):
        return meeting_is_closed(obj.meeting_id)

    def get_fields(self, request, obj=None):
        if obj is not None and self.is_recorded(obj):
            return ("meeting", "member", "present", "recorded_by", "recorded_at", "record_correction")
        return ("meeting", "member", "present")

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and self.is_recorded(obj):
            return ("meeting", "member", "present", "recorded_by", "recorded_at", "record_correction")
        return ()

    def save_model(self, request, obj, form, change):
        obj.recorded_by = request.user
        super().save_model(request, obj, form, change)
