"""Certified cities with annual reports, made through the real services."""

from decimal import Decimal

from django.utils import timezone

from applications.enums import State
from monitoring import services
from tests import paths
from tests.factories import StaffFactory


def member_of(proposal):
    return proposal.organisation.memberships.first().user


def report_with(proposal, values, *, year=None, by=None, submit=True):
    """A report whose indicators (in pk order) got ``values``; submitted unless told not to."""
    by = by or member_of(proposal)
    report = services.report_start(proposal=proposal, by=by, year=year or timezone.localdate().year)
    rows = list(report.results.order_by("indicator_id"))
    indicators = {
        row.pk: (None if v is None else Decimal(v), "" if v is not None else "ยังไม่มีข้อมูล")
        for row, v in zip(rows, values, strict=True)
    }
    services.report_save(report=report, by=by, summary="สรุปผลการดำเนินงาน", indicators=indicators, initiatives={})
    if submit:
        services.report_submit(report=report, by=by)
    report.refresh_from_db()
    return report


def accepted(proposal, values, **kwargs):
    report = report_with(proposal, values, **kwargs)
    services.report_accept(report=report, by=StaffFactory())
    report.refresh_from_db()
    return report


def certified(state=State.CERTIFIED, **kwargs):
    return paths.bring_to(state, **kwargs)
