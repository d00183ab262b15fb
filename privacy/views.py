"""The notice, "my data", and the Office's pages (requests, the notice's versions, retention). Thin:
reads in selectors, writes in services."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import is_office_staff, is_signed_in
from core.personal_data import sources
from core.thai import local_date

from . import selectors, services
from .enums import RequestKind
from .forms import NOTICE_FIELDS, AnswerForm, NoticeForm, RequestForm, RetentionForm
from .middleware import remember_accepted


def _next(request, fallback="home"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


# --- The notice ------------------------------------------------------------------------------------

def notice(request):
    """The notice in force (or an older version, ?version=N), with the buttons to answer it."""
    current = selectors.current_notice()
    if current is None:
        raise Http404
    shown = current
    if request.GET.get("version", "").isdigit() and int(request.GET["version"]) != current.version:
        shown = selectors.notice_by_version(int(request.GET["version"]))
    answer = selectors.answer_to(request.user, current.version) if is_signed_in(request.user) else None
    return render(request, "privacy/notice.html", {
        "notice": shown, "current": current, "sections": shown.sections(), "answer": answer,
        "next": _next(request, ""), "versions": selectors.notice_versions()[:20],
    })


@login_required
@require_POST
def answer(request):
    current = selectors.current_notice()
    if current is None or str(current.version) != request.POST.get("version"):
        # A new version came out while the page was open: read that one.
        messages.warning(request, _("The privacy notice has changed: please read this version."))
        return redirect("privacy-notice")
    accepted = request.POST.get("answer") == "accept"
    services.notice_answer(user=request.user, notice=current, accepted=accepted, language=get_language() or "")
    if accepted:
        remember_accepted(request, current.version)
        messages.success(request, _("Thank you: you accepted the privacy notice."))
        return redirect(_next(request))
    messages.warning(request, _("You did not accept the privacy notice: only the public pages are open to you. "
                                "You can accept it at any time on the notice page."))
    return redirect("home")


# --- My data ---------------------------------------------------------------------------------------

@login_required
def my_data(request, form=None):
    requests_page = Paginator(selectors.my_requests(request.user), 20).get_page(request.GET.get("page"))
    return render(request, "privacy/my_data.html", {
        "sections": [source.label for source in sources()],
        "form": form or RequestForm(),
        "page": requests_page,
        "sign_ins": selectors.my_sign_ins(request.user)[:10],
        "duties": services.open_duties(request.user),
    })


@login_required
def export(request, pk):
    """The person's own data as a JSON file. Anybody else's, the Office's included, does not exist here."""
    if pk != request.user.pk:
        raise Http404
    data = services.data_export(request.user)
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="my-data-{request.user.pk}.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def request_create(request):
    form = RequestForm(request.POST)
    if form.is_valid():
        try:
            req = services.request_create(user=request.user, **form.cleaned_data)
        except services.PrivacyError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            if req.held_reason:
                messages.warning(request, req.held_reason)
            else:
                messages.success(request, _("Your request was sent. The Office answers by %(date)s.")
                                 % {"date": local_date(req.due_on)})
            return redirect("privacy-my-data")
    return my_data(request, form=form)


# --- The Office ------------------------------------------------------------------------------------

@login_required
def queue(request):
    show = "all" if request.GET.get("show") == "all" else "open"
    page = Paginator(selectors.request_queue(request.user, show=show), 30).get_page(request.GET.get("page"))
    return render(request, "privacy/queue.html", {"page": page, "show": show})


@login_required
def request_detail(request, pk):
    req = selectors.request_for_staff(request.user, pk)
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action")
        try:
            if action == "erase":
                services.request_erase(request=req, by=request.user)
                messages.success(request, _("The person's data was deleted; the record keeps their role."))
            else:
                services.request_answer(request=req, by=request.user, response=form.cleaned_data["response"],
                                        refused=action == "refuse")
                messages.success(request, _("The answer was recorded."))
            return redirect("privacy-queue")
        except services.ErasureHeld as exc:
            messages.warning(request, exc.message)
            return redirect("privacy-request", pk=req.pk)
        except services.PrivacyError as exc:
            form.add_error("response" if exc.field == "response" else None, exc.message)
    return render(request, "privacy/request.html", {
        "req": req, "form": form, "is_deletion": req.kind == RequestKind.DELETION,
        "duties": services.open_duties(req.user) if req.state in ("open", "held") else [],
    })


@login_required
def notice_edit(request):
    if not is_office_staff(request.user):
        raise Http404
    current = selectors.current_notice()
    initial = {name: getattr(current, name) for name in NOTICE_FIELDS} if current else None
    form = NoticeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        published = services.notice_publish(by=request.user, **{n: form.cleaned_data[n] for n in NOTICE_FIELDS})
        messages.success(request, _("Version %(version)s of the privacy notice is in force: everyone is asked to "
                                    "read it at their next page.") % {"version": published.version})
        return redirect("privacy-notice")
    page = Paginator(selectors.notice_versions(), 20).get_page(request.GET.get("page"))
    return render(request, "privacy/notice_edit.html", {"form": form, "current": current, "page": page})


@login_required
def retention(request):
    if not is_office_staff(request.user):
        raise Http404
    periods = services.retention_periods()
    form = RetentionForm(request.POST or None, periods=periods)
    if request.method == "POST" and form.is_valid():
        try:
            for sweep, _days in periods:
                services.retention_set(key=sweep.key, days=form.cleaned_data[sweep.key])
        except services.PrivacyError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("The retention periods were saved."))
            return redirect("privacy-retention")
    return render(request, "privacy/retention.html", {"form": form})
