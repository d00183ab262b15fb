"""One small world with an object behind every URL, and the six kinds of visitor.

Built through the real services and the workflow's table (tests.paths), so each
object is in a state the portal can reach.
"""

from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import ApiToken, Invitation
from applications.amendments.services import amendment_request
from applications.enums import Role, State
from monitoring import services as monitoring_services
from notifications.models import Notification
from privacy.services import request_create
from reviews.models import AgendaItem, ConflictDeclaration, EvaluatorAssignment, Resolution
from tests import paths
from tests.annexes.conftest import attach, pdf_bytes
from tests.factories import BodyMembershipFactory, EvaluatorFactory, StaffFactory, proponent

PDF = pdf_bytes(b"% evidence\n")  # a real PDF: the upload check parses and rewrites it

# The visitors every object URL is tried as.
ACTORS = ("owner", "other_org", "evaluator", "conflicted", "staff", "anonymous")


@dataclass
class World:
    objects: dict
    users: dict = field(default_factory=dict)

    def owner_of(self, proposal):
        return proposal.organisation.memberships.select_related("user").first().user


def build():
    # A proposal still confidential (returned for revision: not public, editable by
    # its organisation), with a frozen version and an annex; its moves made for real,
    # so its owner has the notifications they wrote.
    confidential = paths.bring_to(State.REVISION_REQUESTED, walk=True)
    annex = attach(confidential)
    # A proposal on a subcommittee agenda, and one under evaluation with an assignment.
    on_agenda = paths.bring_to(State.ON_AGENDA)
    paths.actor(Role.CHAIR, on_agenda)  # makes the meeting and the agenda item
    item = AgendaItem.objects.get(proposal=on_agenda)
    in_evaluation = paths.bring_to(State.EVALUATION)
    assigned = EvaluatorFactory()
    assignment = EvaluatorAssignment.objects.create(
        proposal=in_evaluation, dimension=in_evaluation.plans.first().dimension, evaluator=assigned
    )
    certified = paths.bring_to(State.CERTIFIED)
    screening = paths.bring_to(State.SCREENING)

    # A subcommittee member who declared a conflict on the agenda item.
    conflicted = BodyMembershipFactory().user
    ConflictDeclaration.objects.create(agenda_item=item, member=conflicted, reason="ภูมิลำเนาเดียวกัน")

    owner = confidential.organisation.memberships.get().user
    # An annual report of the certified city, in draft, with evidence on its first indicator.
    city_member = certified.organisation.memberships.first().user
    report = monitoring_services.report_start(proposal=certified, by=city_member, year=timezone.localdate().year)
    first = report.results.order_by("pk").first()
    monitoring_services.report_save(
        report=report, by=city_member, summary="สรุปผล", indicators={}, initiatives={},
        evidence={first.pk: SimpleUploadedFile("scan.pdf", PDF, content_type="application/pdf")},
    )
    # An amendment of the certified city's public facts, waiting for the Office.
    amendment = amendment_request(proposal=certified, by=city_member, changes={"name_en": "Renamed Smart City"},
                                  reason="ชื่อภาษาอังกฤษตามประกาศ")
    # A notification of the confidential proposal's owner (written by its last move).
    notification = Notification.objects.filter(recipient=owner).first()
    invitation = Invitation.objects.create(
        organisation=confidential.organisation, email="new.officer@example.go.th", invited_by=owner
    )
    api_token, _key = ApiToken.objects.create(user=owner, name="owner's script")
    data_request = request_create(user=owner, kind="correction", details="ชื่อสะกดผิด")
    users = {
        "other_org": proponent(),
        "evaluator": EvaluatorFactory(),  # an evaluator not assigned to anything here
        "conflicted": conflicted,
        "staff": StaffFactory(),
        "anonymous": None,
    }
    objects = {
        "confidential": confidential, "annex": annex, "on_agenda": on_agenda, "item": item,
        "meeting": item.meeting, "in_evaluation": in_evaluation, "assignment": assignment,
        "certified": certified, "screening": screening, "invitation": invitation,
        "organisation": confidential.organisation,
        "report": report, "evidence": first, "notification": notification, "api_token": api_token,
        "amendment": amendment, "data_request": data_request,
        # The subcommittee's approval of the certified city: what a correction is recorded on.
        "resolution": Resolution.objects.filter(proposal=certified).order_by("pk").first(),
    }
    return World(objects=objects, users=users)
