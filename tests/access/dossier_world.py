"""Two certified cities with a full confidential dossier each, and the people who declared a
conflict of interest on one of them (tests/access/test_conflicted_member.py).

Each city ("P" and "Q") has a dossier whose every part carries a marker no page shows by
chance: the vision, the budget and the infrastructure plan as written (also frozen in its
versions), an annex (its name and its content), an Office note on the timeline, an
evaluator's scores and comment, a dissenting vote's reason at the subcommittee, and an
annual progress report with evidence. Both were on the agenda of the same subcommittee
meeting, approved there (one dissent each), acknowledged by the committee and certified.

On P's agenda item three people declared a conflict of interest: a plain member, a member
who also evaluated P (and Q), and an officer of the Office who is the body's secretary.
Nobody declared one on Q: what each of them sees of Q shows the walk is not blind.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from applications.enums import Action, Role, State
from applications.versions import freeze
from applications.workflow import TABLE, Recorded, record_history, transition
from dimensions.models import Dimension
from monitoring import services as monitoring_services
from reviews.models import (
    AgendaItem,
    Attendance,
    Body,
    ConflictDeclaration,
    CriterionScore,
    EvaluatorAssignment,
    Resolution,
    Vote,
)
from tests import paths
from tests.annexes.conftest import attach, pdf_bytes
from tests.factories import (
    BodyMembershipFactory,
    EvaluatorFactory,
    ProposalFactory,
    StaffFactory,
    UserFactory,
    complete_proposal,
    proponent,
)

# The way to the subcommittee's agenda; the Office's recommendation carries its note.
TO_AGENDA = ("submit", "screen", "declare_zone", "submit_plan", "recommend")


def markers(tag, budget, score) -> dict:
    """What of the dossier of city ``tag`` must never reach a person it is withheld from."""
    return {
        "vision": f"วิสัยทัศน์ที่ยื่น {tag}-VISION-41c2",
        "budget": f"{budget:,}",
        "budget (raw)": str(budget),
        "infrastructure plan": f"แผนโครงสร้างพื้นฐาน {tag}-INFRA-9b07",
        "Office note": f"MOB 60 % ต่ำกว่าเกณฑ์ 70 % {tag}-NOTE-5e18",
        "score": score,
        "score comment": f"ความเห็นผู้ประเมิน {tag}-SCORE-77d1",
        "dissent": f"งบประมาณไม่สอดคล้อง {tag}-DISSENT-3a90",
        "annex name": f"{tag}-ANNEX-NAME-c4d1.pdf",
        "annex content": f"{tag}-ANNEX-BODY-0f6e",
        "report summary": f"สรุปผลการดำเนินงาน {tag}-REPORT-2b5c",
        "evidence": f"{tag}-EVIDENCE-8d33",
    }


@dataclass
class City:
    tag: str
    proposal: object
    markers: dict
    annex: object = None
    item: object = None
    assignment: object = None
    report: object = None
    evidence: object = None


@dataclass
class World:
    p: City
    q: City
    meeting: object
    people: dict = field(default_factory=dict)


def _dossier(tag, budget, score, staff) -> City:
    """A proposal written with the markers, an annex attached, recorded to the subcommittee's agenda."""
    m = markers(tag, budget, score)
    org_user = proponent()
    proposal = ProposalFactory(organisation=org_user.memberships.get().organisation, created_by=org_user)
    complete_proposal(proposal)
    proposal.vision = m["vision"]
    proposal.infrastructure_plan = m["infrastructure plan"]
    proposal.total_budget_thb = Decimal(budget)
    proposal.save()
    annex = attach(proposal, name=m["annex name"], content=pdf_bytes(page=f"% {m['annex content']}\n".encode()))
    clock = paths.Clock(timezone.now() - datetime.timedelta(days=3))
    steps = [Recorded(Action.CREATE, clock(), org_user, Role.PROPONENT)]
    for action in TO_AGENDA:
        when = clock()
        kwargs = paths.prepare(proposal, action, when, staff)
        by, role = (org_user, Role.PROPONENT) if action in paths.PROPONENT_ACTIONS else (staff, Role.STAFF)
        if action == "recommend":
            kwargs["note"] = m["Office note"]
        steps.append(Recorded(Action(action), when, by, role, **kwargs))
    for change in record_history(proposal, steps):
        if change.action != Action.CREATE and TABLE[(change.from_state, change.action)].freezes:
            freeze(proposal, change)
    proposal.refresh_from_db()
    return City(tag=tag, proposal=proposal, markers=m, annex=annex)


def _scored(city, evaluator):
    """The evaluator's submitted scores on the first claimed dimension, with a comment."""
    dimension = Dimension.objects.get(code="ENV")
    city.assignment = EvaluatorAssignment.objects.create(
        proposal=city.proposal, dimension=dimension, evaluator=evaluator,
        version=city.proposal.versions.order_by("-number").first(), submitted_at=timezone.now(),
    )
    for sub in dimension.subcriteria.all():
        CriterionScore.objects.create(
            assignment=city.assignment, subcriterion=sub, score=Decimal(city.markers["score"]),
            comment=city.markers["score comment"],
        )


def _approved(city, meeting, order, people, staff):
    """On the meeting's agenda, voted (one dissent with its reason), closed as approved."""
    city.item = AgendaItem.objects.create(meeting=meeting, proposal=city.proposal, order=order)
    voters = [people["chair"], people["member"]]
    if city.tag == "Q":  # nobody declared a conflict on Q: all vote
        voters += [people["conflicted"], people["evaluator"], people["secretary"]]
    else:
        for who in ("conflicted", "evaluator", "secretary"):
            ConflictDeclaration.objects.create(
                agenda_item=city.item, member=people[who], reason="เคยเป็นที่ปรึกษาของผู้ยื่นข้อเสนอ"
            )
    for voter in voters:
        Vote.objects.create(agenda_item=city.item, member=voter, choice="approve")
    Vote.objects.create(agenda_item=city.item, member=people["dissenter"], choice="not_approve",
                        reason=city.markers["dissent"])
    resolution = Resolution.objects.create(
        meeting=meeting, proposal=city.proposal, kind="approve", text="เห็นชอบตามที่เสนอ", recorded_by=staff
    )
    city.item.resolution, city.item.closed_at, city.item.closed_by = resolution, timezone.now(), people["chair"]
    city.item.save()
    transition(city.proposal, "resolve_approve", by=staff, resolution=resolution)


def _certified(city, staff):
    for action in ("acknowledge", "certify"):
        kwargs = paths.prepare(city.proposal, action, timezone.now(), staff)
        transition(city.proposal, action, by=staff, **kwargs)
    city.proposal.refresh_from_db()
    assert city.proposal.status == State.CERTIFIED


def _reported(city):
    """An annual report in draft, with evidence on its first indicator."""
    member = city.proposal.organisation.memberships.first().user
    city.report = monitoring_services.report_start(
        proposal=city.proposal, by=member, year=timezone.localdate().year
    )
    city.evidence = city.report.results.order_by("pk").first()
    evidence = pdf_bytes(page=f"% {city.markers['evidence']}\n".encode())
    monitoring_services.report_save(
        report=city.report, by=member, summary=city.markers["report summary"], indicators={}, initiatives={},
        evidence={city.evidence.pk: SimpleUploadedFile("scan.pdf", evidence, content_type="application/pdf")},
    )


def build() -> World:
    staff = StaffFactory()
    body = Body.objects.get(kind="subcommittee")
    people = {
        "chair": BodyMembershipFactory(body=body, role="chair").user,
        "member": BodyMembershipFactory(body=body).user,  # no conflict anywhere
        "dissenter": BodyMembershipFactory(body=body).user,
        # The three who declare a conflict on P: a plain member, a member who also evaluated
        # P and Q, and the body's secretary, an officer of the Office.
        "conflicted": BodyMembershipFactory(body=body).user,
        "evaluator": BodyMembershipFactory(body=body, user=EvaluatorFactory()).user,
        "secretary": BodyMembershipFactory(body=body, role="secretary", user=StaffFactory()).user,
        "staff": staff,
        "stranger": UserFactory(),
    }
    p = _dossier("P", 987_654_321, "61.37", staff)
    q = _dossier("Q", 123_456_789, "72.19", staff)
    for city in (p, q):
        _scored(city, people["evaluator"])
    meeting = paths.meeting("subcommittee", timezone.now() - datetime.timedelta(hours=2))
    for who in ("chair", "member", "dissenter", "conflicted", "evaluator", "secretary"):
        Attendance.objects.create(meeting=meeting, member=people[who], present=True, recorded_by=staff)
    for order, city in enumerate((p, q), 1):
        _approved(city, meeting, order, people, staff)
        _certified(city, staff)
        _reported(city)
    return World(p=p, q=q, meeting=meeting, people=people)
