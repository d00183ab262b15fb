"""The evidence pack of a meeting: one ZIP the Office keeps and can hand to an auditor.

Emergency Decree on Electronic Meetings B.E. 2563 (พ.ร.ก. ว่าด้วยการประชุมผ่านสื่ออิเล็กทรอนิกส์
พ.ศ. 2563) and the MDES standard of the same year: who was called and when each received the
notice, who joined, when and how they were identified, when they left, how each member voted
where the vote was open (only the counts and who took part where it was secret), the
resolutions, the dissents and the minutes. ``MANIFEST.sha256`` lists the SHA-256 of every file
in ``sha256sum -c`` form (and ``manifest.json`` the same, with sizes), so a copy can be checked.

Read straight from the models; the pack holds nothing that links a secret ballot to its voter
(the ballots have neither member nor time, and only their counts are written).
"""

import hashlib
import io
import json
import zipfile

from defusedcsv import csv  # a cell starting =, +, -, @ is written '= ...: no formula runs in a spreadsheet
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from notifications.models import Notification

from ..documents.minutes import minutes_pdf
from ..enums import Presence, VoteChoice
from ..meetings.selectors import meeting_date, members_on
from ..models import AgendaItem, ConflictDeclaration, Vote
from . import presence, secret

NOTICE_EVENTS = ("meeting.notice",)


def _when(value) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else ""


def _name(user) -> str:
    return user.get_full_name() or user.username


def _csv(header, rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # a BOM: spreadsheets then read the Thai as UTF-8


def notices(meeting, seats) -> list:
    """Each member's notice of the meeting: (seat, notification or None). The outbox row names no
    meeting, so it is the member's ``meeting.notice`` whose text carries this meeting's link."""
    link = reverse("meeting-detail", args=[meeting.pk])
    rows = Notification.objects.filter(
        event__in=NOTICE_EVENTS, recipient_id__in=[s.user_id for s in seats], body__contains=link,
    ).order_by("created_at", "id")
    first = {}
    for row in rows:
        first.setdefault(row.recipient_id, row)
    return [(seat, first.get(seat.user_id)) for seat in seats]


def _items(meeting):
    return list(
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("proposal__organisation", "resolution", "closed_by", "voting_opened_by")
        .prefetch_related(
            Prefetch("conflicts", queryset=ConflictDeclaration.objects.select_related("member").order_by("id")),
            Prefetch("votes", queryset=Vote.objects.select_related("member").order_by("cast_at", "id")),
        )
        .order_by("order", "id")
    )


def files(meeting) -> dict:
    """``{path in the ZIP: bytes}``, in Thai (the record's language)."""
    with translation.override("th"):
        return _files(meeting)


def _files(meeting) -> dict:
    seats = list(members_on(meeting.body, meeting_date(meeting)))
    role = {s.user_id: str(s.get_role_display()) for s in seats}
    items = _items(meeting)
    out = {}
    out["agenda.csv"] = _csv(
        [_("Item"), _("Reference"), _("Proposal"), _("Proponent"), _("Ballot"), _("Vote opened"), _("Closed")],
        [[i.order, i.proposal.reference, i.proposal.name, i.proposal.organisation.name, i.get_ballot_display(),
          _when(i.voting_opened_at), _when(i.closed_at)] for i in items],
    )
    out["notice.csv"] = _csv(
        [_("Member"), _("Role"), _("Notice sent"), _("Notice written to the member"), _("E-mailed"),
         _("Read in the portal")],
        [[_name(seat.user), role[seat.user_id], _when(meeting.notice_sent_at),
          _when(n.created_at) if n else "", _when(n.sent_at) if n else "", _when(n.read_at) if n else ""]
         for seat, n in notices(meeting, seats)],
    )
    out["attendance.csv"] = _attendance(meeting, role)
    rows = []
    for item in items:
        for c in item.conflicts.all():
            rows.append([item.order, _name(c.member), c.reason, _when(c.declared_at)])
    out["conflicts.csv"] = _csv([_("Item"), _("Member"), _("Reason"), _("Declared")], rows)
    dissents = []
    for item in items:
        out[f"votes/item-{item.order}.csv"] = _votes(item)
        if item.resolution_id and not item.is_secret:
            decided = item.resolution.kind
            dissents += [[item.order, _name(v.member), v.get_choice_display(), v.reason]
                         for v in item.votes.all() if v.choice not in (decided, VoteChoice.ABSTAIN)]
    out["resolutions.csv"] = _csv(
        [_("Item"), _("Reference"), _("Resolution"), _("Text of the resolution"), _("Conditions"), _("Closed"),
         _("Closed by")],
        [[i.order, i.proposal.reference, i.resolution.effective_kind_display, i.resolution.effective_text,
          i.resolution.conditions, _when(i.closed_at), _name(i.closed_by) if i.closed_by else ""]
         for i in items if i.resolution_id],
    )
    out["dissents.csv"] = _csv([_("Item"), _("Member"), _("Vote"), _("Reason")], dissents)
    out["minutes.pdf"] = minutes_pdf(meeting)
    return out


def _attendance(meeting, role) -> bytes:
    header = [_("Member"), _("Role"), _("Event"), _("Time"), _("Where"), _("Identity check"), _("Recorded by")]
    if presence.is_sitting(meeting):
        opening = presence.opening_of(meeting)
        rows = [[_name(opening.opened_by), role.get(opening.opened_by_id, ""), _("Opened the meeting"),
                 _when(opening.opened_at), "", "", _name(opening.opened_by)]]
        for stay in presence.stays(meeting):
            for e in stay.events:
                event = e.get_kind_display()
                if e.kind == Presence.JOINED and stay.late and e is stay.first_joined:
                    event = _("Joined late")
                rows.append([_name(e.member), role.get(e.member_id, ""), event, _when(e.at), e.get_channel_display(),
                             e.get_identity_check_display(), _name(e.recorded_by)])
        return _csv(header, rows)
    # A meeting run before issue 15: the secretary's roll call, present or absent for the whole meeting.
    rows = [[_name(a.member), role.get(a.member_id, ""), _("present") if a.present else _("absent"),
             _when(a.recorded_at), "", _("Roll call by the secretary"), _name(a.recorded_by)]
            for a in meeting.attendance.select_related("member", "recorded_by").order_by("member_id")]
    return _csv(header, rows)


def _votes(item) -> bytes:
    if item.is_secret:
        # The counts, then who took part (by name, not in the order they voted): never who chose what.
        counted = secret.counts(item)
        rows = [[VoteChoice(c).label, n] for c, n in counted.items()]
        rows.append([])
        rows.append([_("Took part in the secret ballot")])
        rows += [[_name(u)] for u in secret.participants(item)]
        return _csv([_("Secret ballot: choice"), _("Votes")], rows)
    return _csv([_("Member"), _("Vote"), _("Reasons"), _("Cast")],
                [[_name(v.member), v.get_choice_display(), v.reason, _when(v.cast_at)] for v in item.votes.all()])


def manifest(contents: dict) -> tuple[bytes, bytes]:
    """(``MANIFEST.sha256`` in ``sha256sum`` form, ``manifest.json``) of ``contents``."""
    digests = {path: hashlib.sha256(data).hexdigest() for path, data in sorted(contents.items())}
    text = "".join(f"{digest}  {path}\n" for path, digest in digests.items()).encode()
    listing = [{"path": p, "sha256": d, "bytes": len(contents[p])} for p, d in digests.items()]
    return text, json.dumps({"files": listing}, ensure_ascii=False, indent=2).encode("utf-8")


def evidence_zip(meeting) -> bytes:
    contents = files(meeting)
    sums, listing = manifest(contents)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in sorted(contents.items()):
            archive.writestr(path, data)
        archive.writestr("MANIFEST.sha256", sums)
        archive.writestr("manifest.json", listing)
    return buffer.getvalue()
