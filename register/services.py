"""Writes of the register: loading the published record of certified areas.

The record is history already decided (subcommittee, committee, emblem), so
each area is written through the workflow's recorded-history API
(:func:`applications.workflow.record_history`): the same table of moves, roles,
dates and the real meetings' resolutions. The dossier behind those decisions
(plans, budgets, scores) is not public, so the guards that check a dossier's
completeness do not apply to recorded steps, and nothing is invented to
satisfy them: the page says what was not recorded.
"""

import csv
import dataclasses
import datetime
from collections import Counter
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accounts.models import Membership
from applications.enums import Action, Role
from applications.models import Proposal
from applications.workflow import Recorded, record_history
from core.thai import be_year
from provinces.models import Organisation, OrganisationKind, Province
from reviews.enums import BodyKind, ResolutionKind
from reviews.models import AgendaItem, Body, Meeting, Resolution

from .models import Confidence, PublicRecord

DATA = Path(__file__).resolve().parent / "data" / "certified_areas.csv"
IMPORTER = "public-record"
NOT_RECORDED = "ไม่ได้บันทึกไว้ในแหล่งข้อมูลสาธารณะ"
UNRECORDED_KIND = "unrecorded"

# Subcommittee meetings of the record: (year B.E., number) -> date held. 1/2564 is the
# announcement of 24 May 2021; 2/2564 and 1/2565 are dated only by what followed them
# (the committee's acknowledgement of 5 Nov 2021 and of 9 Nov 2022, "November 2022").
SUBCOMMITTEE_HELD = {
    (2564, 1): datetime.date(2021, 5, 24),
    (2564, 2): datetime.date(2021, 10, 1),
    (2565, 1): datetime.date(2022, 11, 2),
}
PLACE_NOT_RECORDED = "ไม่ได้บันทึกสถานที่ (บันทึกย้อนหลังจากแหล่งข้อมูลสาธารณะ)"


@dataclasses.dataclass(frozen=True)
class Row:
    round: int
    name_th: str
    name_en: str
    province_code: str
    subcommittee_meeting: str
    announced_on: datetime.date | None
    acknowledged_on: datetime.date | None
    confidence: str
    source: str

    @property
    def english_only(self) -> bool:
        return not self.name_th or self.confidence == Confidence.ENGLISH_NAME_ONLY


def _date(text):
    return datetime.date.fromisoformat(text) if text else None


def read_rows(path=DATA) -> list:
    with open(path, encoding="utf-8", newline="") as f:
        return [
            Row(int(r["round"]), r["name_th"].strip(), r["name_en"].strip(), r["province_code"].strip(),
                r["subcommittee_meeting"].strip(), _date(r["announced_on"]), _date(r["committee_acknowledged_on"]),
                r["confidence"].strip(), r["source"].strip())
            for r in csv.DictReader(f)
        ]


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _importer():
    """The office's account for recorded history: staff, no usable password (never signs in)."""
    user, _created = get_user_model().objects.get_or_create(
        username=IMPORTER,
        defaults={"is_office_staff": True, "first_name": "สำนักงานเมืองอัจฉริยะประเทศไทย"},
    )
    if _created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _unrecorded_kind():
    kind, _created = OrganisationKind.objects.get_or_create(
        code=UNRECORDED_KIND,
        defaults={"name_th": "ไม่ได้บันทึกประเภทหน่วยงาน", "name_en": "Kind not recorded",
                  "is_local_government": False, "order": 99},
    )
    return kind


class Loader:
    def __init__(self, counts):
        self.counts = counts
        self.by = _importer()
        self.kind = _unrecorded_kind()
        self.bodies = {b.kind: b for b in Body.objects.all()}
        self.provinces = {p.code: p for p in Province.objects.all()}

    # --- meetings -----------------------------------------------------------------------

    def subcommittee(self, row) -> Meeting:
        body = self.bodies[BodyKind.SUBCOMMITTEE]
        if row.subcommittee_meeting:
            number, year_be = (int(x) for x in row.subcommittee_meeting.split("/"))
            held = SUBCOMMITTEE_HELD[(year_be, number)]
            return self._meeting(body, year_be, number, _at(held, 9, 30))
        # Round 3: approved, announced on 27 July 2023; the meeting's number is not public.
        return self._meeting(body, None, None, _at(row.announced_on, 9, 30))

    def committee(self, day) -> Meeting:
        return self._meeting(self.bodies[BodyKind.COMMITTEE], None, None, _at(day, 13, 30))

    def _meeting(self, body, year_be, number, held_at) -> Meeting:
        if number is not None:
            meeting = Meeting.objects.filter(body=body, year_be=year_be, number=number).first()
        else:
            meeting = Meeting.objects.filter(body=body, held_at=held_at).first()
        if meeting is None:
            year_be = year_be or be_year(timezone.localtime(held_at).year)
            if number is None:
                number = (Meeting.objects.filter(body=body, year_be=year_be).aggregate(n=Max("number"))["n"] or 0) + 1
            meeting = Meeting.objects.create(
                body=body, year_be=year_be, number=number, held_at=held_at, place=PLACE_NOT_RECORDED
            )
            self.counts["meetings"] += 1
        return meeting

    # --- one area -------------------------------------------------------------------------

    def area(self, row) -> Proposal:
        province = self.provinces[row.province_code]
        name_th = row.name_th or row.name_en
        org, _created = Organisation.objects.get_or_create(
            name_en=f"Proponent of {row.name_en} (organisation not recorded)",
            defaults={"name_th": f"ผู้ยื่นข้อเสนอพื้นที่ {name_th} (ไม่ได้บันทึกชื่อหน่วยงาน)",
                      "kind": self.kind, "province": province},
        )
        Membership.objects.get_or_create(user=self.by, organisation=org)
        self.by._organisation_ids = None  # read again: the account now works for this organisation
        sub = self.subcommittee(row)
        decided = sub.held_at
        start = decided - datetime.timedelta(days=90)
        proposal = Proposal.objects.create(
            organisation=org, name_th=name_th, name_en=row.name_en, boundary_description="",
        )
        proposal.provinces.add(province)
        note = f"บันทึกย้อนหลังจากแหล่งข้อมูลสาธารณะ: {row.source}"
        # The office records every step; proponent steps are the proponent's, recorded for them.
        by = self.by
        steps = [
            Recorded(Action.CREATE, start, by, Role.PROPONENT),
            Recorded(Action.SUBMIT, start + datetime.timedelta(days=1), by, note=note),
            Recorded(Action.SCREEN, start + datetime.timedelta(days=2), by, note=note),
            Recorded(Action.DECLARE_ZONE, start + datetime.timedelta(days=10), by, note=note),
            Recorded(Action.SUBMIT_PLAN, start + datetime.timedelta(days=20), by, note=note),
            Recorded(Action.RECOMMEND, decided - datetime.timedelta(days=7), by, note=note),
        ]
        at = decided + datetime.timedelta(hours=4)
        resolution = self._resolution(
            sub, proposal, ResolutionKind.APPROVE, at,
            f"ที่ประชุมมีมติเห็นชอบให้{name_th}ได้รับการรับรองเป็นพื้นที่เมืองอัจฉริยะ ({row.source})",
        )
        self._decided_item(sub, proposal, resolution, at)
        steps.append(Recorded(Action.RESOLVE_APPROVE, at, by, resolution=resolution,
                              note=f"มติการประชุม{sub.body.name_th} ครั้งที่ {sub.label}"))
        if row.acknowledged_on:
            com = self.committee(row.acknowledged_on)
            at = com.held_at + datetime.timedelta(hours=2)
            resolution = self._resolution(
                com, proposal, ResolutionKind.ACKNOWLEDGE, at,
                f"ที่ประชุมรับทราบการรับรอง{name_th}เป็นพื้นที่เมืองอัจฉริยะ",
            )
            self._decided_item(com, proposal, resolution, at)
            steps.append(Recorded(Action.ACKNOWLEDGE, at, by, resolution=resolution,
                                  note=f"มติการประชุม{com.body.name_th} ครั้งที่ {com.label}"))
            # The day of the emblem handover is not public: recorded on the day of acknowledgement.
            steps.append(Recorded(Action.CERTIFY, at + datetime.timedelta(hours=1), by, note=note))
        record_history(proposal, steps)
        PublicRecord.objects.create(
            proposal=proposal, round=row.round, source=row.source, confidence=row.confidence,
            english_name_only=row.english_only, key=row.name_en,
        )
        last = proposal.history.order_by("-at").values_list("at", flat=True).first()
        Proposal.objects.filter(pk=proposal.pk).update(created_at=start, updated_at=last)
        return proposal

    def _decided_item(self, meeting, proposal, resolution, at) -> AgendaItem:
        # The record gives decisions: the item is closed with its resolution (no vote lands on it later).
        return AgendaItem.objects.create(
            meeting=meeting, proposal=proposal, order=meeting.agenda.count() + 1,
            resolution=resolution, closed_at=at, closed_by=self.by,
        )

    def _resolution(self, meeting, proposal, kind, at, text) -> Resolution:
        # Recorded when it was taken: a resolution is never updated afterwards.
        return Resolution.objects.create(
            meeting=meeting, proposal=proposal, kind=kind, text=text, recorded_by=self.by, recorded_at=at
        )


def load_public_record(path=DATA) -> Counter:
    """Create the areas of the record not yet loaded (by English name); a second run adds nothing."""
    counts = Counter()
    rows = read_rows(path)
    done = set(PublicRecord.objects.values_list("key", flat=True))
    todo = [r for r in rows if r.name_en not in done]
    counts["skipped"] = len(rows) - len(todo)
    if not todo:
        return counts
    # Oldest decisions first, so meeting numbers and references follow the record's order.
    todo.sort(key=lambda r: (r.round, r.subcommittee_meeting.split("/")[::-1] if r.subcommittee_meeting else []))
    with transaction.atomic():
        loader = Loader(counts)
        for row in todo:
            loader.area(row)
            counts["areas"] += 1
    return counts
