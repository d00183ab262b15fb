from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import is_office_staff, is_signed_in
from core.paging import page_of

from . import selectors
from .editor import steps
from .enums import EDITABLE_STATES, Role
from .forms import TransitionForm
from .permissions import can_edit_proposal, dossier_withheld, roles_for
from .workflow import TABLE, TransitionError, available_moves, proposal_move

PER_PAGE = 50


def proposal_list(request):
    # Staff see every proposal (100,000 in the benchmark): one page at a time, newest change first,
    # read through applications/migrations/0011's index in that order.
    page = page_of(request, selectors.proposal_list(request.user).order_by("-updated_at", "-id"), PER_PAGE)
    return render(request, "applications/proposal_list.html", {"proposals": page.object_list, "page": page})


def proposal_detail(request, pk):
    proposal = selectors.proposal_page(request.user, pk)
    # The user's roles on the proposal, read once: the dossier rule, the history's actors and the
    # moves on offer are all answered from them (they were three reads of the same rows).
    roles = roles_for(request.user, proposal)
    visible = bool(roles - {Role.PUBLIC})  # permissions.dossier_visible, from the roles read above
    if not visible:
        # A public proposal read by someone the dossier is not for (the public, or a member who
        # declared a conflict of interest on it): its public facts only, as the register has them.
        return render(request, "applications/proposal_public.html", {
            "proposal": proposal,
            "history": selectors.public_history_of(proposal),
            "withheld": dossier_withheld(request.user, proposal),
        })
    editable = can_edit_proposal(request.user, proposal)
    checklist = None
    if proposal.status in EDITABLE_STATES and (editable or is_office_staff(request.user)):
        checklist = steps.checklist(proposal)
    context = {
        "proposal": proposal,
        "history": selectors.history_of(proposal),
        "show_actor": is_signed_in(request.user),  # permissions.can_see_history_actor, the dossier being visible
        "moves": available_moves(proposal, request.user, roles=roles) if request.user.is_authenticated else [],
        "checklist": checklist,
        "editable": editable,
        "continue_step": checklist.first_missing_step() if (editable and checklist) else None,
        "steps": steps.STEPS,
        "revision": steps.revision_request(proposal) if request.user.is_authenticated else None,
    }
    return render(request, "applications/proposal_detail.html", context)


@login_required
@require_POST
def proposal_transition(request, pk):
    proposal = selectors.get_actionable_proposal(request.user, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The step could not be read: %(errors)s") % {"errors": form.errors.as_text()})
        return redirect("proposal-detail", pk=proposal.pk)
    move = TABLE.get((proposal.status, form.cleaned_data["action"]))
    if move is not None and move.asks_confirmation and request.POST.get("confirm") != "yes":
        # The browser enforces the tick box; this catches a post without it.
        messages.error(request, _("Tick the box to confirm: this step cannot be undone."))
        return redirect("proposal-detail", pk=proposal.pk)
    try:
        change = proposal_move(
            proposal=proposal, action=form.cleaned_data["action"], by=request.user, note=form.cleaned_data["note"],
            deadline=form.cleaned_data["deadline"], resolution_id=form.cleaned_data["resolution"] or None,
        )
    except TransitionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Done: %(step)s.") % {"step": change.get_action_display()})
    return redirect("proposal-detail", pk=proposal.pk)
