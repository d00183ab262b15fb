"""Renewal needs the accepted progress; expiry runs once; revoked cities leave the register's counts."""


import pytest
from django.utils import timezone
from django.utils.translation import override

from applications.enums import Action, State
from applications.models import StatusChange
from applications.workflow import TransitionError, transition
from core.errors import DomainError
from monitoring.tasks import expire_certificates
from notifications.models import Notification
from register.map_page import statistics
from register.selectors import city_list
from tests import paths
from tests.factories import StaffFactory

from .helpers import accepted, certified, member_of

pytestmark = pytest.mark.django_db


def test_renewal_refused_at_49_9_percent_with_the_figure():
    city = certified(State.RENEWAL)
    # Indicators go from 10 to 20: 14.99 is 49.9 % of the way.
    accepted(city, ["14.99", "14.99"])
    with pytest.raises(TransitionError) as refused:
        transition(city, Action.RENEW, by=StaffFactory())
    assert refused.value.problems == ["Plan progress of 49.9 % is below the threshold of 50 %."]
    with override("th"), pytest.raises(TransitionError) as refused_th:
        transition(city, Action.RENEW, by=StaffFactory())
    assert refused_th.value.problems == ["ความคืบหน้า 49.9 % ต่ำกว่าเกณฑ์ 50 %"]
    city.refresh_from_db()
    assert city.status == State.RENEWAL


def test_renewal_at_50_percent_extends_validity_by_a_term():
    city = certified(State.RENEWAL)
    report = accepted(city, ["15", "15"])
    assert report.progress_percent == 50
    before = city.valid_until
    transition(city, Action.RENEW, by=StaffFactory())
    city.refresh_from_db()
    assert city.status == State.CERTIFIED
    assert city.valid_until == before.replace(year=before.year + 3)


def test_threshold_is_configurable():
    from applications.models import ProgrammeSettings

    rules = ProgrammeSettings.load()
    rules.renewal_min_progress_percent = 40
    rules.save()
    city = certified(State.RENEWAL)
    accepted(city, ["14.5", "14.5"])  # 45 %
    transition(city, Action.RENEW, by=StaffFactory())
    assert city.status == State.CERTIFIED


def test_city_applies_for_renewal_only_from_90_days_before_the_end():
    fresh = certified()
    with pytest.raises(TransitionError) as early:
        transition(fresh, Action.APPLY_RENEWAL, by=member_of(fresh))
    assert early.value.code == "guard"
    assert "90 days" in early.value.message
    due = certified(years_ago=4)  # certified four years ago: the end date has come
    change = transition(due, Action.APPLY_RENEWAL, by=member_of(due))
    assert (change.to_state, change.actor_role) == (State.RENEWAL, "proponent")


def test_expiry_runs_once_even_when_the_job_runs_twice(tasks_in_process):
    lapsed = certified(years_ago=4)
    valid = certified()
    assert lapsed.valid_until < timezone.localdate()
    assert expire_certificates() == 1
    assert expire_certificates() == 0
    lapsed.refresh_from_db()
    valid.refresh_from_db()
    assert lapsed.status == State.EXPIRED and valid.status == State.CERTIFIED
    moves = StatusChange.objects.filter(proposal=lapsed, action=Action.EXPIRE)
    assert moves.count() == 1
    move = moves.get()
    assert move.actor is None and move.actor_role == "system"
    # Written by transition(): one notification per recipient, not two.
    sent = Notification.objects.filter(status_change=move)
    assert sent.count() > 0
    assert Notification.objects.filter(event="proposal.expire").count() == sent.count()


def test_expiry_leaves_a_pending_renewal_to_the_office():
    applied = paths.bring_to(
        State.RENEWAL,
        years_ago=4,
        steps=paths.PATHS[State.CERTIFIED] + ["renewal_due"],
    )
    assert applied.valid_until < timezone.localdate()
    assert expire_certificates() == 0
    applied.refresh_from_db()
    assert applied.status == State.RENEWAL


def test_revoked_city_leaves_the_certified_list_and_the_map_count():
    keep = certified()
    gone = certified()
    certified_list = city_list({"state": State.CERTIFIED})
    assert set(certified_list.values_list("pk", flat=True)) == {keep.pk, gone.pk}
    total = statistics()["total"]
    transition(gone, Action.REVOKE, by=StaffFactory(), note="ไม่ดำเนินการตามแผนและไม่ส่งรายงานประจำปี")
    gone.refresh_from_db()
    assert gone.status == State.REVOKED
    assert set(city_list({"state": State.CERTIFIED}).values_list("pk", flat=True)) == {keep.pk}
    assert statistics()["total"] == total - 1
    change = gone.history.get(action=Action.REVOKE)
    assert change.note.startswith("ไม่ดำเนินการ")


def test_revoked_city_page_says_revoked_with_the_date(client):
    city = certified()
    transition(city, Action.REVOKE, by=StaffFactory(), note="ไม่ดำเนินการตามแผน")
    html = client.get(f"/register/cities/{city.pk}/", HTTP_ACCEPT_LANGUAGE="th").content.decode()
    assert "ถูกเพิกถอน" in html or "เพิกถอน" in html
    assert "Certified smart city" not in html
    today = timezone.localdate()
    assert str(today.year + 543) in html


def test_report_cannot_be_started_by_a_stranger():
    from monitoring import services
    from tests.factories import proponent

    city = certified()
    with pytest.raises(services.ReportError) as refused:
        services.report_start(proposal=city, by=proponent(), year=timezone.localdate().year)
    # The report's own family of refusals, on the one base the pages and the API answer.
    assert (type(refused.value).__name__, refused.value.code, refused.value.status_of()) == (
        "ReportError", "not_allowed", 409)
    assert not issubclass(services.ReportError, TransitionError)
    assert issubclass(services.ReportError, DomainError)


def test_one_report_per_city_and_year():
    from django.core.exceptions import ValidationError

    from monitoring import services

    city = certified()
    services.report_start(proposal=city, by=member_of(city), year=timezone.localdate().year)
    with pytest.raises(ValidationError):
        services.report_start(proposal=city, by=member_of(city), year=timezone.localdate().year)
    with pytest.raises(ValidationError):
        services.report_start(proposal=city, by=member_of(city), year=timezone.localdate().year + 1)


def test_weights_set_by_the_office_count_in_the_accepted_figure():
    from applications.models import PlanIndicator
    from monitoring.models import IndicatorWeight

    city = certified(State.RENEWAL)
    first = PlanIndicator.objects.filter(plan__proposal=city).order_by("pk").first()
    IndicatorWeight.objects.create(indicator=first, weight=3)
    report = accepted(city, ["20", "10"])  # 100 % x 3 and 0 % x 1
    assert report.progress_percent == 75
    assert city.progress_reports.get().progress_percent == 75
