import pytest
from django.utils import timezone

from applications.enums import State
from monitoring import services as monitoring
from tests import paths
from tests.evaluation.helpers import assign, in_evaluation
from tests.factories import EvaluatorFactory, ProposalFactory, StaffFactory, complete_proposal, proponent
from tests.monitoring.helpers import member_of
from tests.signin import with_password


@pytest.fixture
def world():
    """Each role's pages worth reaching: a draft, a handed-in proposal, a certified city with a
    report to write, an evaluator's assignment, and the Office's queues."""
    writer = with_password(proponent(username="a11y.writer", first_name="สมศรี", last_name="ใจดี"))
    organisation = writer.memberships.get().organisation
    draft = ProposalFactory(organisation=organisation, created_by=writer,
                            name_th="ภูเก็ตเมืองอัจฉริยะ", name_en="Phuket Smart City")
    paths.record_creation(draft, by=writer)
    complete_proposal(draft)
    submitted = paths.bring_to(State.SCREENING)
    city = paths.bring_to(State.CERTIFIED, years_ago=1)
    city_member = with_password(member_of(city))
    city_member.username = "a11y.city"
    city_member.save(update_fields=["username"])
    report = monitoring.report_start(proposal=city, by=city_member, year=timezone.localdate().year)
    evaluator = with_password(EvaluatorFactory(username="a11y.evaluator"))
    assignment = assign(in_evaluation(), "ENV", evaluator)
    staff = with_password(StaffFactory(username="a11y.staff"))
    return {
        "writer": writer, "draft": draft, "submitted": submitted, "city": city, "city_member": city_member,
        "report": report, "evaluator": evaluator, "assignment": assignment, "staff": staff,
    }
