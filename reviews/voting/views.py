from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import CloseForm, ConflictForm, VoteForm


def _back(item):
    """Back to the agenda-item page (the meetings area), or the proposal if it is not wired yet."""
    try:
        return redirect(reverse("agenda-item", args=[item.pk]) + "#voting")
    except NoReverseMatch:
        return redirect("proposal-detail", pk=item.proposal_id)


# The id of each field of the item page's forms (templates/reviews/voting/_item_panel.html), so
# that a refusal links to the field it is about; %d is the item.
FIELD_IDS = {
    "vote": {"choice": "choice-%d-approve", "reason": "reason-%d"},
    "conflict": {"reason": "conflict-%d"},
    "close": {"text": "text-%d", "requested_changes": "changes-%d", "deadline": "deadline-%d",
              "casting_vote": "casting-%d", "confirm": "confirm-close-%d"},
}


def _anchor(form_name, field, item) -> str:
    pattern = FIELD_IDS[form_name].get(field or "")
    return "#" + pattern % item.pk if pattern else ""


def _refused(request, form, form_name, item):
    errors = "; ".join(str(e) for errs in form.errors.values() for e in errs)
    messages.error(request, _("The form could not be read: %(errors)s") % {"errors": errors},
                   extra_tags=_anchor(form_name, next(iter(form.errors), None), item))


def _said(request, exc, form_name, item):
    messages.error(request, exc.message, extra_tags=_anchor(form_name, exc.field, item))


@login_required
@require_POST
def vote_cast(request, pk):
    item = selectors.get_item(request.user, pk)
    form = VoteForm(request.POST)
    if not form.is_valid():
        _refused(request, form, "vote", item)
        return _back(item)
    try:
        vote = services.vote_cast(item=item, member=request.user, **form.cleaned_data)
    except services.VotingError as exc:
        _said(request, exc, "vote", item)
    else:
        if item.is_secret:
            # Never the choice: the message is kept in the session until shown.
            messages.success(request, _("Your secret ballot is recorded. Nobody, not even the portal, can tell how "
                                        "you voted."))
        else:
            messages.success(request, _("Your vote is recorded: %(choice)s.") % {"choice": vote.get_choice_display()})
    return _back(item)


@login_required
@require_POST
def conflict_declare(request, pk):
    item = selectors.get_item(request.user, pk)
    form = ConflictForm(request.POST)
    if not form.is_valid():
        _refused(request, form, "conflict", item)
        return _back(item)
    try:
        services.conflict_declare(item=item, member=request.user, reason=form.cleaned_data["reason"])
    except services.VotingError as exc:
        _said(request, exc, "conflict", item)
    else:
        messages.success(
            request, _("Your conflict of interest is recorded. You do not vote on this item or see its dossier.")
        )
    return _back(item)


@login_required
@require_POST
def item_close(request, pk):
    item = selectors.get_item(request.user, pk)
    form = CloseForm(request.POST)
    if request.POST.get("confirm") != "yes":
        # Closing records the resolution for good: asked here, on the server, as withdrawing is.
        messages.error(request, _("Tick the box to confirm: closing records the resolution and cannot be undone."),
                       extra_tags=_anchor("close", "confirm", item))
        return _back(item)
    if not form.is_valid():
        _refused(request, form, "close", item)
        return _back(item)
    try:
        data = {**form.cleaned_data, "casting_vote": form.cleaned_data.get("casting_vote") or None}
        resolution = services.item_close(item=item, by=request.user, **data)
    except services.VotingError as exc:
        _said(request, exc, "close", item)
    else:
        messages.success(
            request, _("The item is closed. Resolution: %(kind)s.") % {"kind": resolution.get_kind_display()}
        )
    return _back(item)
