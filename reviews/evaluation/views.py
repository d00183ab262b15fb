"""Screening, zone groups and the score matrix (the Office); assignments and score forms (evaluators)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from applications.annexes.selectors import attachments_in_version
from applications.editor.editing import one_line_ending
from applications.enums import Action
from applications.workflow import TransitionError, proposal_move
from core.paging import page_of

from ..permissions import can_score, can_screen, is_late
from . import selectors, services
from .forms import AssignForm, NoteDeadlineForm, RejectForm, ScoreForm, ZoneForm
from .zones import zones_of


def _staff_only(user):
    if not can_screen(user):
        raise Http404


# --- Screening ---------------------------------------------------------------------------------


# Rows a page (issue 16: the queue was 7,500 rows, 6.4 MB of HTML, at 100,000 proposals).
SCREENING_PER_PAGE = 50
ZONE_GROUPS_PER_PAGE = 10
MATRIX_PER_PAGE = 25


@login_required
def screening_list(request):
    _staff_only(request.user)
    page = page_of(request, selectors.screening_list(request.user), SCREENING_PER_PAGE)
    return render(request, "reviews/evaluation/screening_list.html", {"proposals": page.object_list, "page": page})


# The screening steps that take input, each with its form (``screen`` takes none).
SCREENING_FORMS = {"return": NoteDeadlineForm, "reject": RejectForm, "zone": ZoneForm}


def _screening_page(request, proposal, *, forms=None, error=None, status=200):
    forms = forms or {}
    context = {
        "proposal": proposal,
        **selectors.screening_facts(proposal),
        "return_form": forms.get("return") or NoteDeadlineForm(prefix="return"),
        "reject_form": forms.get("reject") or RejectForm(prefix="reject"),
        "zone_form": forms.get("zone") or ZoneForm(prefix="zone"),
        "error": error,
        "failed": next(iter(forms), None),
    }
    return render(request, "reviews/evaluation/screening_detail.html", context, status=status)


@login_required
def screening_detail(request, pk):
    proposal = selectors.get_screening_proposal(request.user, pk)
    if request.method != "POST":
        return _screening_page(request, proposal)
    action = request.POST.get("action")
    form = SCREENING_FORMS[action](request.POST, prefix=action) if action in SCREENING_FORMS else None
    if form is not None and not form.is_valid():
        return _screening_page(request, proposal, forms={action: form}, status=400)
    try:
        services.screening_decide(proposal=proposal, by=request.user, step=action,
                                  data=form.cleaned_data if form is not None else None)
    except (TransitionError, services.EvaluationError) as exc:
        if form is not None and exc.field in form.fields:
            form.add_error(exc.field, exc.message)
            return _screening_page(request, proposal, forms={action: form}, status=400)
        return _screening_page(request, proposal, forms={action: form} if form else None, error=exc.message,
                               status=400)
    proposal.refresh_from_db()
    messages.success(request, _("Done: %(state)s.") % {"state": proposal.get_status_display()})
    if proposal.status in selectors.SCREENING_STATES:
        return redirect("screening-detail", pk=proposal.pk)
    return redirect("screening")


@login_required
def zone_list(request):
    _staff_only(request.user)
    page = page_of(request, selectors.zone_groups(request.user), ZONE_GROUPS_PER_PAGE)
    # Each group's zones in one query (the proposals name their group by a plain id).
    groups = zones_of(page.object_list)
    return render(request, "reviews/evaluation/zone_list.html", {"groups": groups, "page": page})


# --- Assigning evaluators ----------------------------------------------------------------------


@login_required
def assign(request, pk):
    """Choose, check, confirm: nothing is assigned or sent back until staff confirm the summary.

    The first POST shows what would change (the choices stay ticked on the
    page); only a POST with the box ticked and the same plan (its digest,
    worked out again on the server) writes anything.
    """
    proposal = selectors.get_proposal_to_assign(request.user, pk)
    board = selectors.assignment_board(proposal, list(proposal.plans.all()))
    version = selectors.latest_version(proposal)
    form = AssignForm(request.POST if request.method == "POST" else None, board=board,
                      evaluators=selectors.evaluators(),
                      initial={"reason": selectors.revised_plan_reason(board, version)})
    error, plan = None, None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        args = {"proposal": proposal, "by": request.user, "choices": form.choices(), "due_on": data["due_on"],
                "reason": data["reason"]}
        confirming = request.POST.get("intent") == "confirm"
        ticked = request.POST.get("confirm") == "yes"
        try:
            # Confirmed: refused (plan_changed) unless the choice and the assignments are still as summarised.
            outcome = services.assignment_submit(
                **args, current=[a for row in board for a in row.assignments],
                confirmed=request.POST.get("plan", "") if confirming and ticked else None,
            )
            plan = outcome.plan
            if outcome.done is not None:
                messages.success(request, _assigned_message(plan, outcome.done))
                return redirect("assign-evaluators", pk=proposal.pk)
            if confirming:
                error = _("Tick the box to confirm the changes listed below: nothing has been changed yet.")
        except services.EvaluationError as exc:
            if exc.field in form.fields:
                form.add_error(exc.field, exc.message)
            else:
                error = exc.message
            if exc.code == "plan_changed":
                # Show the plan as it is now, to be confirmed again.
                board = selectors.assignment_board(proposal, list(proposal.plans.all()))
                form.board = board
                plan = services.assignment_plan_or_none(**args, current=[a for row in board for a in row.assignments])
            else:
                plan = None
    # The summary to confirm is a 200; a refusal (nothing written) a 400.
    status = 400 if request.method == "POST" and (form.errors or error) else 200
    return render(request, "reviews/evaluation/assign.html",
                  {"proposal": proposal, "form": form, "board": board, "error": error, "plan": plan,
                   "version": version}, status=status)


def _assigned_message(plan, done):
    return _("Done. Evaluators told: %(told)s; of them sent back to score again: %(rescored)s. "
             "The others keep their submitted scores and were not told.") % {
        "told": len(done), "rescored": len(plan.rescored)}


# --- The evaluator's pages ---------------------------------------------------------------------

FINISHED_PER_PAGE = 25
OPEN_PER_PAGE = 50


@login_required
def my_assignments(request):
    # Two lists, each with its own page (?open= for the open ones, ?page= for the submitted ones).
    open_page = page_of(request, selectors.my_open_assignments(request.user), OPEN_PER_PAGE, param="open")
    for a in open_page.object_list:
        a.is_late = is_late(a)
    page = page_of(request, selectors.my_finished_assignments(request.user), FINISHED_PER_PAGE)
    return render(request, "reviews/evaluation/my_assignments.html",
                  {"open": open_page.object_list, "open_page": open_page, "page": page,
                   "finished_count": page.paginator.count, "unfold": "page" in request.GET})


@login_required
def assignment_score(request, pk):
    assignment = selectors.get_my_assignment(request.user, pk)
    lines = selectors.score_lines(assignment)
    editable = can_score(request.user, assignment)
    # Comments' line breaks stored as LF, as the editor stores them (a form post sends CRLF).
    form = ScoreForm(one_line_ending(request.POST) if request.method == "POST" else None, lines=lines)
    error = None
    if request.method == "POST":
        submit = request.POST.get("intent") == "submit"
        if editable and submit and request.POST.get("confirm") != "yes":
            # Submitted scores are final: asked here, on the server, as withdrawing is.
            form.is_valid()
            error = _("Tick the box to confirm that your scores are final: once submitted they cannot be changed.")
        elif editable and form.is_valid():
            try:
                services.save_scores(assignment=assignment, by=request.user, entries=form.entries(), submit=submit)
            except services.EvaluationError as exc:
                error = exc.message
            else:
                messages.success(request, _("Your scores have been submitted.") if submit
                                 else _("Your draft has been saved."))
                return redirect("assignment-score", pk=assignment.pk)
        elif not editable:
            error = _("These scores can no longer be changed.")
    plan, sections = selectors.version_plan(assignment)
    context = {
        "assignment": assignment, "form": form, "editable": editable, "error": error, "lines": lines,
        "plan": plan, "sections": [sec for sec in sections if sec.key != "attachments"], "late": is_late(assignment),
        "annexes": attachments_in_version(assignment.version),
    }
    return render(request, "reviews/evaluation/score_form.html", context,
                  status=400 if request.method == "POST" else 200)


# --- The score matrix --------------------------------------------------------------------------


def _matrix_page(request, *, failed=None, status=200):
    # A page of the proposals in evaluation; the cells are worked out for that page only.
    page = page_of(request, selectors.matrix_proposals(request.user), MATRIX_PER_PAGE)
    dimensions, rows = selectors.score_matrix(request.user, page.object_list)
    return render(request, "reviews/evaluation/matrix.html",
                  {"dimensions": dimensions, "rows": rows, "failed": failed, "page": page}, status=status)


@login_required
def score_matrix(request):
    _staff_only(request.user)
    return _matrix_page(request)


@login_required
@require_POST
def matrix_recommend(request, pk):
    proposal = selectors.get_matrix_proposal(request.user, pk)
    try:
        proposal_move(proposal=proposal, action=Action.RECOMMEND, by=request.user)
    except TransitionError as exc:
        return _matrix_page(request, failed={"pk": proposal.pk, "action": "recommend", "message": exc.message,
                                             "problems": exc.problems}, status=400)
    messages.success(request, _("%(proposal)s has been recommended for the subcommittee agenda.")
                     % {"proposal": proposal.name})
    return redirect("score-matrix")


@login_required
@require_POST
def matrix_in_principle(request, pk):
    proposal = selectors.get_matrix_proposal(request.user, pk)
    form = NoteDeadlineForm(request.POST, prefix=f"p{proposal.pk}")
    message = None
    if form.is_valid():
        try:
            proposal_move(proposal=proposal, action=Action.APPROVE_IN_PRINCIPLE, by=request.user,
                          note=form.cleaned_data["note"], deadline=form.cleaned_data["deadline"])
        except TransitionError as exc:
            if exc.field in form.fields:
                form.add_error(exc.field, exc.message)
            else:
                message = exc.message
        else:
            messages.success(request, _("%(proposal)s has been approved in principle and returned for revision.")
                             % {"proposal": proposal.name})
            return redirect("score-matrix")
    return _matrix_page(request, failed={"pk": proposal.pk, "action": "in_principle", "form": form,
                                         "message": message}, status=400)
