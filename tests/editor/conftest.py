import pytest

from tests import paths
from tests.factories import ProposalFactory, proponent


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
