import pytest

from tests import paths
from tests.factories import ProposalFactory, complete_proposal, proponent
from tests.signin import with_password


@pytest.fixture
def member():
    return proponent(username="phuket.officer")


@pytest.fixture
def draft(member):
    """An empty draft of the member's organisation, created the real way."""
    proposal = ProposalFactory(
        organisation=member.memberships.get().organisation, created_by=member,
        name_th="ภูเก็ตเมืองอัจฉริยะ", name_en="Phuket Smart City",
    )
    paths.record_creation(proposal, by=member)
    return proposal


@pytest.fixture
def writer(client, member):
    """The member signed in, reading English pages."""
    client.force_login(member)
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def writer_and_draft():
    user = with_password(proponent(username="phuket.writer", first_name="สมศรี", last_name="ใจดี"))
    proposal = ProposalFactory(
        organisation=user.memberships.get().organisation, created_by=user,
        name_th="ภูเก็ตเมืองอัจฉริยะ", name_en="Phuket Smart City",
    )
    paths.record_creation(proposal, by=user)
    complete_proposal(proposal)
    proposal.vision = ""  # the one thing still to write
    proposal.save()
    return user, proposal
