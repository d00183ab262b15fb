from django import forms
from django.contrib import admin, messages
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from applications.admin.proposals import proposal_inline_register
from core.admin import OfficeOnly, ReadOnlyInline

from . import preview, services
from .kinds import PLACEHOLDER_HELP, PLACEHOLDERS
from .models import Notification, NotificationTemplate, Preference, WebhookDelivery, WebhookEndpoint
from .webhooks import event_choices


class DeliveredFilter(admin.SimpleListFilter):
    title = _("e-mailed")
    parameter_name = "delivered"

    def lookups(self, request, model_admin):
        return (("yes", _("yes")), ("no", _("not yet")), ("failed", _("failed")))

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(sent_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(sent_at__isnull=True, failed_at__isnull=True)
        if self.value() == "failed":
            return queryset.filter(failed_at__isnull=False)
        return queryset


class ProposalFilter(admin.SimpleListFilter):
    """Per proposal: what was sent to whom (``?proposal=42`` or ``?proposal=SC-2569-00042``)."""

    title = _("proposal")
    parameter_name = "proposal"

    def lookups(self, request, model_admin):
        value = self.value()
        return ((value, value),) if value else ()

    def queryset(self, request, queryset):
        value = self.value() or ""
        # The reference SC-2569-00042 ends in the proposal's id.
        digits = value.rsplit("-", 1)[-1]
        if digits.isdigit():
            return queryset.filter(proposal_id=int(digits))
        return queryset


@admin.register(Notification)
class NotificationAdmin(OfficeOnly, admin.ModelAdmin):
    """The outbox, for reading: what was said to whom, and whether it went out."""

    list_display = (
        "created_at", "recipient", "event", "subject", "proposal_link", "sent_at", "failed_at", "read_at", "attempts",
    )
    list_select_related = ("recipient", "proposal")
    list_filter = (DeliveredFilter, ProposalFilter, "kind", "event", "created_at")
    search_fields = (
        "subject", "event", "recipient__username", "recipient__email", "recipient__last_name",
    )
    fields = (
        "recipient", "event", "kind", "language", "proposal", "status_change", "subject", "body", "html_body",
        "by_email", "in_app", "digest", "key", "created_at", "next_attempt_at", "claimed_at", "sent_at", "failed_at",
        "read_at", "attempts", "last_error",
    )
    readonly_fields = fields
    actions = ("resend_failed",)

    @admin.display(description=_("proposal"), ordering="proposal_id")
    def proposal_link(self, obj):
        if not obj.proposal_id:
            return "—"
        url = reverse("admin:notifications_notification_changelist") + f"?proposal={obj.proposal_id}"
        return format_html('<a href="{}">{}</a>', url, obj.proposal.reference)

    @admin.action(description=_("Send the failed notifications again"))
    def resend_failed(self, request, queryset):
        n = services.resend_failed(queryset=queryset)
        self.message_user(
            request, ngettext("%(n)d notification queued again.", "%(n)d notifications queued again.", n) % {"n": n},
            messages.SUCCESS,
        )

    # Written only alongside the event it reports (the outbox), so never by hand.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ProposalNotificationsInline(ReadOnlyInline):
    """What was sent to whom about one proposal; for the proposal admin's ``inlines``. One query, whatever the rows."""

    model = Notification
    fk_name = "proposal"
    fields = ("created_at", "recipient", "event", "language", "subject", "sent_at", "failed_at", "read_at")
    readonly_fields = fields
    show_change_link = True
    verbose_name_plural = _("notifications sent")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("recipient")


# Shown on each proposal's admin page, after its own parts.
proposal_inline_register(ProposalNotificationsInline)


class TemplateForm(forms.ModelForm):
    class Meta:
        model = NotificationTemplate
        fields = ("kind", "language", "subject", "text", "html")
        widgets = {"subject": forms.TextInput(attrs={"size": 100})}


@admin.register(NotificationTemplate)
class NotificationTemplateAdmin(OfficeOnly, admin.ModelAdmin):
    form = TemplateForm
    list_display = ("kind", "language", "subject", "updated_at")
    list_filter = ("kind", "language")
    search_fields = ("subject", "text")
    readonly_fields = ("placeholders", "preview_link")

    def get_fields(self, request, obj=None):
        return ("kind", "language", "placeholders", "subject", "text", "html", "preview_link")

    @admin.display(description=_("placeholders"))
    def placeholders(self, obj):
        if not obj or not obj.kind:
            return _("Save the kind first: each kind has its own placeholders.")
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "", "<li><code>{{{{ {} }}}}</code>: {}</li>",
                ((name, PLACEHOLDER_HELP.get(name, "")) for name in PLACEHOLDERS[obj.kind]),
            ),
        )

    @admin.display(description=_("preview"))
    def preview_link(self, obj):
        if not obj or not obj.pk:
            return "—"
        url = reverse("admin:notifications_notificationtemplate_preview", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Preview on a real proposal"))

    def get_urls(self):
        urls = [
            path("<int:pk>/preview/", self.admin_site.admin_view(self.preview_view),
                 name="notifications_notificationtemplate_preview"),
        ]
        return urls + super().get_urls()

    def preview_view(self, request, pk):
        template = get_object_or_404(NotificationTemplate, pk=pk)
        if not self.has_view_permission(request, template):
            raise PermissionError
        proposals = preview.candidate_proposals()
        chosen = request.GET.get("proposal") or (proposals[0].pk if proposals else None)
        rendered = None
        if chosen:
            with translation.override(template.language):
                rendered = preview.render_on(template, proposal_id=int(chosen))
        context = {
            **self.admin_site.each_context(request), "opts": self.model._meta, "original": template,
            "title": _("Preview: %(template)s") % {"template": template}, "proposals": proposals,
            "chosen": int(chosen) if chosen else None, "rendered": rendered, "now": timezone.now(),
        }
        return TemplateResponse(request, "admin/notifications/preview.html", context)


@admin.register(Preference)
class PreferenceAdmin(OfficeOnly, admin.ModelAdmin):
    """Users set their own on the preferences page; the Office sees them (and may fix one)."""

    list_display = ("user", "kind", "channel", "digest")
    list_select_related = ("user",)
    list_filter = ("kind", "channel", "digest")
    search_fields = ("user__username", "user__email")
    autocomplete_fields = ("user",)


class EndpointForm(forms.ModelForm):
    url = forms.URLField(label=_("URL"), max_length=500, assume_scheme="https")
    events = forms.MultipleChoiceField(
        label=_("events"), choices=event_choices, widget=forms.CheckboxSelectMultiple, required=False,
    )

    class Meta:
        model = WebhookEndpoint
        fields = ("name", "url", "secret", "events", "active")
        widgets = {"secret": forms.PasswordInput(render_value=True)}


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(OfficeOnly, admin.ModelAdmin):
    form = EndpointForm
    list_display = ("name", "url", "active", "created_at")
    list_filter = ("active",)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(OfficeOnly, admin.ModelAdmin):
    """The delivery log: each call, its answer, its tries."""

    list_display = ("created_at", "endpoint", "event", "delivery_id", "delivered_at", "failed_at", "attempts",
                    "last_status")
    list_select_related = ("endpoint",)
    list_filter = ("endpoint", "event", ("delivered_at", admin.EmptyFieldListFilter),
                   ("failed_at", admin.EmptyFieldListFilter))
    search_fields = ("delivery_id", "event")
    fields = ("endpoint", "event", "delivery_id", "payload", "created_at", "next_attempt_at", "claimed_at",
              "delivered_at", "failed_at", "attempts", "last_status", "last_error")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
