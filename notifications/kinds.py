"""The kinds of notification: what a template, a preference and a reminder are keyed by.

Each kind documents the placeholders its templates may use. The context a
template sees is built of plain strings for exactly these names, so a template
edited in the admin can neither reach into the database nor leak a field.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    STATUS_CHANGE = "status_change", _("A proposal moved to a new step")
    REVISION_REQUESTED = "revision_requested", _("Revision requested, with its deadline")
    NEW_SUBMISSION = "new_submission", _("New submission to screen")
    REVISION_ANSWERED = "revision_answered", _("Revision answered")
    # A promotion zone's detailed plan is another event than a new proposal: staff must tell them apart.
    PLAN_HANDED_IN = "plan_handed_in", _("Detailed plan handed in")
    PLAN_REVISION_ANSWERED = "plan_revision_answered", _("Revised detailed plan handed in")
    EVALUATOR_ASSIGNED = "evaluator_assigned", _("Assigned to evaluate")
    SCORES_DUE = "scores_due", _("Scores due")
    MEETING_NOTICE = "meeting_notice", _("Notice of meeting")
    AGENDA_PUBLISHED = "agenda_published", _("Agenda published")
    VOTING_OPEN = "voting_open", _("Voting open")
    MINUTES = "minutes", _("Minutes available")
    REVISION_DEADLINE = "revision_deadline", _("Reminder: revision deadline")
    MEETING_REMINDER = "meeting_reminder", _("Reminder: meeting coming up")
    RENEWAL_REMINDER = "renewal_reminder", _("Reminder: certificate renewal due")
    PROGRESS_REPORT = "progress_report", _("Annual progress report submitted, accepted or returned")
    MEETING_POSTPONED = "meeting_postponed", _("Meeting postponed")
    MEETING_CANCELLED = "meeting_cancelled", _("Meeting cancelled")
    RESOLUTION = "resolution", _("The meeting's resolution on a proposal")
    SCORES_COMPLETE = "scores_complete", _("All evaluators have submitted their scores")
    DIGEST = "digest", _("Daily digest")


# A legal deadline runs from these: they always go out by e-mail, at once.
LEGAL = frozenset({Kind.REVISION_REQUESTED, Kind.MEETING_NOTICE, Kind.MEETING_POSTPONED, Kind.MEETING_CANCELLED})
# The digest is how other kinds travel; nobody sets a preference for it.
PREFERENCE_KINDS = [k for k in Kind if k != Kind.DIGEST]

_COMMON = ("recipient_name", "portal_url")
_PROPOSAL = ("proposal_reference", "proposal_name", "organisation", "proposal_url")
_CHANGE = ("from_state", "to_state", "action", "date", "note", "deadline", "meeting")
_MEETING = ("meeting_label", "body_name", "meeting_date", "meeting_time", "meeting_place", "role", "meeting_url")

PLACEHOLDERS = {
    Kind.STATUS_CHANGE: _COMMON + _PROPOSAL + _CHANGE,
    Kind.REVISION_REQUESTED: _COMMON + _PROPOSAL + _CHANGE,
    Kind.NEW_SUBMISSION: _COMMON + _PROPOSAL + _CHANGE,
    Kind.REVISION_ANSWERED: _COMMON + _PROPOSAL + _CHANGE,
    Kind.PLAN_HANDED_IN: _COMMON + _PROPOSAL + _CHANGE,
    Kind.PLAN_REVISION_ANSWERED: _COMMON + _PROPOSAL + _CHANGE,
    Kind.EVALUATOR_ASSIGNED: _COMMON + _PROPOSAL + ("dimension", "due_date"),
    Kind.SCORES_DUE: _COMMON + _PROPOSAL + ("dimension", "due_date", "days"),
    Kind.MEETING_NOTICE: _COMMON + _MEETING + ("short_notice_reason",),
    Kind.AGENDA_PUBLISHED: _COMMON + _MEETING + ("agenda",),
    Kind.VOTING_OPEN: _COMMON + _MEETING,
    Kind.MINUTES: _COMMON + _MEETING,
    Kind.REVISION_DEADLINE: _COMMON + _PROPOSAL + ("deadline", "days"),
    Kind.MEETING_REMINDER: _COMMON + _MEETING + ("days",),
    Kind.RENEWAL_REMINDER: _COMMON + _PROPOSAL + ("valid_until", "days"),
    Kind.PROGRESS_REPORT: _COMMON + _PROPOSAL + ("report_year", "from_state", "to_state", "action", "date",
                                                 "note", "progress"),
    Kind.DIGEST: _COMMON + ("count", "items"),
    Kind.MEETING_POSTPONED: _COMMON + _MEETING + ("previous_date", "previous_time", "reason", "short_notice_reason"),
    Kind.MEETING_CANCELLED: _COMMON + _MEETING + ("reason",),
    Kind.RESOLUTION: _COMMON + _PROPOSAL + ("meeting_label", "body_name", "meeting_date", "resolution",
                                            "resolution_text"),
    Kind.SCORES_COMPLETE: _COMMON + _PROPOSAL + ("count",),
}

# The placeholders that carry a proposal's confidential dossier (the Office's notes, deadlines set
# on it, a report's progress): left empty for a recipient the dossier is withheld from (a declared
# conflict of interest; applications.permissions), who reads the public facts only.
DOSSIER_PLACEHOLDERS = frozenset({"note", "deadline", "progress", "resolution_text"})

# Who fills the placeholders of the admin's preview that a proposal cannot (a meeting's, say):
# ``example(proposal) -> dict`` registered by the app that knows, in its AppConfig.ready(). Kept here,
# beside the placeholders and with no model imported, so an apps.py may import it at its top.
EXAMPLES = []


def examples_register(example) -> None:
    if example not in EXAMPLES:
        EXAMPLES.append(example)


# What each placeholder holds, shown beside the template in the admin.
PLACEHOLDER_HELP = {
    "recipient_name": _("the recipient's full name"),
    "portal_url": _("the portal's address"),
    "proposal_reference": _("the proposal's reference"),
    "proposal_name": _("the proposal's name"),
    "organisation": _("the proposing organisation"),
    "proposal_url": _("the link to the proposal"),
    "from_state": _("the step before the move"),
    "to_state": _("the step after the move"),
    "action": _("the move made"),
    "date": _("the date of the move"),
    "note": _("the note given with the move"),
    "deadline": _("the deadline for the revision"),
    "meeting": _("the meeting that decided"),
    "meeting_label": _("the meeting's number, e.g. 1/2565"),
    "body_name": _("the committee or working group"),
    "meeting_date": _("the meeting's date"),
    "meeting_time": _("the meeting's time"),
    "meeting_place": _("the place or the link"),
    "role": _("the recipient's role in the body"),
    "meeting_url": _("the link to the meeting"),
    "short_notice_reason": _("the reason for short notice"),
    "agenda": _("the agenda, one item a line"),
    "dimension": _("the dimension to score"),
    "due_date": _("the date scores are due"),
    "days": _("days left"),
    "valid_until": _("the end of the certificate's validity"),
    "count": _("how many notifications the digest holds"),
    "items": _("the digest's notifications, one a line"),
    "report_year": _("the year the report covers (B.E.)"),
    "progress": _("the plan's progress in per cent, once accepted"),
    "previous_date": _("the date the meeting was called for before"),
    "previous_time": _("the time the meeting was called for before"),
    "reason": _("the reason given"),
    "resolution": _("the resolution (approved, rejected…)"),
    "resolution_text": _("the text of the resolution"),
}
