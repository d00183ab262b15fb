from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportState(models.TextChoices):
    """An annual report's own small workflow (not the proposal's status)."""

    DRAFT = "draft", _("Being written")
    SUBMITTED = "submitted", _("Submitted for review")
    RETURNED = "returned", _("Returned for changes")
    ACCEPTED = "accepted", _("Accepted")


class ReportAction(models.TextChoices):
    START = "start", _("Start the report")
    SUBMIT = "submit", _("Submit the report")
    ACCEPT = "accept", _("Accept the report")
    RETURN = "return", _("Return the report for changes")


# The proponents write in these states; the rest are frozen.
EDITABLE = (ReportState.DRAFT, ReportState.RETURNED)


class InitiativeStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    DELAYED = "delayed", _("Delayed")
    CANCELLED = "cancelled", _("Cancelled")
