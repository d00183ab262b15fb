"""Issue 15, item 5: the evidence pack and the minutes of a meeting run on the portal, and the
certification of the minutes by the next meeting."""

import csv
import datetime
import hashlib
import io
import re
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from reviews.models import Correction, MinutesCertification
from reviews.sitting import certify, services
from reviews.sitting.evidence import evidence_zip
from reviews.voting.services import conflict_declare, item_close, vote_cast
from tests import paths

from .scenario import Sitting

pytestmark = pytest.mark.django_db

DECREE = "พระราชกำหนดว่าด้วยการประชุมผ่านสื่ออิเล็กทรอนิกส์ พ.ศ. 2563"


def finished():
    """Five join (one late, one in the room), a conflict, an open vote with a dissent, a secret vote."""
    s = Sitting()
    chair, m1, m2, m3, m4 = s.members
    s.join(chair, s.secretary, m1, m2)
    services.member_join(meeting=s.meeting, member=m3, channel="room", password="pw-123456")
    conflict_declare(item=s.item, member=m3, reason="เป็นที่ปรึกษาของเทศบาลผู้เสนอ")
    s.open_vote()
    s.join(m4)  # late: after the first vote opened
    vote_cast(item=s.item, member=chair, choice="approve")
    vote_cast(item=s.item, member=m1, choice="approve")
    vote_cast(item=s.item, member=m2, choice="not_approve", reason="งบประมาณไม่สอดคล้องกับแผน")
    vote_cast(item=s.item, member=m4, choice="approve")
    item_close(item=s.item, by=chair, text="เห็นชอบข้อเสนอ")
    second = s.items[1]
    s.open_vote(second, ballot="secret")
    second.refresh_from_db()
    choices = ["approve", "not_approve", "approve", "approve", "abstain"]
    for member, choice in zip([chair, m1, m2, m3, m4], choices, strict=True):
        vote_cast(item=second, member=member, choice=choice)
    item_close(item=second, by=chair, text="เห็นชอบโดยการลงคะแนนลับ")
    s.meeting.refresh_from_db()
    return s


def rows(archive, path):
    return list(csv.reader(io.StringIO(archive.read(path).decode("utf-8-sig"))))


def test_the_evidence_pack_holds_the_record_and_its_hashes_check_out():
    s = finished()
    archive = zipfile.ZipFile(io.BytesIO(evidence_zip(s.meeting)))
    names = set(archive.namelist())
    assert {"agenda.csv", "notice.csv", "attendance.csv", "conflicts.csv", "votes/item-1.csv", "votes/item-2.csv",
            "resolutions.csv", "dissents.csv", "minutes.pdf", "MANIFEST.sha256", "manifest.json"} == names
    for line in archive.read("MANIFEST.sha256").decode().splitlines():
        digest, path = line.split("  ", 1)
        assert hashlib.sha256(archive.read(path)).hexdigest() == digest
    attendance = rows(archive, "attendance.csv")
    assert [r[2] for r in attendance[1:]].count("เข้าประชุมช้า") == 1
    assert {r[5] for r in attendance[2:]} == {"เข้าสู่ระบบอีกครั้ง (รหัสผ่าน)"}
    dissents = rows(archive, "dissents.csv")
    assert dissents[1][1:] == [s.members[2].get_full_name(), "ไม่เห็นชอบ", "งบประมาณไม่สอดคล้องกับแผน"]
    assert len(dissents) == 2  # none from the secret ballot
    open_votes = rows(archive, "votes/item-1.csv")
    assert len(open_votes) == 5 and open_votes[1][0] == s.chair.get_full_name()


def test_the_pack_never_pairs_a_secret_choice_with_a_member():
    s = finished()
    archive = zipfile.ZipFile(io.BytesIO(evidence_zip(s.meeting)))
    secret = rows(archive, "votes/item-2.csv")
    counts = {r[0]: r[1] for r in secret[1:5]}
    assert counts == {"เห็นชอบ": "3", "เห็นชอบในหลักการ โดยให้แก้ไข": "0", "ไม่เห็นชอบ": "1", "งดออกเสียง": "1"}
    assert secret[6] == ["ผู้ร่วมลงคะแนนลับ"]
    voters = secret[7:]
    # Who took part, one name a row, with no choice and in name order (not the order they voted).
    assert all(len(r) == 1 for r in voters) and len(voters) == 6 - 1
    assert [r[0] for r in voters] == sorted(r[0] for r in voters)


def test_the_minutes_say_the_meeting_was_electronic_under_the_decree_and_read_back_in_thai():
    s = finished()
    archive = zipfile.ZipFile(io.BytesIO(evidence_zip(s.meeting)))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(archive.read("minutes.pdf"))).pages)
    # Read back as a person reads it: the line breaks and break hints (zero-width spaces) out, and
    # pypdf's stray "7" after the shaped SARA AM glyph (its ToUnicode map of Sarabun's ligature) dropped.
    flat = re.sub("(?<=\u0e33)7", "", text.replace("\u200b", "")).replace("\n", "")
    assert DECREE in flat
    assert "ลงคะแนนลับ" in flat
    assert "เห็นชอบข้อเสนอ" in flat
    assert "เข้าประชุมช้า" in flat


def test_a_room_only_meeting_is_not_called_electronic():
    s = Sitting()
    s.join(s.chair, channel="room")
    from reviews.sitting.presence import is_electronic

    assert is_electronic(s.meeting) is False
    s.join(s.members[1], channel="online")
    assert is_electronic(s.meeting) is True


def test_the_evidence_pack_downloads_for_the_office_and_not_for_the_body_s_members(client):
    s = finished()
    for person in (s.members[1], s.secretary, s.chair):
        client.force_login(person)
        assert client.get(reverse("meeting-evidence", args=[s.meeting.pk])).status_code == 403
    client.force_login(s.staff)
    response = client.get(reverse("meeting-evidence", args=[s.meeting.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert zipfile.ZipFile(io.BytesIO(response.content)).testzip() is None


def test_the_next_meeting_certifies_the_minutes_with_amendments_as_corrections():
    s = finished()
    later = paths.meeting("subcommittee", timezone.now() - datetime.timedelta(minutes=5))
    with pytest.raises(services.SittingError, match="later meeting"):
        certify.minutes_certify(meeting=later, at_meeting=s.meeting, by=s.staff)
    resolution = s.item.resolution if s.item.resolution_id else None
    s.item.refresh_from_db()
    resolution = s.item.resolution
    done = certify.minutes_certify(
        meeting=s.meeting, at_meeting=later, by=s.staff, note="รับรองรายงานการประชุมโดยมีการแก้ไข",
        amendments=[(resolution, {"text": "เห็นชอบข้อเสนอ ตามที่ฝ่ายเลขานุการเสนอ"}, "แก้ไขถ้อยคำตามมติที่ประชุม")],
    )
    assert done.amended is True
    assert Correction.objects.get(resolution=resolution).ordered_by == later
    with pytest.raises(services.SittingError, match="already certified"):
        certify.minutes_certify(meeting=s.meeting, at_meeting=later, by=s.staff)
    assert MinutesCertification.objects.count() == 1


def test_minutes_with_an_open_item_are_not_certified():
    s = Sitting()
    later = paths.meeting("subcommittee", timezone.now() - datetime.timedelta(minutes=5))
    with pytest.raises(services.SittingError, match="still open"):
        certify.minutes_certify(meeting=s.meeting, at_meeting=later, by=s.secretary)
    assert MinutesCertification.objects.count() == 0
