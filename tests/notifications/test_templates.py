"""Templates per kind and language: seeded, edited in the admin, checked, previewed, used."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from applications.enums import State
from applications.workflow import transition
from notifications import defaults, validators
from notifications.kinds import PLACEHOLDERS, Kind
from notifications.models import Notification, NotificationTemplate
from notifications.templates_load import load
from reviews.models import AgendaItem
from tests import paths
from tests.factories import StaffFactory, UserFactory


@pytest.fixture
def office(client):
    user = UserFactory(is_superuser=True, is_staff=True, is_office_staff=True)
    client.force_login(user)
    return client


def test_every_default_uses_only_its_documented_placeholders():
    for kind, languages in defaults.TEXTS.items():
        assert set(languages) == {"th", "en"}, kind
        for language in languages:
            for source in defaults.default(kind, language):
                validators.check(source, kind)


def test_an_unknown_placeholder_is_refused_by_name():
    with pytest.raises(ValidationError) as exc:
        validators.check("เรียน {{ recipient_name }} {{ proposal.organisation.secret }}", Kind.STATUS_CHANGE)
    assert "Unknown placeholder “proposal.organisation.secret”" in exc.value.messages[0]
    with pytest.raises(ValidationError, match="“deadline_date”"):
        validators.check("{% if deadline_date %}x{% endif %}", Kind.REVISION_REQUESTED)
    with pytest.raises(ValidationError, match="“nope”"):
        validators.check("{{ note|default:nope }}", Kind.STATUS_CHANGE)
    with pytest.raises(ValidationError, match="not allowed"):
        validators.check("{% include 'base.html' %}", Kind.STATUS_CHANGE)
    with pytest.raises(ValidationError, match="cannot be read"):
        validators.check("{% load static %}", Kind.STATUS_CHANGE)


@pytest.mark.django_db
def test_the_defaults_are_seeded_one_per_kind_and_language_and_reloading_keeps_edits():
    assert NotificationTemplate.objects.count() == 2 * len(Kind)
    row = NotificationTemplate.objects.get(kind=Kind.STATUS_CHANGE, language="en")
    row.subject = "Changed: {{ proposal_reference }}"
    row.save()
    assert load() == 0
    assert NotificationTemplate.objects.get(pk=row.pk).subject == "Changed: {{ proposal_reference }}"


@pytest.mark.django_db
def test_a_template_with_an_unknown_placeholder_cannot_be_saved_in_the_admin_or_in_code(office):
    row = NotificationTemplate.objects.get(kind=Kind.MEETING_NOTICE, language="th")
    url = reverse("admin:notifications_notificationtemplate_change", args=[row.pk])
    response = office.post(url, {
        "kind": row.kind, "language": "th", "subject": "เชิญประชุม {{ meeting_label }} {{ chair_phone }}",
        "text": row.text, "html": row.html,
    })
    assert response.status_code == 200
    assert "ไม่รู้จักตัวแทนข้อมูล “chair_phone”" in response.content.decode()  # Thai first
    assert NotificationTemplate.objects.get(pk=row.pk).subject == row.subject
    row.text = "{{ recipient.password }}"
    with pytest.raises(ValidationError):
        row.save()


@pytest.mark.django_db
def test_an_edited_template_is_what_the_recipient_gets_text_and_html(office):
    row = NotificationTemplate.objects.get(kind=Kind.STATUS_CHANGE, language="th")
    url = reverse("admin:notifications_notificationtemplate_change", args=[row.pk])
    response = office.post(url, {
        "kind": row.kind, "language": "th", "subject": "แจ้ง {{ proposal_reference }} เป็น {{ to_state }}",
        "text": "เรียน {{ recipient_name }} ขั้นตอนใหม่: {{ to_state }}",
        "html": "<p>ขั้นตอนใหม่: <b>{{ to_state }}</b> {{ proposal_name }}</p>",
    })
    assert response.status_code == 302
    proposal = paths.bring_to(State.SCREENING)
    proposal.name_th = "<script>เมือง</script>"
    proposal.save()
    change = transition(proposal, "declare_zone", by=StaffFactory())
    note = Notification.objects.get(status_change=change)
    assert note.subject == f"แจ้ง {proposal.reference} เป็น เขตส่งเสริมเมืองอัจฉริยะ"
    assert note.body.startswith("เรียน ")
    # Placeholders are escaped in the HTML, never in the text.
    assert "&lt;script&gt;" in note.html_body and "<b>เขตส่งเสริมเมืองอัจฉริยะ</b>" in note.html_body


@pytest.mark.django_db
def test_preview_shows_the_template_on_a_real_proposal(office):
    proposal = paths.bring_to(State.REVISION_REQUESTED)
    row = NotificationTemplate.objects.get(kind=Kind.REVISION_REQUESTED, language="th")
    url = reverse("admin:notifications_notificationtemplate_preview", args=[row.pk])
    page = office.get(url, {"proposal": proposal.pk}).content.decode()
    assert proposal.reference in page
    assert "ขอให้แก้ไข ภายใน" in page and " 25" in page  # the deadline in B.E.
    change_page = office.get(reverse("admin:notifications_notificationtemplate_change", args=[row.pk]))
    assert "{{ deadline }}" in change_page.content.decode()  # the placeholders, listed


@pytest.mark.django_db
def test_preview_fills_the_meeting_placeholders_from_the_last_meeting_the_proposal_went_to(office):
    # The meeting's placeholders come from reviews, registered in its ready(): notifications imports no reviews.
    proposal = paths.bring_to(State.REVISION_REQUESTED)
    went = paths.meeting("subcommittee", timezone.now() + datetime.timedelta(days=5))
    AgendaItem.objects.create(meeting=went, proposal=proposal)
    paths.meeting("committee", timezone.now() + datetime.timedelta(days=10))  # later, but not this proposal's
    row = NotificationTemplate.objects.get(kind=Kind.MEETING_NOTICE, language="th")
    url = reverse("admin:notifications_notificationtemplate_preview", args=[row.pk])
    page = office.get(url, {"proposal": proposal.pk}).content.decode()
    assert f"<p>{escape(f'[เมืองอัจฉริยะประเทศไทย] เชิญประชุมครั้งที่ {went.label} {went.body.name}')}</p>" in page


def test_every_placeholder_is_documented():
    from notifications.kinds import PLACEHOLDER_HELP

    assert {p for names in PLACEHOLDERS.values() for p in names} <= set(PLACEHOLDER_HELP)
