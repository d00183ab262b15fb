"""`make run`: the demo's certified cities get annual reports, the nightly jobs leave the register whole."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from applications.enums import State
from applications.models import Proposal
from monitoring.enums import ReportState
from monitoring.models import AnnualReport
from monitoring.tasks import expire_certificates

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # the whole demo, loaded


def test_demo_reports_are_made_once_and_show_on_the_public_page(settings, client):
    settings.DEBUG = True
    call_command("load_public_record", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    certified_before = Proposal.objects.filter(status=State.CERTIFIED).count()
    out = io.StringIO()
    call_command("load_demo_reports", stdout=out)
    assert "accepted" in out.getvalue()
    accepted = AnnualReport.objects.filter(state=ReportState.ACCEPTED)
    assert accepted.exists()
    assert AnnualReport.objects.filter(state=ReportState.SUBMITTED, year=timezone.localdate().year).exists()
    total = AnnualReport.objects.count()
    call_command("load_demo_reports", stdout=io.StringIO())
    assert AnnualReport.objects.count() == total
    # The nightly job on `make run` data: nothing certified is lost.
    expire_certificates()
    assert Proposal.objects.filter(status=State.CERTIFIED).count() == certified_before
    city = accepted.order_by("proposal_id").first().proposal
    html = client.get(f"/register/cities/{city.pk}/").content.decode()
    assert html.count('class="point"') == accepted.filter(proposal=city).count()
