"""The workflow's moves as admin actions.

One action per move the Office can make, generated from ``workflow.MOVES`` so a
move added to the table appears here without a line of admin code.  Each action
first shows a confirmation page asking for what the move needs (note,
deadline, the meeting resolution), then calls ``proposal_move()`` for each
selected proposal: the same door, checks and history as every other page.
"""

import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.forms import LocalDateField

from .. import hooks
from ..enums import Role, State
from ..models import ProgrammeSettings
from ..workflow import MOVES, TABLE, TransitionError, proposal_move

CONFIRMATION_TEMPLATE = "admin/applications/proposal/move_confirmation.html"


def _resolution_field(proposal_pk) -> str:
    return f"resolution_{proposal_pk}"


def fitting_resolutions(move, proposals) -> dict:
    """proposal pk -> resolutions that could decide ``move`` for it, newest first (reviews finds them)."""
    if move.resolution is None or not proposals:
        return {p.pk: [] for p in proposals}
    return hooks.decisions().candidates(move.resolution, proposals)


class MoveForm(forms.Form):
    """What one move needs; the inputs are still judged by transition() itself."""

    note = forms.CharField(label=_("Note for the record"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    deadline = LocalDateField(label=_("Revision deadline"), required=False)

    def __init__(self, *args, move, proposals, resolutions, **kwargs):
        super().__init__(*args, **kwargs)
        self.move = move
        self.resolutions = resolutions
        # Asked here so the page is shown again with the typed text kept, rather
        # than every selected proposal being refused with the same message.
        self.fields["note"].required = move.needs_note
        if move.needs_deadline:
            self.fields["deadline"].required = True
        else:
            del self.fields["deadline"]
        if move.resolution is None:
            return
        for proposal in proposals:
            options = resolutions[proposal.pk]
            # Not required: a proposal without its resolution is refused by the
            # workflow on its own, and the others still move.
            self.fields[_resolution_field(proposal.pk)] = forms.TypedChoiceField(
                label=str(proposal), required=False, coerce=int, empty_value=None,
                choices=[("", "---------")] + [(r.pk, f"{r.meeting} — {r.get_kind_display()}") for r in options],
                initial=options[0].pk if options else None,
            )

    def resolution_for(self, proposal):
        """The id of the resolution picked for ``proposal`` among those offered, or None."""
        pk = self.cleaned_data.get(_resolution_field(proposal.pk))
        return pk if any(r.pk == pk for r in self.resolutions[proposal.pk]) else None

    def main_fields(self):
        return [self[name] for name in self.fields if not name.startswith("resolution_")]

    def resolution_fields(self):
        return [self[name] for name in self.fields if name.startswith("resolution_")]


def _default_deadline() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=ProgrammeSettings.load().revision_days)


def run_move(modeladmin, request, queryset, move):
    proposals = list(queryset.select_related("organisation").order_by("pk"))
    resolutions = fitting_resolutions(move, proposals)
    if "apply" in request.POST:
        form = MoveForm(request.POST, move=move, proposals=proposals, resolutions=resolutions)
        if form.is_valid():
            apply_move(modeladmin, request, move, proposals, form)
            return None  # back to the change list, where the messages show
    else:
        initial = {"deadline": _default_deadline()} if move.needs_deadline else {}
        form = MoveForm(initial=initial, move=move, proposals=proposals, resolutions=resolutions)
    rows = [
        {"proposal": p, "possible": (p.status, move.action) in TABLE, "status": State(p.status).label}
        for p in proposals
    ]
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": move.action.label,
        "opts": modeladmin.model._meta,
        "move": move,
        "target": move.target.label,
        "rows": rows,
        "form": form,
        "action_name": action_name(move),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "media": modeladmin.media + form.media,
    }
    return TemplateResponse(request, CONFIRMATION_TEMPLATE, context)


def apply_move(modeladmin, request, move, proposals, form):
    # Each move is atomic per proposal: each one moves completely or not at
    # all, and a refusal for one does not hold back the others.
    moved = 0
    for proposal in proposals:
        try:
            proposal_move(
                proposal=proposal, action=move.action, by=request.user, note=form.cleaned_data["note"],
                deadline=form.cleaned_data.get("deadline"), resolution_id=form.resolution_for(proposal),
            )
        except TransitionError as exc:
            modeladmin.message_user(
                request, gettext("%(reference)s: %(error)s") % {"reference": proposal.reference, "error": exc.message},
                level=messages.ERROR,
            )
        else:
            moved += 1
    if moved:
        modeladmin.message_user(
            request,
            ngettext(
                "“%(action)s” done for %(count)d proposal.",
                "“%(action)s” done for %(count)d proposals.",
                moved,
            ) % {"action": move.action.label, "count": moved},
            level=messages.SUCCESS,
        )


def action_name(move) -> str:
    return f"move_{move.action.value}"


def office_moves() -> list:
    """The moves the Office makes. Proponents' own moves (submit, withdraw...)
    stay on the portal pages: from the admin they could only ever be refused."""
    return [m for m in MOVES if Role.STAFF in m.roles]


def _make_action(move):
    def action(modeladmin, request, queryset):
        return run_move(modeladmin, request, queryset, move)

    action.__name__ = action_name(move)
    return admin.action(description=move.action.label, permissions=["change"])(action)


WORKFLOW_ACTIONS = tuple(_make_action(m) for m in office_moves())
