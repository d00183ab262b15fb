"""The public record does not state validity: the nightly job must not expire the 29 loaded areas."""

import pytest
from django.core.management import call_command

from applications.enums import State
from applications.models import Proposal
from monitoring.tasks import expire_certificates
from register.maps import statistics
from tests import paths

pytestmark = pytest.mark.django_db


def test_expiry_job_leaves_the_record_certified_and_expires_a_lapsed_portal_certificate(client):
    call_command("load_public_record", verbosity=0)
    lapsed = paths.bring_to(State.CERTIFIED, years_ago=4)
    before = statistics()["total"]
    assert Proposal.objects.filter(status=State.CERTIFIED, public_record__isnull=False).count() == 29
    assert expire_certificates() == 1
    assert expire_certificates() == 0
    assert Proposal.objects.filter(status=State.CERTIFIED, public_record__isnull=False).count() == 29
    lapsed.refresh_from_db()
    assert lapsed.status == State.EXPIRED
    assert statistics()["total"] == before - 1
    # Their validity is shown as announced, not as a date the record never gave.
    phuket = Proposal.objects.get(name_en="Phuket Smart City")
    html = client.get(f"/register/cities/{phuket.pk}/").content.decode()
    assert "ตามประกาศ (แหล่งข้อมูลสาธารณะไม่ได้ระบุวันสิ้นสุด)" in html
    # And the register's "renewal due" filter does not list them.
    listed = client.get("/register/?renewal_due=on")
    assert listed.status_code == 200
    assert phuket.name_th not in listed.content.decode()
    assert phuket.name_th in client.get("/register/", {"state": "certified", "q": phuket.name_th}).content.decode()


def test_renewal_due_filter_lists_cities_near_their_end(client):
    from applications.enums import Action
    from applications.workflow import transition

    fresh = paths.bring_to(State.CERTIFIED)
    applied = paths.bring_to(State.CERTIFIED, years_ago=4)
    transition(applied, Action.APPLY_RENEWAL, by=applied.organisation.memberships.first().user)
    html = client.get("/register/?renewal_due=on").content.decode()
    assert applied.name_th in html
    assert fresh.name_th not in html
