from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestKind(models.TextChoices):
    CORRECTION = "correction", _("Correct my data")
    DELETION = "deletion", _("Delete my data")


class RequestState(models.TextChoices):
    OPEN = "open", _("Waiting for the Office")
    # A deletion that cannot be carried out yet (open meeting duties): explained to the person, kept in the queue.
    HELD = "held", _("Queued: open duties first")
    DONE = "done", _("Done")
    REFUSED = "refused", _("Refused")


OPEN_STATES = (RequestState.OPEN, RequestState.HELD)
