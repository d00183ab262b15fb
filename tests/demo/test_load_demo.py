"""`manage.py load_demo`: every state shown, every account usable, and a re-run adds nothing."""

import datetime
import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from accounts.models import Membership, User
from applications.enums import Action, State
from applications.models import Proposal, StatusChange
from notifications.models import Notification
from provinces.models import Organisation
from reviews.enums import BodyKind, MemberRole
from reviews.models import AgendaItem, BodyMembership, CriterionScore, Meeting, Resolution
from reviews.selectors import dimension_scores

ACCOUNTS = ("proponent", "proponent2", "staff", "evaluator", "chair", "secretary",
            "member1", "member2", "member3", "member4", "member5")
SUBCOMMITTEE_ROLES = {
    "chair": MemberRole.CHAIR, "secretary": MemberRole.SECRETARY, "member1": MemberRole.MEMBER,
    "member2": MemberRole.MEMBER, "member3": MemberRole.MEMBER, "member4": MemberRole.MEMBER,
    "member5": MemberRole.MEMBER,
}
PASSWORD = "kh0nkaen-demo-2569"

pytestmark = pytest.mark.slow  # each test loads the whole demo


def load(verbosity=0) -> str:
    out = io.StringIO()
    with translation.override("en"):
        call_command("load_demo", verbosity=verbosity, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    settings.DEMO_PASSWORD = PASSWORD
    load()


def counts():
    models = (Proposal, StatusChange, User, Organisation, Meeting, Membership, BodyMembership, AgendaItem,
              Resolution, CriterionScore, Notification)
    return {model.__name__: model.objects.count() for model in models}


def test_load_demo_every_state_has_a_proposal(demo):
    standing = set(Proposal.objects.values_list("status", flat=True))
    assert standing == set(State.values)


def test_load_demo_accounts_use_the_demo_password(demo):
    for username in ACCOUNTS:
        user = User.objects.get(username=username)
        assert user.check_password(PASSWORD), username
        assert user.is_active


def test_load_demo_rerun_sets_a_changed_password(demo, settings):
    settings.DEMO_PASSWORD = "changed-demo-pw"
    load()
    user = User.objects.get(username="secretary")
    assert user.check_password("changed-demo-pw")
    assert not user.check_password(PASSWORD)


def test_load_demo_proponents_in_different_organisations(demo):
    first = set(Membership.objects.filter(user__username="proponent").values_list("organisation__name_th", flat=True))
    second = set(Membership.objects.filter(user__username="proponent2").values_list("organisation__name_th", flat=True))
    assert first == {"เทศบาลนครภูเก็ต"}
    assert second == {"เทศบาลนครขอนแก่น"}


def test_load_demo_roles_of_accounts(demo):
    staff = User.objects.get(username="staff")
    assert (staff.is_office_staff, staff.is_staff, staff.is_evaluator) == (True, True, False)
    evaluator = User.objects.get(username="evaluator")
    assert (evaluator.is_evaluator, evaluator.is_office_staff, evaluator.is_staff) == (True, False, False)
    today = timezone.localdate()
    seats = {
        m.user.username: m.role
        for m in BodyMembership.objects.filter(body__kind=BodyKind.SUBCOMMITTEE, term_start__lte=today)
        .exclude(term_end__lt=today).select_related("user")
    }
    assert seats == SUBCOMMITTEE_ROLES
    users = User.objects.filter(username__in=ACCOUNTS)
    assert {u.preferred_language for u in users} == {"th"}
    assert all(u.email == f"{u.username}@example.go.th" and u.first_name and u.last_name for u in users)


def test_load_demo_second_run_creates_nothing(demo):
    before = counts()
    output = load(verbosity=1)
    assert counts() == before
    assert "0 users, 0 organisations, 0 proposals and 0 meetings created; 17 proposals were already there." in output


def test_load_demo_summary_counts_what_it_made(db, settings):
    settings.DEBUG = True
    output = load(verbosity=1)
    assert "23 users, 11 organisations, 17 proposals and 10 meetings created; 0 proposals were already there." in output
    assert Proposal.objects.count() == 17


def test_load_demo_quiet_at_verbosity_0(db, settings):
    settings.DEBUG = True
    assert load(verbosity=0) == ""


def test_load_demo_refused_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        load()
    assert User.objects.count() == 0
    assert Proposal.objects.count() == 0


def test_load_demo_history_in_time_order_ending_at_status(demo):
    now = timezone.now()
    for proposal in Proposal.objects.all():
        rows = list(proposal.history.order_by("at", "id"))
        times = [row.at for row in rows]
        assert rows[0].action == Action.CREATE, proposal.name_th
        assert all(a < b for a, b in zip(times, times[1:], strict=False)), proposal.name_th
        assert times[-1] <= now
        assert rows[-1].to_state == proposal.status, proposal.name_th
        # Each move starts where the previous one ended.
        assert [r.from_state for r in rows[1:]] == [r.to_state for r in rows[:-1]], proposal.name_th


def test_load_demo_meeting_labels_numbered_by_body_and_year(demo):
    meetings = list(Meeting.objects.order_by("body", "held_at"))
    assert len(meetings) == 10
    for meeting in meetings:
        assert re.fullmatch(r"[1-9]\d*/25\d\d", meeting.label), meeting.label
        assert meeting.year_be == timezone.localtime(meeting.held_at).year + 543
    numbers = {}
    for meeting in meetings:
        numbers.setdefault((meeting.body_id, meeting.year_be), []).append(meeting.number)
    assert all(n == list(range(1, len(n) + 1)) for n in numbers.values())


def test_load_demo_revision_deadlines_after_today(demo):
    waiting = Proposal.objects.filter(status=State.REVISION_REQUESTED)
    assert waiting.count() == 2
    assert all(p.revision_deadline > timezone.localdate() for p in waiting)


def test_load_demo_certificates_dated_to_their_state(demo):
    today = timezone.localdate()
    expired = Proposal.objects.get(status=State.EXPIRED)
    assert expired.valid_until < today
    for proposal in Proposal.objects.filter(status__in=(State.CERTIFIED, State.RENEWAL)):
        assert proposal.valid_until >= today, proposal.name_th
    renewed = Proposal.objects.get(history__action=Action.RENEW)
    assert renewed.status == State.CERTIFIED
    assert renewed.progress_reports.get().progress_percent == 78
    assert renewed.valid_until - renewed.certified_on > datetime.timedelta(days=5 * 365)


def test_load_demo_decisions_rest_on_passing_scores_and_resolutions(demo):
    recommended = Proposal.objects.filter(history__action=Action.RECOMMEND).distinct()
    assert recommended.count() == 10
    for proposal in recommended:
        assert all(score is not None and score >= 70 for score in dimension_scores(proposal).values())
    assert not CriterionScore.objects.filter(score__lt=70).exists()
    bodies = {
        Action.RESOLVE_APPROVE: BodyKind.SUBCOMMITTEE, Action.RESOLVE_REJECT: BodyKind.SUBCOMMITTEE,
        Action.RESOLVE_IN_PRINCIPLE: BodyKind.SUBCOMMITTEE, Action.ACKNOWLEDGE: BodyKind.COMMITTEE,
    }
    decided = StatusChange.objects.filter(action__in=list(bodies)).prefetch_related("resolution__meeting__body")
    assert decided.count() == 15
    for change in decided:
        assert change.resolution.proposal_id == change.proposal_id
        assert change.resolution.meeting.body.kind == bodies[change.action]
        assert change.resolution.meeting.held_at <= change.at


def test_load_demo_history_not_emailed_again(demo):
    assert Notification.objects.count() > 0
    assert not Notification.objects.filter(sent_at__isnull=True).exists()


def test_load_demo_shows_a_finished_meeting_run_on_the_portal(demo):
    """Issue 15, item 7: attendance with one late arrival, a declared conflict, an open and a secret
    vote, a dissent with its reason, resolutions with text, minutes and an evidence pack."""
    import io as _io
    import zipfile

    from reviews.models import AttendanceEvent, ConflictDeclaration, SecretBallot, Vote
    from reviews.sitting.evidence import evidence_zip
    from reviews.sitting.presence import stays
    from reviews.voting.selectors import tally

    meeting = Meeting.objects.get(opening__isnull=False)
    assert meeting.body.kind == BodyKind.SUBCOMMITTEE
    assert [s.member.username for s in stays(meeting) if s.late] == ["member4"]
    assert AttendanceEvent.objects.filter(meeting=meeting, kind="left").count() == 1
    items = list(meeting.agenda.order_by("order"))
    assert [i.ballot for i in items] == ["open", "secret"]
    assert all(i.resolution and i.resolution.text for i in items)
    assert ConflictDeclaration.objects.filter(agenda_item=items[1]).count() == 1
    dissent = Vote.objects.get(agenda_item=items[0], choice="not_approve")
    assert dissent.reason and dissent.member.username == "member3"
    assert SecretBallot.objects.filter(agenda_item=items[1]).count() == 5
    assert Vote.objects.filter(agenda_item=items[1]).count() == 0
    # The votes make the resolutions the minutes record: the same majority, a quorum at the close.
    for item in items:
        counted = tally(item)
        assert counted.has_quorum and counted.outcome == item.resolution.kind
    archive = zipfile.ZipFile(_io.BytesIO(evidence_zip(meeting)))
    assert {"minutes.pdf", "MANIFEST.sha256", "votes/item-2.csv"} <= set(archive.namelist())
