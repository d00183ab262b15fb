"""Two acceptances of the same invitation at the same instant: one wins, the other is told it was used."""

import threading

import pytest
from django.db import connection

from accounts import services
from accounts.models import Invitation, Membership, User
from tests.factories import OrganisationFactory, UserFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_accept_same_invitation_twice_at_once_joins_once(on_postgres):
    organisation = OrganisationFactory()
    inviter = UserFactory()
    invitation = Invitation.objects.create(organisation=organisation, email="malee@example.go.th", invited_by=inviter)
    malee = UserFactory(email="malee@example.go.th")
    barrier = threading.Barrier(2)
    results = [None, None]

    def run(i):
        try:
            user = User.objects.get(pk=malee.pk)
            barrier.wait(timeout=10)
            services.accept_as_signed_in_user(token=invitation.token, user=user)
            results[i] = "joined"
        except services.InvitationClosed as exc:
            results[i] = exc.reason
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)

    assert sorted(results) == ["joined", "used"]
    assert Membership.objects.filter(user=malee, organisation=organisation).count() == 1
    invitation.refresh_from_db()
    assert invitation.accepted_by == malee
