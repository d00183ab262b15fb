from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    SCREENING = "screening", _("Screening")
    REVISION_REQUESTED = "revision_requested", _("Revision requested")
    PROMOTION_ZONE = "promotion_zone", _("Promotion zone")
    EVALUATION = "evaluation", _("Under evaluation")
    ON_AGENDA = "on_agenda", _("On the subcommittee agenda")
    APPROVED = "approved", _("Approved by the subcommittee")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged by the committee")
    CERTIFIED = "certified", _("Certified smart city")
    RENEWAL = "renewal", _("Renewal due")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")
    REJECTED = "rejected", _("Not approved")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# States in which the proponent may still withdraw: nothing has been decided yet.
OPEN_STATES = (
    State.DRAFT,
    State.SUBMITTED,
    State.SCREENING,
    State.REVISION_REQUESTED,
    State.PROMOTION_ZONE,
    State.EVALUATION,
    State.ON_AGENDA,
)
# No move leaves these: a move into them cannot be undone, so pages ask to confirm.
FINAL_STATES = (State.REJECTED, State.WITHDRAWN, State.EXPIRED, State.REVOKED)
# The proponent's organisation writes in these states; the rest are frozen.
EDITABLE_STATES = (State.DRAFT, State.REVISION_REQUESTED, State.PROMOTION_ZONE)
# What the public may see: declared zones and everything after.
PUBLIC_STATES = (
    State.PROMOTION_ZONE,
    State.EVALUATION,
    State.ON_AGENDA,
    State.APPROVED,
    State.ACKNOWLEDGED,
    State.CERTIFIED,
    State.RENEWAL,
    State.EXPIRED,
    State.REVOKED,
)


class Action(models.TextChoices):
    CREATE = "create", _("Create the draft")
    SUBMIT = "submit", _("Submit")
    SCREEN = "screen", _("Start screening")
    RETURN_FOR_REVISION = "return_for_revision", _("Return for revision")
    RESUBMIT = "resubmit", _("Resubmit after revision")
    REJECT = "reject", _("Reject")
    DECLARE_ZONE = "declare_zone", _("Declare a promotion zone")
    SUBMIT_PLAN = "submit_plan", _("Submit the full plan for evaluation")
    APPROVE_IN_PRINCIPLE = "approve_in_principle", _("Approve in principle, with revisions")
    RESUBMIT_PLAN = "resubmit_plan", _("Resubmit the revised plan")
    RECOMMEND = "recommend", _("Recommend for the subcommittee agenda")
    RESOLVE_APPROVE = "resolve_approve", _("Record subcommittee approval")
    RESOLVE_IN_PRINCIPLE = "resolve_in_principle", _("Record approval in principle")
    RESOLVE_REJECT = "resolve_reject", _("Record non-approval")
    ACKNOWLEDGE = "acknowledge", _("Record committee acknowledgement")
    CERTIFY = "certify", _("Certify (emblem handed over)")
    RENEWAL_DUE = "renewal_due", _("Open renewal")
    RENEW = "renew", _("Renew the certificate")
    EXPIRE = "expire", _("Mark expired")
    REVOKE = "revoke", _("Revoke")
    WITHDRAW = "withdraw", _("Withdraw")
    APPLY_RENEWAL = "apply_renewal", _("Apply for renewal")


class Role(models.TextChoices):
    PROPONENT = "proponent", _("Proponent")
    STAFF = "staff", _("Smart City Office")
    EVALUATOR = "evaluator", _("Evaluator")
    CHAIR = "chair", _("Chair")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member")
    SYSTEM = "system", _("System")
    PUBLIC = "public", _("Public")


class CityType(models.TextChoices):
    LIVABLE = "livable", _("Existing livable city")
    NEW = "new", _("New modern city")


class AttachmentKind(models.TextChoices):
    FULL_PLAN = "full_plan", _("Full smart city plan")
    MAP = "map", _("Map of the target area")
    SUPPORT_LETTER = "support_letter", _("Letter of support")
    OTHER = "other", _("Other annex")


class AmendmentState(models.TextChoices):
    PENDING = "pending", _("Waiting for the Office's decision")
    ACCEPTED = "accepted", _("Accepted by the Office")
    REJECTED = "rejected", _("Rejected by the Office")
