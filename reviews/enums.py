from django.db import models
from django.utils.translation import gettext_lazy as _


class BodyKind(models.TextChoices):
    WORKING_GROUP = "working_group", _("Working group on the 7-dimension plans")
    SUBCOMMITTEE = "subcommittee", _("Subcommittee for driving and managing smart city projects")
    COMMITTEE = "committee", _("Smart City Development Committee")


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member")


class ResolutionKind(models.TextChoices):
    APPROVE = "approve", _("Approve")
    IN_PRINCIPLE = "in_principle", _("Approve in principle, with revisions")
    NOT_APPROVE = "not_approve", _("Not approve")
    ACKNOWLEDGE = "acknowledge", _("Acknowledge")
    ASSIGN = "assign", _("Assign to the secretariat")


class VoteChoice(models.TextChoices):
    APPROVE = "approve", _("Approve")
    IN_PRINCIPLE = "in_principle", _("Approve in principle, with revisions")
    NOT_APPROVE = "not_approve", _("Not approve")
    ABSTAIN = "abstain", _("Abstain")


class IdentityCheck(models.TextChoices):
    """How a member confirms who they are on joining a meeting (the Office sets it per body)."""

    PASSWORD = "password", _("Sign in again (password)")
    ONE_TIME_CODE = "otp", _("One-time code (authenticator app)")


class Ballot(models.TextChoices):
    OPEN = "open", _("Open ballot")
    SECRET = "secret", _("Secret ballot")


class Presence(models.TextChoices):
    JOINED = "joined", _("Joined the meeting")
    LEFT = "left", _("Left the meeting")


class Channel(models.TextChoices):
    ROOM = "room", _("In the meeting room")
    ONLINE = "online", _("Online")
class DocumentKind(models.TextChoices):
    CERTIFICATE = "certificate", _("Certificate")
    MINUTES = "minutes", _("Minutes")


class IssueReason(models.TextChoices):
    """Why a document was issued: the first issue, or what changed since the one it supersedes."""

    ISSUED = "issued", _("First issue")
    RENEWED = "renewed", _("Renewed")
    STATUS = "status", _("Status changed")
    NAME_AMENDED = "name_amended", _("Name amended")
    CORRECTED = "corrected", _("Record corrected")
