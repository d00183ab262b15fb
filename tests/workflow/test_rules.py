"""Guards and inputs: a refused move names the field or the rule and changes nothing."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone

from applications.enums import State
from applications.models import ProgrammeSettings, StatusChange
from applications.workflow import TransitionError, transition
from dimensions.models import Dimension
from notifications.models import Notification
from tests import paths
from tests.factories import ProposalFactory, StaffFactory, complete_proposal, proponent

BANGKOK = ZoneInfo("Asia/Bangkok")


def _refused(proposal, action, by, **kwargs):
    before = (proposal.status, StatusChange.objects.filter(proposal=proposal).count(), Notification.objects.count())
    with pytest.raises(TransitionError) as refused:
        transition(proposal, action, by=by, **kwargs)
    proposal.refresh_from_db()
    after = (proposal.status, StatusChange.objects.filter(proposal=proposal).count(), Notification.objects.count())
    assert after == before
    return refused.value


@pytest.mark.django_db
def test_submit_empty_draft_lists_every_missing_criterion():
    user = proponent()
    proposal = ProposalFactory(organisation=user.memberships.get().organisation)
    error = _refused(proposal, "submit", user)
    assert error.code == "guard"
    assert [p.split(":")[0] for p in error.problems] == [
        "Criterion 1", "Criterion 1", "Criterion 1", "Criterion 1", "Criterion 1",
        "Criterion 2", "Criterion 3", "Criterion 4", "Criterion 4", "Criterion 5",
    ]


@pytest.mark.django_db
def test_submit_without_smart_environment_is_refused():
    user = proponent()
    proposal = ProposalFactory(organisation=user.memberships.get().organisation)
    complete_proposal(proposal, dimensions=("MOB", "LIV"))
    error = _refused(proposal, "submit", user)
    assert error.problems == ["Criterion 4: Smart Environment must be among the dimensions."]


@pytest.mark.django_db
def test_minimum_dimensions_is_configurable():
    user = proponent()
    proposal = ProposalFactory(organisation=user.memberships.get().organisation)
    complete_proposal(proposal, dimensions=("ENV", "MOB"))
    rules = ProgrammeSettings.load()
    rules.min_dimensions = 3
    rules.save()
    error = _refused(proposal, "submit", user)
    assert error.problems == ["Criterion 4: claim at least 3 dimensions (you have 2)."]


@pytest.mark.django_db
def test_mandatory_dimension_set_is_configurable():
    user = proponent()
    proposal = ProposalFactory(organisation=user.memberships.get().organisation)
    complete_proposal(proposal, dimensions=("MOB", "LIV"))
    Dimension.objects.filter(code="ENV").update(is_mandatory=False)
    transition(proposal, "submit", by=user)
    assert proposal.status == State.SUBMITTED


@pytest.mark.django_db
def test_budgets_that_do_not_add_up_are_named():
    user = proponent()
    proposal = ProposalFactory(organisation=user.memberships.get().organisation)
    complete_proposal(proposal)
    proposal.total_budget_thb = 3_000_000
    proposal.save()
    error = _refused(proposal, "submit", user)
    assert error.problems == [
        "The initiatives' budgets add up to 2,000,000.00 baht, not the total of 3,000,000.00 baht."
    ]


@pytest.mark.django_db
def test_return_for_revision_needs_note_and_future_deadline():
    proposal = paths.bring_to(State.SCREENING)
    staff = StaffFactory()
    assert _refused(proposal, "return_for_revision", staff, deadline=timezone.localdate()).field == "note"
    error = _refused(proposal, "return_for_revision", staff, note="แก้ไขแผนที่")
    assert (error.code, error.field) == ("invalid", "deadline")
    error = _refused(proposal, "return_for_revision", staff, note="แก้ไขแผนที่", deadline=timezone.localdate())
    assert (error.field, error.message) == ("deadline", "The deadline must be after today.")


@pytest.mark.django_db
def test_revision_deadline_is_kept_and_cleared_on_resubmit():
    proposal = paths.bring_to(State.REVISION_REQUESTED)
    assert proposal.revision_deadline is not None
    user = proposal.organisation.memberships.first().user
    transition(proposal, "resubmit", by=user)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.revision_deadline) == (State.SCREENING, None)


@pytest.mark.django_db
def test_resubmit_plan_refused_when_revision_came_from_screening():
    proposal = paths.bring_to(State.REVISION_REQUESTED)
    user = proposal.organisation.memberships.first().user
    error = _refused(proposal, "resubmit_plan", user)
    assert error.problems == ["This revision was asked for in screening: resubmit the proposal instead."]


@pytest.mark.django_db
def test_recommend_refused_below_pass_mark():
    proposal = paths.bring_to(State.EVALUATION)
    paths.score_all(proposal, 69)
    error = _refused(proposal, "recommend", StaffFactory())
    assert error.problems == [
        "Smart Environment scored 69.00%, below the pass mark of 70%.",
        "Smart Mobility scored 69.00%, below the pass mark of 70%.",
    ]


@pytest.mark.django_db
def test_recommend_at_exactly_pass_mark_is_made():
    proposal = paths.bring_to(State.EVALUATION)
    paths.score_all(proposal, 70)
    transition(proposal, "recommend", by=StaffFactory())
    assert proposal.status == State.ON_AGENDA


@pytest.mark.django_db
def test_resolution_of_another_proposal_is_refused():
    proposal = paths.bring_to(State.ON_AGENDA)
    other = paths.bring_to(State.ON_AGENDA)
    wrong = paths.resolution(other, "approve", "subcommittee")
    error = _refused(proposal, "resolve_approve", StaffFactory(), resolution=wrong)
    assert (error.code, error.field) == ("invalid", "resolution")


@pytest.mark.django_db
def test_resolution_of_wrong_kind_is_refused():
    proposal = paths.bring_to(State.ON_AGENDA)
    wrong = paths.resolution(proposal, "not_approve", "subcommittee")
    assert _refused(proposal, "resolve_approve", StaffFactory(), resolution=wrong).field == "resolution"


@pytest.mark.django_db
@pytest.mark.parametrize(("certified", "valid_until"), [
    (datetime.datetime(2025, 3, 14, 10, 0, tzinfo=BANGKOK), datetime.date(2028, 3, 14)),
    # Certified on 29 February: three years later there is no such day; the last day of February.
    (datetime.datetime(2024, 2, 29, 10, 0, tzinfo=BANGKOK), datetime.date(2027, 2, 28)),
    # Late in the evening in Bangkok is already the next day in UTC: the day is Bangkok's.
    (datetime.datetime(2025, 12, 31, 23, 30, tzinfo=BANGKOK), datetime.date(2028, 12, 31)),
], ids=["ordinary-day", "29-february", "bangkok-evening"])
def test_certify_sets_validity_from_settings(certified, valid_until):
    proposal = paths.bring_to(State.ACKNOWLEDGED, start=certified - datetime.timedelta(days=10))
    transition(proposal, "certify", by=StaffFactory(), at=certified)
    assert proposal.certified_on == certified.date()
    assert proposal.valid_until == valid_until
    settings = ProgrammeSettings.load()
    settings.validity_years = 5
    settings.save()
    renewed = paths.bring_to(State.ACKNOWLEDGED, start=certified - datetime.timedelta(days=10))
    transition(renewed, "certify", by=StaffFactory(), at=certified)
    assert renewed.valid_until == valid_until.replace(year=valid_until.year + 2)


@pytest.mark.django_db
def test_renew_needs_half_of_the_plan_done():
    proposal = paths.bring_to(State.RENEWAL)
    member = proposal.organisation.memberships.first().user
    from monitoring.models import ProgressReport

    ProgressReport.objects.create(proposal=proposal, period_end=timezone.localdate(), progress_percent=49,
                                  submitted_by=member)
    error = _refused(proposal, "renew", StaffFactory())
    assert error.problems == ["Plan progress of 49.0 % is below the threshold of 50 %."]


@pytest.mark.django_db
def test_expire_refused_while_certificate_valid():
    proposal = paths.bring_to(State.CERTIFIED)
    assert _refused(proposal, "expire", None).problems == ["The certificate is still valid."]


@pytest.mark.django_db
def test_move_dated_in_future_or_before_last_is_refused():
    proposal = paths.bring_to(State.SUBMITTED)
    staff = StaffFactory()
    future = timezone.now() + datetime.timedelta(hours=1)
    assert _refused(proposal, "screen", staff, at=future).field == "at"
    past = proposal.history.first().at - datetime.timedelta(days=1)
    assert _refused(proposal, "screen", staff, at=past).field == "at"


@pytest.mark.django_db
def test_move_writes_outbox_rows_delivered_after_commit(django_capture_on_commit_callbacks, tasks_in_process):
    proposal = paths.bring_to(State.SCREENING)
    thai = proposal.organisation.memberships.get().user
    english = proponent(organisation=proposal.organisation, preferred_language="en")
    staff = StaffFactory()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        change = transition(proposal, "declare_zone", by=staff)
        # Written in the same transaction as the move, not yet e-mailed.
        assert Notification.objects.filter(status_change=change, sent_at__isnull=True).count() == 2
        assert mail.outbox == []
    assert len(callbacks) == 1
    # Each member in their own language.
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == sorted([
        (thai.email, f"[เมืองอัจฉริยะประเทศไทย] {proposal.reference}: เขตส่งเสริมเมืองอัจฉริยะ"),
        (english.email, f"[Smart City Thailand] {proposal.reference}: Promotion zone"),
    ])
    assert Notification.objects.filter(status_change=change, sent_at__isnull=False).count() == 2
