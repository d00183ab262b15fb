"""Two runs of the nightly job at the same instant (two beat schedulers, a retried task) expire once;
a report accepted twice at once is accepted once."""

import threading

import pytest
from django.db import connection

from applications.enums import Action, State
from applications.models import StatusChange
from monitoring import services
from monitoring.enums import ReportState
from monitoring.models import AnnualReport, ProgressReport, ReportEvent
from monitoring.tasks import expire_certificates
from tests import paths
from tests.factories import StaffFactory

from .helpers import report_with

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _together(*calls):
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait(timeout=10)
            results[i] = call()
        except Exception as exc:  # the refusal the loser gets
            results[i] = type(exc).__name__
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return results


def test_two_expiry_runs_at_once_expire_each_certificate_once(on_postgres):
    lapsed = [paths.bring_to(State.CERTIFIED, years_ago=4) for _ in range(2)]
    results = _together(expire_certificates, expire_certificates)
    assert sum(results) == 2
    for city in lapsed:
        city.refresh_from_db()
        assert city.status == State.EXPIRED
        assert StatusChange.objects.filter(proposal=city, action=Action.EXPIRE).count() == 1


def test_a_report_accepted_twice_at_once_is_accepted_once(on_postgres):
    city = paths.bring_to(State.CERTIFIED)
    report = report_with(city, ["15", "15"])
    a, b = StaffFactory(), StaffFactory()

    def accept(by):
        return lambda: services.report_accept(report=AnnualReport.objects.get(pk=report.pk), by=by).state

    results = _together(accept(a), accept(b))
    assert sorted(results) == ["ReportError", ReportState.ACCEPTED]
    assert ReportEvent.objects.filter(report=report, action="accept").count() == 1
    assert ProgressReport.objects.filter(proposal=city).count() == 1
