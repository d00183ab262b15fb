"""The step-by-step editor: one page per criterion, autosave, and the live checklist.

Every page is a plain form post; htmx only autosaves while typing and swaps the
status line and the checklist. Proposals come through the editor's selector,
so a stranger or a frozen proposal gives 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from accounts.permissions import organisation_ids

from ..annexes.selectors import attachments_of
from ..forms import ProposalCreateForm
from ..services import proposal_create
from ..workflow import TABLE
from . import editing, selectors, services, steps


def _context(request, proposal, step, checklist, **extra):
    return {
        "proposal": proposal,
        "step": steps.BY_SLUG[step],
        "steps": steps.STEPS,
        "step_number": steps.SLUGS.index(step) + 1,
        "next_step": steps.next_of(step),
        "checklist": checklist,
        "revision": steps.revision_request(proposal),
        **extra,
    }


def _epoch_ms(when):
    return int(when.timestamp() * 1000) if when else 0


@login_required
def proposal_new(request):
    if not organisation_ids(request.user):
        raise Http404  # only members of a proponent organisation write proposals
    form = ProposalCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = proposal_create(by=request.user, organisation=form.cleaned_data["organisation"],
                                       data=form.to_data())
        except ValidationError as exc:
            editing.apply_errors(exc, {"": form})
        else:
            messages.success(request, _("The draft is created. Write it step by step; what you type is saved."))
            return redirect("proposal-edit", pk=proposal.pk, step=steps.SLUGS[0])
    return render(request, "applications/proposal_create.html", {"form": form})


@login_required
def proposal_edit(request, pk, step):
    if step not in steps.BY_SLUG:
        raise Http404
    proposal = selectors.get_editable_proposal(request.user, pk)
    if step == "review":
        return _review(request, proposal)
    stash = selectors.stash_of(proposal, step, request.user)
    restored = added = saved_failed = None
    if request.method == "POST":
        data = request.POST.copy()
        add = data.get("add")
        if add:
            # "Add a row" (or "show the chosen dimensions") without JavaScript:
            # the page again, one more blank row, what was typed kept.
            total = f"{add}-TOTAL_FORMS"
            if total in data and data[total].isdigit():
                data[total] = str(int(data[total]) + 1)
                added = add
            stash = services.stash_save(proposal=proposal, step=step, user=request.user,
                                        data=editing.typed(data))
            editor = editing.build(step, proposal, data)
        else:
            editor = editing.build(step, proposal, data)
            if _save(editor, proposal, step, request.user, data):
                messages.success(request, _("Saved: %(step)s.") % {"step": steps.BY_SLUG[step].title})
                go = steps.next_of(step) if data.get("go") == "next" else step
                return redirect("proposal-edit", pk=proposal.pk, step=go)
            saved_failed = True
            stash = selectors.stash_of(proposal, step, request.user)
    elif stash and _restores(stash, proposal, request.GET.get("restore")):
        # Bound, so what cannot be read (a word for a number) shows beside its field;
        # the rest of the rules are checked when the step is saved.
        editor = editing.build(step, proposal, editing.as_post(stash.data))
        editor.is_valid()
        restored = stash
    else:
        editor = editing.build(step, proposal)
    context = _context(
        request, proposal, step, steps.checklist(proposal), editor=editor,
        errors=editing.summary(editor) if saved_failed else [],
        restored=restored, added=added,
        older_stash=stash if (stash and not restored and request.method == "GET") else None,
        server_saved=_epoch_ms(max(filter(None, [proposal.updated_at, stash and stash.saved_at]))),
    )
    template = "dimensions.html" if step == "dimensions" else "step.html"
    return render(request, f"applications/editor/{template}", context)


def _restores(stash, proposal, asked):
    """Pre-fill from the stash when it is newer than the proposal, or when asked to."""
    if asked == "0":
        return False
    return asked == "1" or stash.saved_at > proposal.updated_at


def _save(editor, proposal, step, user, data):
    """Try to save the step; keep what was typed when it cannot be saved yet."""
    typed = editing.typed(data)
    if not editor.is_valid():
        services.stash_save(proposal=proposal, step=step, user=user, data=typed)
        return False
    payload, paths = editor.to_data()
    try:
        services.step_save(proposal=proposal, step=step, by=user, data=payload, typed=typed)
    except ValidationError as exc:
        editing.apply_errors(exc, paths)
        return False
    return True


def _review(request, proposal):
    checklist = steps.checklist(proposal)
    move = TABLE.get((proposal.status, checklist.action)) if checklist.action else None
    plans = proposal.plans.select_related("dimension").prefetch_related("initiatives", "indicators")
    context = _context(request, proposal, "review", checklist, move=move, plans=plans,
                       provinces=proposal.provinces.all(), annexes=attachments_of(proposal))
    return render(request, "applications/editor/review.html", context)


def _csrf_refused(request) -> bool:
    return CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {}) is not None


@csrf_exempt  # checked below, after the sign-in check, so both failures answer in JSON
@require_POST
def proposal_autosave(request, pk, step):
    """Keep what was typed; save it to the proposal when the whole step is valid.

    Answers JSON 401/403 when the session has ended (never a redirect to the
    sign-in page), so the page's script keeps the typing on the computer.
    """
    if not request.user.is_authenticated:
        return JsonResponse(
            {"error": "signed_out", "message": _("Your session has ended. Sign in again.")}, status=401
        )
    if _csrf_refused(request):
        return JsonResponse(
            {"error": "csrf", "message": _("The page is out of date. Sign in again or reload the page.")},
            status=403,
        )
    if step not in steps.FORM_STEPS:
        raise Http404
    proposal = selectors.get_editable_proposal(request.user, pk)
    editor = editing.build(step, proposal, request.POST)
    saved = _save(editor, proposal, step, request.user, request.POST)
    if saved:
        proposal.refresh_from_db()
        kept_at = proposal.updated_at
    else:
        kept_at = selectors.stash_of(proposal, step, request.user).saved_at
    context = {
        "proposal": proposal,
        "step": steps.BY_SLUG[step],
        "steps": steps.STEPS,
        "checklist": steps.checklist(proposal),
        "saved": saved,
        "problems": len(editing.summary(editor)) if not saved else 0,
        "now": kept_at,
        "oob": True,
    }
    response = render(request, "applications/editor/_autosave.html", context)
    # When the server last heard from this step: the page's copy on the computer
    # is newer than the server's only while this has not moved on.
    response["X-Saved-At"] = str(_epoch_ms(kept_at))
    return response


@require_GET
@login_required
def proposal_checklist(request, pk):
    """The checklist on its own (the fragment the autosave swaps in)."""
    proposal = selectors.get_editable_proposal(request.user, pk)
    return render(request, "applications/editor/_checklist.html",
                  {"proposal": proposal, "checklist": steps.checklist(proposal)})
