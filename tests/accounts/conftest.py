import re

import pytest
from django.core import mail

from accounts.models import Invitation
from tests.factories import OrganisationFactory, UserFactory, proponent

LINK = re.compile(r"https?://testserver(/accounts/\S+/)")


def link_in(message) -> str:
    """The path of the one portal link an e-mail carries."""
    found = LINK.findall(message.body)
    assert len(found) == 1, message.body
    return found[0]


@pytest.fixture
def mail_now(tasks_in_process, django_capture_on_commit_callbacks):
    """Run a block as a request would: commit callbacks fire, the mail task runs here."""

    def run():
        mail.outbox.clear()
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def organisation():
    return OrganisationFactory(name_th="เทศบาลนครภูเก็ต", name_en="Phuket City Municipality")


@pytest.fixture
def member(organisation):
    return proponent(organisation, first_name="สมชาย", last_name="ใจดี", email="somchai@phuketcity.go.th",
                     position="ผู้อำนวยการกองยุทธศาสตร์")


@pytest.fixture
def invitation(organisation, member):
    return Invitation.objects.create(organisation=organisation, email="malee@phuketcity.go.th", invited_by=member)


@pytest.fixture
def stranger():
    return proponent(OrganisationFactory(), email="other@khonkaen.go.th")


@pytest.fixture
def plain_user():
    return UserFactory()
