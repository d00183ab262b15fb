"""Who is involved with a proposal is written once (reviews' involvements, applications.hooks):
the roles the workflow judges moves by and the proposals the lists show always agree."""

import datetime

import pytest
from django.utils import timezone

from applications.enums import Role, State
from applications.models import Proposal
from applications.permissions import dossier_visible, involved, roles_for
from applications.selectors import proposals_actionable_by
from reviews.models import AgendaItem, ConflictDeclaration, EvaluatorAssignment
from tests import paths
from tests.factories import StaffFactory, UserFactory, proponent
from tests.voting.scenario import Item

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """An agenda item with a chair and two members, one of them conflicted on it; a second proposal on
    the same meeting's agenda; a proposal in evaluation with its evaluator; a stranger."""
    s = Item(members=3)
    chair, member, conflicted = s.members
    ConflictDeclaration.objects.create(agenda_item=s.item, member=conflicted, reason="เคยเป็นที่ปรึกษาของเมืองนี้")
    second = paths.bring_to(State.ON_AGENDA)
    AgendaItem.objects.create(meeting=s.meeting, proposal=second, order=2)
    evaluated = paths.bring_to(State.EVALUATION)
    evaluator = UserFactory(is_evaluator=True)
    plan = evaluated.plans.first()
    EvaluatorAssignment.objects.create(proposal=evaluated, dimension=plan.dimension, evaluator=evaluator)
    return {
        "item": s.proposal, "second": second, "evaluated": evaluated,
        "chair": chair, "member": member, "conflicted": conflicted, "evaluator": evaluator,
        "proponent": proponent(organisation=evaluated.organisation), "stranger": UserFactory(),
    }


def _roles(world, who):
    """Every role beyond the public's that ``who`` holds, by proposal name in the world."""
    user = world[who]
    found = {}
    for name in ("item", "second", "evaluated"):
        roles = roles_for(user, world[name]) - {Role.PUBLIC}
        if roles:
            found[name] = roles
    return found


def test_each_involvement_gives_its_roles(world):
    assert _roles(world, "chair") == {"item": {Role.CHAIR}, "second": {Role.CHAIR}}
    assert _roles(world, "member") == {"item": {Role.MEMBER}, "second": {Role.MEMBER}}
    # A conflict is declared on one agenda item: no role on that proposal, the member's role on the next.
    assert _roles(world, "conflicted") == {"second": {Role.MEMBER}}
    assert _roles(world, "evaluator") == {"evaluated": {Role.EVALUATOR}}
    assert _roles(world, "proponent") == {"evaluated": {Role.PROPONENT}}
    assert _roles(world, "stranger") == {}


@pytest.mark.parametrize("who", ["chair", "member", "conflicted", "evaluator", "proponent", "stranger"])
def test_the_lists_show_exactly_the_proposals_the_roles_are_held_on(world, who):
    listed = set(Proposal.objects.filter(involved(world[who])).values_list("pk", flat=True))
    assert listed == {world[name].pk for name in _roles(world, who)}


def test_an_evaluator_taken_off_the_working_group_neither_holds_the_role_nor_lists_the_proposal(world):
    evaluator = world["evaluator"]
    evaluator.is_evaluator = False
    evaluator.save(update_fields=["is_evaluator"])
    assert _roles(world, "evaluator") == {}
    assert not Proposal.objects.filter(involved(evaluator)).exists()


def test_a_conflict_on_one_item_withholds_the_proposal_through_every_other_item_and_role(world):
    """The conflict is with the proposal, not the sitting: a later agenda item of the same proposal,
    or an evaluation of it, gives the member no role on it either."""
    conflicted, proposal = world["conflicted"], world["item"]
    later = paths.meeting("subcommittee", timezone.now() + datetime.timedelta(days=30))
    AgendaItem.objects.create(meeting=later, proposal=proposal)
    conflicted.is_evaluator = True
    conflicted.save(update_fields=["is_evaluator"])
    EvaluatorAssignment.objects.create(proposal=proposal, dimension=proposal.plans.first().dimension,
                                       evaluator=conflicted)
    assert roles_for(conflicted, proposal) == {Role.PUBLIC}
    assert not dossier_visible(conflicted, proposal)
    assert _roles(world, "conflicted") == {"second": {Role.MEMBER}}
    assert set(Proposal.objects.filter(involved(conflicted)).values_list("pk", flat=True)) == {world["second"].pk}


def test_an_officer_who_declared_a_conflict_loses_the_office_role_on_that_proposal_only(world):
    officer = StaffFactory()
    ConflictDeclaration.objects.create(agenda_item=AgendaItem.objects.get(proposal=world["item"]), member=officer,
                                       reason="คู่สมรสทำงานที่หน่วยงานผู้ยื่น")
    assert roles_for(officer, world["item"]) == {Role.PUBLIC}
    assert roles_for(officer, world["second"]) == {Role.PUBLIC, Role.STAFF}
    actionable = set(proposals_actionable_by(officer).values_list("pk", flat=True))
    assert world["item"].pk not in actionable
    assert {world["second"].pk, world["evaluated"].pk} <= actionable
