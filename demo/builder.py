"""Building one demo proposal: its content, then every move of its story through transition().

Dates come from a :class:`Clock` counting days back from today. Moves are
dated on working days and strictly after the previous one, so each history
reads in order and nothing lies in the future.
"""

import datetime
from decimal import Decimal

from django.db.models import Max
from django.utils import timezone

from applications.enums import Action
from applications.models import DimensionPlan, Initiative, PlanIndicator, Proposal, StatusChange
from applications.workflow import action_for, record_creation, transition
from core.thai import be_year, thai_date
from dimensions.models import Dimension, Indicator, SubCriterion
from notifications.models import Notification
from reviews.enums import ResolutionKind
from reviews.evaluation.services import score_submission_record
from reviews.models import AgendaItem, CriterionScore, EvaluatorAssignment, Meeting, Resolution

from . import sitting
from .catalogue import DATA_PLATFORM, INFRASTRUCTURE, INVESTMENT, MANAGEMENT, PLANS
from .people import ORGANISATIONS
from .stories import MEETINGS

MILLION = Decimal(1_000_000)
# Time of day of each kind of step, so the history looks like office hours.
TIME_OF = {
    "create": (9, 40), "submit": (15, 20), "screen": (10, 5), "return": (16, 10), "resubmit": (11, 35),
    "reject": (14, 0), "zone": (10, 30), "plan": (16, 45), "in_principle": (14, 20), "resubmit_plan": (13, 50),
    "assign": (9, 30), "score": (17, 10), "recommend": (11, 15), "certify": (10, 0), "renewal_due": (1, 0),
    "progress": (15, 0), "renew": (13, 30), "revoke": (14, 30), "withdraw": (10, 50), "meeting": (9, 30),
}
# Notifications older than this are shown as already read.
READ_AFTER = datetime.timedelta(days=14)


class Clock:
    def __init__(self, now=None):
        self.now = now or timezone.now()
        self.today = timezone.localtime(self.now).date()

    def at(self, days_ago: int, op: str) -> datetime.datetime:
        """``days_ago`` days back (negative: ahead), moved back to a Friday if it falls on a weekend."""
        day = self.today - datetime.timedelta(days=days_ago)
        day -= datetime.timedelta(days=max(0, day.weekday() - 4))
        return self.on(day, op)

    @staticmethod
    def on(day: datetime.date, op: str) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(*TIME_OF[op])))


def ensure_meetings(keys, bodies, clock, counts) -> dict:
    """The meetings the stories to build need, numbered N/BE in date order within each body and year."""
    wanted = sorted(keys, key=lambda k: (clock.at(MEETINGS[k][1], "meeting"), k))
    meetings = {}
    for key in wanted:
        kind, days_ago, place = MEETINGS[key]
        body, held_at = bodies[kind], clock.at(days_ago, "meeting")
        meeting = Meeting.objects.filter(body=body, held_at=held_at).first()
        if meeting is None:
            year_be = be_year(timezone.localtime(held_at).year)
            last = Meeting.objects.filter(body=body, year_be=year_be).aggregate(n=Max("number"))["n"] or 0
            meeting = Meeting.objects.create(body=body, year_be=year_be, number=last + 1, held_at=held_at, place=place)
            counts["meetings"] += 1
        meetings[key] = meeting
    return meetings


def meeting_keys(story) -> set:
    return {step[1] for step in story.steps if step[0] in ("resolve", "acknowledge")} | {
        step[2] for step in story.steps if step[0] == "recommend"
    }


class Builder:
    """Builds one story; the caller wraps it in a transaction."""

    def __init__(self, *, users, orgs, meetings, clock):
        self.users, self.orgs, self.meetings, self.clock = users, orgs, meetings, clock
        self.staff, self.secretary = users["staff"], users["secretary"]
        self.evaluators = (users["evaluator"], users["evaluator2"])

    # --- content ----------------------------------------------------------------------------

    def build(self, story) -> Proposal:
        org = self.orgs[story.org]
        members = next(o.members for o in ORGANISATIONS if o.key == story.org)
        self.author = self.users[members[0]]
        self.story, self.last = story, None
        created = self._when(self.clock.at(story.created, "create"))
        self.proposal = self._create(story, org, created)
        record_creation(self.proposal, by=self.author, at=created)
        for step in story.steps:
            getattr(self, f"_{step[0]}")(*step[1:])
        self._settle(created)
        return self.proposal

    def _create(self, story, org, created) -> Proposal:
        plans = [(code, PLANS[code]) for code in story.dimensions]
        scale = Decimal(story.scale)
        budget = {code: [Decimal(b) * scale * MILLION for _t, _d, b in plan.initiatives] for code, plan in plans}
        total = sum(sum(v) for v in budget.values())
        proposal = Proposal(
            organisation=org, created_by=self.author, name_th=story.name_th, name_en=story.name_en,
            boundary_description=story.boundary, area_km2=Decimal(story.area_km2), population=story.population,
            city_type=story.city_type, vision=story.vision, goals=story.goals,
        )
        if story.complete:
            proposal.infrastructure_plan = INFRASTRUCTURE
            proposal.investment_plan = INVESTMENT.format(budget=f"{total / MILLION:,.1f}", org=org.name_th)
            proposal.data_platform = DATA_PLATFORM.format(org=org.name_th)
            proposal.management_model = MANAGEMENT[org.kind.is_local_government].format(org=org.name_th)
            proposal.total_budget_thb = total
        else:
            plans = plans[:1]  # a draft being written: one dimension so far, no initiatives yet
        proposal.save()
        proposal.provinces.add(org.province)
        # Plans start with the Thai fiscal year (1 October) after the proposal was written.
        made = timezone.localtime(created).date()
        start = datetime.date(made.year + (made.month >= 10), 10, 1)
        end = datetime.date(start.year + 3, 9, 30)
        for code, content in plans:
            dimension = Dimension.objects.get(code=code)
            plan = DimensionPlan.objects.create(proposal=proposal, dimension=dimension, summary=content.summary)
            if not story.complete:
                continue
            for (title, description, _b), amount in zip(content.initiatives, budget[code], strict=True):
                Initiative.objects.create(
                    plan=plan, title=title, description=description, budget_thb=amount,
                    start_date=start, end_date=end,
                )
            for code_, baseline, target in content.indicators:
                standard = Indicator.objects.filter(dimension=dimension, code=code_).first()
                if standard is None:  # staff removed it; the plan keeps its other indicators
                    continue
                PlanIndicator.objects.create(
                    plan=plan, indicator=standard, name=standard.name_th, unit=standard.unit,
                    baseline=Decimal(baseline), target=Decimal(target), target_year=end.year,
                )
        return proposal

    def _settle(self, created):
        """Date the rows the moves wrote with today's clock as of the moves themselves."""
        Proposal.objects.filter(pk=self.proposal.pk).update(created_at=created, updated_at=self.last)
        for change in StatusChange.objects.filter(proposal=self.proposal):
            # Back-dated moves are history, not news: they were delivered (and mostly read)
            # back then, so nothing is e-mailed now.
            read = change.at + datetime.timedelta(days=1) if change.at < self.clock.now - READ_AFTER else None
            Notification.objects.filter(status_change=change).update(
                created_at=change.at, sent_at=change.at, read_at=read
            )

    # --- time and moves -----------------------------------------------------------------------

    def _when(self, at) -> datetime.datetime:
        # Two steps can land on the same Friday; keep them in order an hour apart.
        if self.last is not None and at <= self.last:
            at = self.last + datetime.timedelta(hours=1)
        if at > self.clock.now:
            raise ValueError(f"demo story {self.story.name_en!r} dates a step in the future: {at}")
        self.last = at
        return at

    def _move(self, action, by, at, note="", **kwargs):
        transition(self.proposal, action, by=by, note=note, at=self._when(at), **kwargs)

    def _deadline(self, days):
        return timezone.localtime(self.last).date() + datetime.timedelta(days=days)

    # --- one method per op in stories.py --------------------------------------------------------

    def _submit(self, days):
        self._move(Action.SUBMIT, self.author, self.clock.at(days, "submit"), "ยื่นข้อเสนอเพื่อขอรับการพิจารณา")

    def _screen(self, days):
        self._move(Action.SCREEN, self.staff, self.clock.at(days, "screen"), "รับเรื่องและตรวจสอบความครบถ้วนของเอกสาร")

    def _return(self, days, note, deadline_days):
        at = self._when(self.clock.at(days, "return"))
        transition(self.proposal, Action.RETURN_FOR_REVISION, by=self.staff, note=note, at=at,
                   deadline=self._deadline(deadline_days))

    def _resubmit(self, days):
        self._move(Action.RESUBMIT, self.author, self.clock.at(days, "resubmit"), "แก้ไขเอกสารตามที่สำนักงานฯ แจ้งแล้ว")

    def _reject(self, days, note):
        self._move(Action.REJECT, self.staff, self.clock.at(days, "reject"), note)

    def _zone(self, days, note):
        self._move(Action.DECLARE_ZONE, self.staff, self.clock.at(days, "zone"), note)

    def _plan(self, days):
        self._move(Action.SUBMIT_PLAN, self.author, self.clock.at(days, "plan"),
                   "ส่งแผนการพัฒนาเมืองอัจฉริยะฉบับสมบูรณ์เพื่อประเมิน")

    def _in_principle(self, days, note, deadline_days):
        at = self._when(self.clock.at(days, "in_principle"))
        transition(self.proposal, Action.APPROVE_IN_PRINCIPLE, by=self.staff, note=note, at=at,
                   deadline=self._deadline(deadline_days))

    def _resubmit_plan(self, days):
        self._move(Action.RESUBMIT_PLAN, self.author, self.clock.at(days, "resubmit_plan"),
                   "ปรับแผนตามข้อเสนอแนะของคณะทำงานฯ แล้ว")

    def _assign(self, days, due_days):
        """One evaluator per claimed dimension, taking turns, so both have work."""
        at = self._when(self.clock.at(days, "assign"))
        due = timezone.localtime(at).date() + datetime.timedelta(days=due_days)
        for turn, plan in enumerate(self.proposal.plans.select_related("dimension")):
            EvaluatorAssignment.objects.create(
                proposal=self.proposal, dimension=plan.dimension, evaluator=self.evaluators[turn % 2], due_on=due
            )

    def _score(self, days, base, dimensions=None):
        """Submit scores around ``base`` (never below it minus 2) on every active sub-criterion."""
        at = self._when(self.clock.at(days, "score"))
        assignments = self.proposal.assignments.select_related("dimension").filter(submitted_at__isnull=True)
        if dimensions:
            assignments = assignments.filter(dimension__code__in=dimensions)
        for i, assignment in enumerate(assignments.order_by("dimension__order")):
            subs = SubCriterion.objects.filter(dimension=assignment.dimension, is_active=True).order_by("order")
            for j, sub in enumerate(subs):
                score = min(100, base + (i * 3 + j * 5) % 7 - 2)
                CriterionScore.objects.create(
                    assignment=assignment, subcriterion=sub, score=Decimal(score), comment=_comment(score)
                )
            assignment.submitted_at = at
            assignment.save(update_fields=["submitted_at"])
            score_submission_record(assignment=assignment, by=assignment.evaluator, at=at)

    def _recommend(self, days, meeting_key):
        meeting = self.meetings[meeting_key]
        self._move(Action.RECOMMEND, self.staff, self.clock.at(days, "recommend"),
                   f"ผลการประเมินผ่านเกณฑ์ทุกด้าน เสนอเข้าวาระการประชุม{meeting.body.name_th} ครั้งที่ {meeting.label}")
        AgendaItem.objects.create(meeting=meeting, proposal=self.proposal, order=meeting.agenda.count() + 1)

    def _resolve(self, meeting_key, kind, text="", deadline_days=None):
        meeting = self.meetings[meeting_key]
        if meeting_key == sitting.FINISHED:
            # The demo's one meeting run on the portal: its attendance, conflict and votes first.
            item = AgendaItem.objects.get(meeting=meeting, proposal=self.proposal)
            sitting.run_item(meeting, item, self.users, kind)
        at = self._when(meeting.held_at + datetime.timedelta(hours=4, minutes=30))
        text = text or (
            f"ที่ประชุมพิจารณาแล้วมีมติเห็นชอบให้{self.proposal.name_th}ได้รับการรับรองเป็นพื้นที่เมืองอัจฉริยะ "
            "และให้ฝ่ายเลขานุการเสนอคณะกรรมการขับเคลื่อนการพัฒนาเมืองอัจฉริยะเพื่อทราบ"
        )
        resolution = self._resolution(meeting, kind, text, self.secretary, at)
        deadline = self._deadline(deadline_days) if deadline_days else None
        transition(self.proposal, action_for(kind), by=self.secretary, at=at, resolution=resolution, deadline=deadline,
                   note=f"มติการประชุม{meeting.body.name_th} ครั้งที่ {meeting.label}")

    def _acknowledge(self, meeting_key):
        meeting = self.meetings[meeting_key]
        AgendaItem.objects.create(meeting=meeting, proposal=self.proposal, order=meeting.agenda.count() + 1)
        at = self._when(meeting.held_at + datetime.timedelta(hours=5))
        text = (f"ที่ประชุมรับทราบมติคณะอนุกรรมการฯ ที่รับรองให้{self.proposal.name_th}เป็นพื้นที่เมืองอัจฉริยะ "
                "และมอบหมายให้สำนักงานฯ ดำเนินการมอบตราสัญลักษณ์")
        resolution = self._resolution(meeting, ResolutionKind.ACKNOWLEDGE, text, self.staff, at)
        transition(self.proposal, Action.ACKNOWLEDGE, by=self.staff, at=at, resolution=resolution,
                   note=f"มติการประชุม{meeting.body.name_th} ครั้งที่ {meeting.label}")

    def _resolution(self, meeting, kind, text, by, at) -> Resolution:
        # Dated when it was taken, at creation: a resolution is never updated afterwards.
        return Resolution.objects.create(meeting=meeting, proposal=self.proposal, kind=kind, text=text,
                                         recorded_by=by, recorded_at=at)

    def _certify(self, days):
        self._move(Action.CERTIFY, self.staff, self.clock.at(days, "certify"),
                   "มอบตราสัญลักษณ์และประกาศนียบัตรเมืองอัจฉริยะ (Smart City Thailand)")

    def _renewal_due(self, days):
        # The nightly job opens renewals, so the system is the actor.
        self._move(Action.RENEWAL_DUE, None, self.clock.at(days, "renewal_due"),
                   f"ใบรับรองจะหมดอายุวันที่ {thai_date(self.proposal.valid_until)} เปิดการขอต่ออายุ")

    def _progress(self, days, percent):
        at = self._when(self.clock.at(days, "progress"))
        day = timezone.localtime(at).date()
        self.proposal.progress_reports.create(
            period_end=day.replace(day=1) - datetime.timedelta(days=1),
            progress_percent=percent, submitted_by=self.author, submitted_at=at,
            summary=f"ดำเนินการตามแผนแล้วร้อยละ {percent} ของโครงการทั้งหมด พร้อมรายงานผลตัวชี้วัดรายปี",
        )

    def _renew(self, days):
        percent = self.proposal.progress_reports.order_by("-period_end").values_list("progress_percent", flat=True)[0]
        self._move(Action.RENEW, self.staff, self.clock.at(days, "renew"),
                   f"ความก้าวหน้าตามแผนร้อยละ {percent} ผ่านเกณฑ์ ต่ออายุใบรับรอง")

    def _expire(self):
        lapsed = self.proposal.valid_until
        self._move(Action.EXPIRE, None, self.clock.on(lapsed + datetime.timedelta(days=1), "renewal_due"),
                   f"ใบรับรองหมดอายุเมื่อวันที่ {thai_date(lapsed)} โดยไม่ได้รับการต่ออายุ")

    def _revoke(self, days, note):
        self._move(Action.REVOKE, self.staff, self.clock.at(days, "revoke"), note)

    def _withdraw(self, days, note):
        self._move(Action.WITHDRAW, self.author, self.clock.at(days, "withdraw"), note)


def _comment(score) -> str:
    if score >= 80:
        return "แผนชัดเจน มีตัวชี้วัดและงบประมาณรองรับครบถ้วน"
    if score >= 75:
        return "ผ่านเกณฑ์ ควรระบุระยะเวลาดำเนินงานรายปีให้ชัดเจนขึ้น"
    return "ผ่านเกณฑ์ขั้นต่ำ ควรเพิ่มรายละเอียดการมีส่วนร่วมของประชาชนและแหล่งงบประมาณ"
