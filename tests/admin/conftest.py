import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.urls import reverse

from accounts.models import ApiToken, Invitation, SecondFactorReset
from applications.amendments.services import amendment_decide, amendment_request
from applications.enums import State
from applications.models import Attachment, StepDraft
from monitoring.models import IndicatorWeight, ProgressReport
from privacy.defaults import FIRST_NOTICE
from privacy.models import RetentionPeriod, SignInEvent
from privacy.services import notice_answer, notice_publish, request_create
from register.models import PublicRecord
from reviews.corrections.services import correction_record
from reviews.evaluation.services import score_submission_record
from reviews.models import (
    AgendaItem,
    Attendance,
    AttendanceEvent,
    ConflictDeclaration,
    Meeting,
    MeetingOpening,
    MinutesCertification,
    Resolution,
    ScoreReopening,
    SecretBallot,
    SecretParticipation,
    Vote,
    ZoneGroup,
)
from tests import paths
from tests.factories import BodyMembershipFactory, StaffFactory, UserFactory
from tests.monitoring.helpers import accepted


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True)


@pytest.fixture
def officer(db):
    """Office staff as the project makes them: the flag and is_staff, no Django permissions."""
    return StaffFactory()


@pytest.fixture
def en(client):
    # Tests that read messages word for word choose English, as the language switch does.
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def url(model, view="changelist", *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def messages_of(response):
    return [(m.level, str(m)) for m in get_messages(response.wsgi_request)]


def certified_with_everything():
    """A certified proposal and one row of every kind hanging off it, made the real way."""
    from notifications.models import Preference, WebhookEndpoint

    # Subscribed before the path is walked, so certifying writes a webhook delivery.
    WebhookEndpoint.objects.get_or_create(
        name="สำนักงานจังหวัด", defaults={"url": "https://hooks.example.go.th/sc", "secret": "s",
                                          "events": ["proposal.certify"]},
    )
    proposal = paths.bring_to(State.CERTIFIED, walk=True)
    member = proposal.organisation.memberships.first().user
    Preference.objects.create(user=member, kind="status_change", channel="both", digest=True)
    ProgressReport.objects.create(
        proposal=proposal, period_end=proposal.certified_on, progress_percent=55, submitted_by=member,
    )
    # A stored name is enough for the admin, which never shows the file itself.
    Attachment.objects.create(
        proposal=proposal, kind="full_plan", file=f"proposals/{proposal.pk}/x", original_name="แผน.pdf",
        content_type="application/pdf", size=1024, sha256="0" * 64, uploaded_by=member,
    )
    BodyMembershipFactory(term_start=proposal.certified_on)
    Invitation.objects.create(organisation=proposal.organisation, email="colleague@example.go.th", invited_by=member)
    ApiToken.objects.create(user=member, name="ระบบรายงานของเทศบาล")
    SecondFactorReset.objects.create(user=UserFactory(is_evaluator=True), by=StaffFactory(), reason="โทรศัพท์หาย")
    # Sign-in with ThaiD: a member's linked subject, and the Office's rule for the people who decide.
    from identity.models import LinkedIdentity, SignInRule

    LinkedIdentity.objects.create(user=member, provider="thaid", subject=f"thaid-{member.pk}", linked_by="email")
    SignInRule.objects.get_or_create(pk=1, defaults={"deciders": "password"})
    StepDraft.objects.create(proposal=proposal, step="area", user=member, data={"vision": "ร่าง"})
    item = AgendaItem.objects.filter(proposal=proposal).select_related("meeting").first()
    chair = UserFactory()
    Attendance.objects.create(meeting=item.meeting, member=chair, recorded_by=chair)
    ConflictDeclaration.objects.create(agenda_item=item, member=chair, reason="ผู้แทนจังหวัด")
    Vote.objects.create(agenda_item=item, member=UserFactory(), choice="approve")
    # The meeting's running (issue 15): its opening, an arrival, a secret ballot, the certification.
    MeetingOpening.objects.create(meeting=item.meeting, opened_by=chair)
    AttendanceEvent.objects.create(meeting=item.meeting, member=chair, kind="joined", channel="online",
                                   identity_check="password", recorded_by=chair)
    SecretParticipation.objects.create(agenda_item=item, member=chair)
    SecretBallot.objects.create(agenda_item=item, choice="approve")
    later = Meeting.objects.create(
        body=item.meeting.body, year_be=item.meeting.year_be,
        number=Meeting.objects.filter(body=item.meeting.body, year_be=item.meeting.year_be).count() + 100,
        held_at=item.meeting.held_at + datetime.timedelta(days=30),
    )
    MinutesCertification.objects.create(meeting=item.meeting, certified_at=later, by=StaffFactory(),
                                        note="รับรองโดยไม่มีการแก้ไข")
    region = proposal.organisation.province.region_four
    ZoneGroup.objects.get_or_create(number=1, region=region, defaults={"announced_on": proposal.certified_on})
    # The city's first annual report, accepted: its results and its steps.
    accepted(proposal, ["15", "15"])
    IndicatorWeight.objects.create(indicator=proposal.plans.first().indicators.first(), weight=2)
    PublicRecord.objects.create(proposal=proposal, round=1, source="ราชกิจจานุเบกษา", key=proposal.name_en)
    # The record's own history: scores frozen as submitted, a reopening, a correction.
    assignment = proposal.assignments.first()
    submission = score_submission_record(assignment=assignment, by=assignment.evaluator, at=assignment.submitted_at)
    office = StaffFactory()
    ScoreReopening.objects.create(assignment=assignment, submission=submission, by=office, reason="ตรวจทาน")
    correction_record(target=Resolution.objects.filter(proposal=proposal).first(), field="text",
                      value="มติที่ประชุม (ฉบับแก้ไข)", reason="พิมพ์ผิด", by=office)
    # An amendment of its public facts, asked for and accepted.
    amendment = amendment_request(proposal=proposal, by=member, changes={"name_en": f"{proposal.name_en} City"},
                                  reason="ชื่อภาษาอังกฤษตามประกาศ")
    amendment_decide(amendment=amendment, by=StaffFactory(), accept=True)
    # Personal data: a version of the privacy notice accepted by everyone, a request, a sign-in, a period.
    notice = notice_publish(by=office, **FIRST_NOTICE)
    for user in get_user_model().objects.all():
        notice_answer(user=user, notice=notice, accepted=True)
    request_create(user=member, kind="correction", details="นามสกุลสะกดผิด")
    SignInEvent.objects.create(user=member, address="127.0.0.1", user_agent="Firefox")
    RetentionPeriod.objects.get_or_create(key="sign_ins", defaults={"days": 180})
    # Its signed certificate, as issued (issue 19).
    from reviews.documents.issue import certificate_current

    certificate_current(proposal)
    return proposal


@pytest.fixture
def everything(db):
    return certified_with_everything()
