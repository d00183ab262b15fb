from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import PreferencesForm
from .subjects import subjects_fill


@login_required
def inbox(request):
    page = Paginator(selectors.inbox(request.user), 50).get_page(request.GET.get("page"))
    # What each row is about (a meeting's number, its cancellation), from the apps that own it.
    page.object_list = subjects_fill(page.object_list)
    return render(request, "notifications/inbox.html", {"page": page})


@login_required
@require_POST
def mark_read(request, pk):
    note = selectors.notification_of(request.user, pk)
    services.notification_mark_read(user=request.user, pk=note.pk)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        target = reverse("notification-list")
    return redirect(target)


@login_required
@require_POST
def mark_all_read(request):
    n = services.notification_mark_read(user=request.user)
    messages.success(request, _("%(n)d notifications marked read.") % {"n": n})
    return redirect("notification-list")


@login_required
def preferences(request):
    lines = selectors.preferences_of(request.user)
    form = PreferencesForm(request.POST or None, lines=lines)
    if request.method == "POST" and form.is_valid():
        for kind, channel, digest in form.choices():
            services.preference_set(user=request.user, kind=kind, channel=channel, digest=digest)
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notification-preferences")
    return render(request, "notifications/preferences.html", {"form": form})
