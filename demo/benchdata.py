"""Bulk fixtures for the benchmark: many believable proposals and their history.

Every proposal's path is a random walk over the workflow's own table of moves
(``applications.workflow.MOVES``), dated from 2019 to today, with the meetings
and resolutions the moves need. The steps are applied by the workflow's
recorded-history API (:func:`applications.workflow.replay`), which decides each
state exactly as :func:`~applications.workflow.transition` would, then the rows
are written in bulk (``save_replayed``): one transition() per step would take
hours for a million steps. Dossier guards are not checked (as for any recorded
history), but the plans and indicators are filled in anyway so pages look real.

Names are real places (``geothai``: provinces, districts, subdistricts) with the
organisation kinds that run them; every proposal and person is invented.
Everything made here belongs to users named ``bench-*``, which is how ``--clear``
finds it again.
"""

import bisect
import datetime
from dataclasses import dataclass
from decimal import Decimal

import geothai
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Max, Min, OuterRef, Subquery
from django.utils import timezone

from accounts.models import Membership
from applications.enums import FINAL_STATES, Action, Role, State
from applications.models import DimensionPlan, Initiative, PlanIndicator, Proposal, StatusChange
from applications.workflow import MOVES, Recorded, moves_from, replay, save_replayed
from core.thai import be_year
from dimensions.models import Dimension, Indicator
from provinces.models import Organisation, OrganisationKind, Province
from reviews.enums import BodyKind, ResolutionKind
from reviews.models import AgendaItem, Body, BodyMembership, EvaluatorAssignment, Meeting, Resolution

from .catalogue import DATA_PLATFORM, INFRASTRUCTURE, INVESTMENT, MANAGEMENT, PLANS

PREFIX = "bench-"
OFFICE = f"{PREFIX}office"
FIRST_DAY = datetime.date(2019, 3, 8)  # announcement 1/2562: the programme opens
MEETING_PLACE = "ห้องประชุมสำนักงานส่งเสริมเศรษฐกิจดิจิทัล (ข้อมูลทดสอบประสิทธิภาพ)"

# How likely a proposal stays where it is (its path ends there); final states always end.
STOP = {
    State.DRAFT: 0.03, State.SUBMITTED: 0.02, State.SCREENING: 0.02, State.REVISION_REQUESTED: 0.04,
    State.PROMOTION_ZONE: 0.06, State.EVALUATION: 0.04, State.ON_AGENDA: 0.03, State.APPROVED: 0.03,
    State.ACKNOWLEDGED: 0.03, State.CERTIFIED: 0.25, State.RENEWAL: 0.15,
}
# The relative weight of each move among those the table allows from a state.
WEIGHT = {
    Action.SUBMIT: 1, Action.SCREEN: 1, Action.RETURN_FOR_REVISION: 0.55, Action.REJECT: 0.05,
    Action.DECLARE_ZONE: 0.5, Action.RESUBMIT: 1, Action.SUBMIT_PLAN: 1, Action.APPROVE_IN_PRINCIPLE: 0.45,
    Action.RESUBMIT_PLAN: 1, Action.RECOMMEND: 0.65, Action.RESOLVE_APPROVE: 0.75,
    Action.RESOLVE_IN_PRINCIPLE: 0.2, Action.RESOLVE_REJECT: 0.07, Action.ACKNOWLEDGE: 1, Action.CERTIFY: 1,
    Action.RENEWAL_DUE: 0.9, Action.RENEW: 0.85, Action.EXPIRE: 0.1, Action.REVOKE: 0.03,
    Action.WITHDRAW: 0.012,
}
# Moves decided by a meeting, read off the workflow's table: (body, resolution kind).
DECIDED = {
    m.action: (m.resolution.body_kind, m.resolution.kinds[0]) for m in MOVES if m.resolution
}
NOTES = {
    Action.RETURN_FOR_REVISION: "ขอให้แนบแผนที่ขอบเขตพื้นที่เป้าหมายและรายละเอียดงบประมาณให้ครบถ้วน",
    Action.REJECT: "ข้อเสนอไม่เป็นไปตามหลักเกณฑ์ข้อ 1 และข้อ 4 ของประกาศฯ",
    Action.APPROVE_IN_PRINCIPLE: "เห็นชอบในหลักการ ให้ปรับตัวชี้วัดด้านสิ่งแวดล้อมให้วัดผลได้",
    Action.RESOLVE_IN_PRINCIPLE: "ให้ปรับแผนการลงทุนและรูปแบบการบริหารจัดการตามข้อสังเกตของที่ประชุม",
    Action.REVOKE: "ไม่ดำเนินการตามแผนและไม่รายงานความก้าวหน้าตามเงื่อนไขการรับรอง",
}
RESOLUTION_TEXT = {
    ResolutionKind.APPROVE: "ที่ประชุมมีมติเห็นชอบให้{name}ได้รับการรับรองเป็นพื้นที่เมืองอัจฉริยะ",
    ResolutionKind.IN_PRINCIPLE: "ที่ประชุมมีมติเห็นชอบในหลักการ{name} โดยให้ปรับปรุงแผนตามข้อสังเกต",
    ResolutionKind.NOT_APPROVE: "ที่ประชุมมีมติไม่เห็นชอบ{name} เนื่องจากแผนยังไม่ครบตามหลักเกณฑ์",
    ResolutionKind.ACKNOWLEDGE: "ที่ประชุมรับทราบการรับรอง{name}เป็นพื้นที่เมืองอัจฉริยะ",
}
NAME_PATTERNS = (
    ("{th}เมืองอัจฉริยะ", "{en} Smart City"),
    ("{th}สู่เมืองอัจฉริยะ", "{en} towards a Smart City"),
    ("เมืองอัจฉริยะ{th}", "Smart {en}"),
    ("{th}เมืองน่าอยู่อัจฉริยะ", "{en} Livable Smart City"),
    ("ย่านนวัตกรรม{th}", "{en} Innovation District"),
    ("{th}เมืองสีเขียวอัจฉริยะ", "{en} Green Smart City"),
)
VISIONS = (
    "{name} เมืองน่าอยู่ ปลอดภัย เศรษฐกิจดี ประชาชนมีส่วนร่วม ด้วยข้อมูลและเทคโนโลยีดิจิทัล",
    "{name} เมืองสีเขียว คาร์บอนต่ำ ที่ทุกคนเข้าถึงบริการสาธารณะได้อย่างเท่าเทียม",
    "{name} ศูนย์กลางการท่องเที่ยวและเศรษฐกิจสร้างสรรค์ของภูมิภาค ขับเคลื่อนด้วยข้อมูลเปิด",
)
DAY = datetime.timedelta(days=1)


@dataclass
class Org:
    pk: int
    name_th: str
    province_id: int
    is_local: bool
    user: object


class World:
    """What every batch draws from: places, organisations, users, dimensions, meetings."""

    def __init__(self, rng, *, organisations=2000):
        self.rng = rng
        self.now = timezone.now()
        User = get_user_model()
        self.office, _created = User.objects.get_or_create(
            username=OFFICE, defaults={"is_office_staff": True, "first_name": "เจ้าหน้าที่ทดสอบ",
                                       "password": "!bench"},
        )
        self.provinces = {p.code: p for p in Province.objects.all()}
        self.kinds = {k.code: k for k in OrganisationKind.objects.all()}
        self.dimensions = {d.code: d for d in Dimension.objects.all()}
        self.indicators = {i.code: i for i in Indicator.objects.all()}
        self.bodies = {b.kind: b for b in Body.objects.all()}
        self.orgs = self._organisations(organisations)
        self.meetings = {kind: self._meetings(kind) for kind in (BodyKind.SUBCOMMITTEE, BodyKind.COMMITTEE)}
        self.held = {kind: [m.held_at for m in ms] for kind, ms in self.meetings.items()}

    # --- organisations and their proponents --------------------------------------------

    def _places(self):
        for p in geothai.provinces():
            yield "pao", p.code, f"{self.kinds['pao'].name_th}{p.name_th}", f"{p.name_en} PAO", p.name_th, p.name_en
            for d in geothai.districts(p.code):
                if d.name_th.startswith("เมือง"):
                    yield ("town_municipality", p.code, f"เทศบาลเมือง{p.name_th}", f"{p.name_en} Town Municipality",
                           p.name_th, p.name_en)
                    continue
                for s in geothai.subdistricts(d.code)[:2]:
                    kind = "subdistrict_municipality" if s.code.endswith("01") else "sao"
                    label = self.kinds[kind].name_th
                    yield (kind, p.code, f"{label}{s.name_th}", f"{s.name_en} {self.kinds[kind].name_en}",
                           s.name_th, s.name_en)

    def _organisations(self, count):
        places = list(self._places())
        self.rng.shuffle(places)
        places = [p for p in places if p[1] in self.provinces][:count]
        orgs = Organisation.objects.bulk_create(
            Organisation(name_th=th, name_en=en, kind=self.kinds[kind], province=self.provinces[code])
            for kind, code, th, en, _pth, _pen in places
        )
        User = get_user_model()
        users = User.objects.bulk_create(
            User(username=f"{PREFIX}{org.pk}", first_name="ผู้ยื่นข้อเสนอ", last_name=org.name_th[:150],
                 password="!bench")  # an unusable password: these accounts never sign in
            for org in orgs
        )
        Membership.objects.bulk_create(Membership(user=u, organisation=o) for u, o in zip(users, orgs, strict=True))
        self.place_names = {org.pk: (p[4], p[5]) for org, p in zip(orgs, places, strict=True)}
        return [Org(o.pk, o.name_th, o.province_id, self.kinds[p[0]].is_local_government, u)
                for o, u, p in zip(orgs, users, places, strict=True)]

    # --- meetings: the subcommittee monthly, the committee every quarter ----------------

    def _meetings(self, kind):
        body = self.bodies[kind]
        months = 1 if kind == BodyKind.SUBCOMMITTEE else 3
        taken = dict(Meeting.objects.filter(body=body).values_list("year_be").annotate(n=Max("number")))
        rows = []
        day = datetime.date(2019, 4, 20)
        while True:
            held = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 30)))
            if held >= self.now - DAY:
                break
            year = be_year(day.year)
            taken[year] = taken.get(year, 0) + 1
            rows.append(Meeting(body=body, year_be=year, number=taken[year], held_at=held, place=MEETING_PLACE,
                                created_by=self.office))
            month = day.month - 1 + months
            day = datetime.date(day.year + month // 12, month % 12 + 1, 20)
        return Meeting.objects.bulk_create(rows)

    def meeting_after(self, kind, at):
        """The body's first meeting after ``at`` (None if there is none before today)."""
        i = bisect.bisect_right(self.held[kind], at)
        return self.meetings[kind][i] if i < len(self.meetings[kind]) else None


def walk(rng, world, start):
    """A path through the table from draft: [(action, at, meeting or None)], dated and in order."""
    state, at, prev, path = State.DRAFT, start, None, []
    certified_at = None
    while state not in FINAL_STATES and len(path) < 30 and rng.random() >= STOP.get(state, 0):
        moves = [m for m in moves_from(state) if m.action in WEIGHT]
        if state == State.REVISION_REQUESTED:
            # A revision goes back where it came from: screening, or the plan's evaluation.
            wanted = Action.RESUBMIT if prev == State.SCREENING else Action.RESUBMIT_PLAN
            moves = [m for m in moves if m.action in (wanted, Action.WITHDRAW)]
        move = rng.choices(moves, weights=[WEIGHT[m.action] for m in moves])[0]
        meeting = None
        if move.action in DECIDED:
            meeting = world.meeting_after(DECIDED[move.action][0], at)
            if meeting is None:
                break
            when = meeting.held_at + datetime.timedelta(hours=rng.randint(2, 6))
        elif move.action == Action.RENEWAL_DUE:
            when = certified_at + datetime.timedelta(days=3 * 365 - 90 + rng.randint(0, 30))
        elif move.action == Action.EXPIRE:
            when = certified_at + datetime.timedelta(days=3 * 365 + rng.randint(1, 20))
        else:
            when = at + datetime.timedelta(days=rng.randint(3, 45), hours=rng.randint(0, 8))
        if when >= world.now:
            break
        if move.target == State.CERTIFIED:
            certified_at = when
        path.append((move.action, when, meeting))
        prev, state, at = state, move.target, when
    return path


class Batch:
    """One batch of proposals: build them, replay their paths, write everything in bulk."""

    def __init__(self, rng, world):
        self.rng, self.world = rng, world

    def make(self, size):
        rng, world = self.rng, self.world
        span = (world.now.date() - FIRST_DAY).days - 20
        specs = []
        for _i in range(size):
            org = rng.choice(world.orgs)
            th, en = world.place_names[org.pk]
            pattern = rng.choice(NAME_PATTERNS)
            start = timezone.make_aware(datetime.datetime.combine(
                FIRST_DAY + datetime.timedelta(days=rng.randint(0, span)), datetime.time(rng.randint(8, 16))
            ))
            specs.append((org, pattern[0].format(th=th), pattern[1].format(en=en), start, walk(rng, world, start)))
        proposals = [self._proposal(*spec[:3]) for spec in specs]
        # replay() numbers certificates by the proposal's id, so the ids are taken first.
        for proposal, pk in zip(proposals, reserve_ids(Proposal, len(proposals)), strict=True):
            proposal.pk = pk
        resolutions = self._resolutions(proposals, specs)
        changes = []
        for proposal, (org, _th, _en, start, path) in zip(proposals, specs, strict=True):
            steps = [Recorded(Action.CREATE, start, org.user, Role.PROPONENT)]
            for action, at, _meeting in path:
                by = org.user if action in (Action.SUBMIT, Action.RESUBMIT, Action.SUBMIT_PLAN,
                                            Action.RESUBMIT_PLAN, Action.WITHDRAW) else world.office
                role = Role.SYSTEM if action in (Action.RENEWAL_DUE, Action.EXPIRE) else None
                deadline = None
                if action in (Action.RETURN_FOR_REVISION, Action.APPROVE_IN_PRINCIPLE, Action.RESOLVE_IN_PRINCIPLE):
                    deadline = timezone.localtime(at).date() + datetime.timedelta(days=30)
                steps.append(Recorded(
                    action, at, None if role else by, role, note=NOTES.get(action, ""), deadline=deadline,
                    resolution=resolutions.get((proposal.pk, at)),
                ))
            changes += replay(proposal, steps)
        with transaction.atomic():
            # Foreign keys are checked at commit: resolutions may go in before their proposals,
            # and must, since the history rows point at them.
            made = Resolution.objects.bulk_create(resolutions.values())
            AgendaItem.objects.bulk_create(
                AgendaItem(meeting=r.meeting, proposal_id=r.proposal_id, resolution=r,
                           closed_at=r.meeting.held_at + datetime.timedelta(hours=3), closed_by=world.office)
                for r in made
            )
            save_replayed(proposals, changes)
            self._content(proposals, specs)
            # So were the proposals: date them by their history (created at the first step).
            history = StatusChange.objects.filter(proposal=OuterRef("pk")).order_by().values("proposal")
            Proposal.objects.filter(pk__in=[p.pk for p in proposals]).update(
                created_at=Subquery(history.annotate(first=Min("at")).values("first")),
                updated_at=Subquery(history.annotate(last=Max("at")).values("last")),
            )
        return len(proposals), len(changes)

    def _proposal(self, org, name_th, name_en):
        rng = self.rng
        budget = rng.randint(20, 900)
        return Proposal(
            organisation_id=org.pk, created_by=org.user, name_th=name_th, name_en=name_en,
            boundary_description=f"พื้นที่ในเขต{org.name_th} ทั้งเขต",
            area_km2=Decimal(rng.randint(200, 90000)) / 100, population=rng.randint(3000, 400000),
            city_type=rng.choice(("livable", "livable", "new")),
            vision=rng.choice(VISIONS).format(name=name_th),
            goals="ลดการปล่อยก๊าซเรือนกระจกร้อยละ 1 ต่อปี ลดอุบัติเหตุทางถนน และยกระดับบริการภาครัฐแบบดิจิทัล",
            infrastructure_plan=INFRASTRUCTURE, investment_plan=INVESTMENT.format(budget=budget, org=org.name_th),
            total_budget_thb=Decimal(budget) * 1_000_000, data_platform=DATA_PLATFORM.format(org=org.name_th),
            management_model=MANAGEMENT[org.is_local].format(org=org.name_th),
        )

    def _content(self, proposals, specs):
        """Provinces, the dimension plans (Environment always), an initiative and indicators each."""
        rng, world = self.rng, self.world
        through = Proposal.provinces.through
        through.objects.bulk_create(
            through(proposal_id=p.pk, province_id=spec[0].province_id) for p, spec in zip(proposals, specs, strict=True)
        )
        others = [c for c in world.dimensions if c != "ENV"]
        plans = []
        for p in proposals:
            for code in ["ENV", *rng.sample(others, rng.randint(1, 4))]:
                plans.append(DimensionPlan(proposal_id=p.pk, dimension=world.dimensions[code],
                                           summary=PLANS[code].summary))
        plans = DimensionPlan.objects.bulk_create(plans)
        initiatives, indicators = [], []
        for plan in plans:
            content = PLANS[plan.dimension.code]
            title, description, millions = rng.choice(content.initiatives)
            initiatives.append(Initiative(plan=plan, title=title, description=description,
                                          budget_thb=Decimal(millions) * 1_000_000))
            for code, baseline, target in content.indicators:
                standard = world.indicators.get(code)
                indicators.append(PlanIndicator(
                    plan=plan, indicator=standard, name=standard.name_th if standard else code,
                    unit=standard.unit if standard else "%", baseline=Decimal(baseline), target=Decimal(target),
                    target_year=rng.randint(2026, 2030),
                ))
        Initiative.objects.bulk_create(initiatives)
        PlanIndicator.objects.bulk_create(indicators)

    def _resolutions(self, proposals, specs):
        """The resolution behind every decided move (unsaved), keyed by (proposal, time)."""
        found = {}
        for p, (_org, name_th, _en, _start, path) in zip(proposals, specs, strict=True):
            for action, at, meeting in path:
                if meeting is not None:
                    kind = DECIDED[action][1]
                    # Recorded at the step it decided: a resolution is never updated afterwards.
                    found[(p.pk, at)] = Resolution(
                        meeting=meeting, proposal_id=p.pk, kind=kind, recorded_by=self.world.office,
                        text=RESOLUTION_TEXT[kind].format(name=name_th), recorded_at=at,
                    )
        return found


def reserve_ids(model, n) -> list:
    """``n`` ids for new rows of ``model``, taken from its sequence so no other insert gets them."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, n])
            return [row[0] for row in cursor.fetchall()]
        # SQLite (small runs only): after the largest id; the inserts follow in this process.
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608
        top = cursor.fetchone()[0]
        return list(range(top + 1, top + n + 1))


def bench_proposals():
    return Proposal.objects.filter(created_by__username__startswith=PREFIX)


def clear() -> int:
    """Remove everything made by earlier runs. Returns the number of proposals removed.

    The history is append-only for the portal (its queryset refuses delete()); bench
    fixtures are not history, so their rows are removed here with plain SQL.
    """
    ids = list(bench_proposals().values_list("pk", flat=True))
    with transaction.atomic():
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # The database refuses DELETE on history, resolutions and closed agenda items (triggers,
                # for everyone). Invented bench rows are cleared by the database owner only, for this
                # transaction only: replica mode skips triggers, and needs a superuser, which the
                # portal's role is not in production.
                cursor.execute("SET LOCAL session_replication_role = replica")
        AgendaItem.objects.filter(proposal_id__in=ids).delete()
        with connection.cursor() as cursor:
            # The models refuse to delete the record too: plain SQL for these invented rows.
            for model in (StatusChange, Resolution):
                table = model._meta.db_table
                for start in range(0, len(ids), 10000):
                    chunk = ids[start:start + 10000]
                    cursor.execute(f"DELETE FROM {table} WHERE proposal_id IN ({','.join(['%s'] * len(chunk))})", chunk)  # noqa: S608
        for start in range(0, len(ids), 10000):
            Proposal.objects.filter(pk__in=ids[start:start + 10000]).delete()
        # The page benchmark's people (demo/benchpeople.py): their seats and assignments.
        BodyMembership.objects.filter(user__username__startswith=PREFIX).delete()
        EvaluatorAssignment.objects.filter(evaluator__username__startswith=PREFIX).delete()
        Meeting.objects.filter(created_by__username=OFFICE).delete()
        orgs = Membership.objects.filter(user__username__startswith=PREFIX).values("organisation_id")
        Organisation.objects.filter(pk__in=orgs).exclude(proposals__isnull=False).delete()
        get_user_model().objects.filter(username__startswith=PREFIX).delete()
    return len(ids)
