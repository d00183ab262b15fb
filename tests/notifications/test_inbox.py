"""The in-app list, the unread count on every page, marking read, and the preferences page."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from applications.enums import State
from applications.workflow import transition
from notifications import delivery
from notifications.kinds import Kind
from notifications.models import Channel, Notification, Preference
from notifications.services import preference_set
from tests import paths
from tests.factories import StaffFactory, UserFactory


def _moves(proposal, n):
    staff = StaffFactory()
    for _ in range(n):
        transition(proposal, "return_for_revision", by=staff, note="แก้ไข",
                   deadline=paths.deadline_after(paths.timezone.now()))
        transition(proposal, "resubmit", by=proposal.organisation.memberships.get().user)


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 3])
def test_the_list_and_the_unread_count_take_the_same_queries_for_1_or_3_rows(client, django_assert_num_queries,
                                                                              rows):
    proposal = paths.bring_to(State.SCREENING)
    user = proposal.organisation.memberships.get().user
    _moves(proposal, rows)
    client.force_login(user)
    client.get(reverse("notification-list"))  # warm the session
    # session, user, count (paginator), page of rows, unread count in the header
    with django_assert_num_queries(5):
        response = client.get(reverse("notification-list"))
    assert response.status_code == 200


@pytest.mark.django_db
def test_unread_count_on_every_page_and_marking_read(client):
    proposal = paths.bring_to(State.SCREENING)
    user = proposal.organisation.memberships.get().user
    _moves(proposal, 1)
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    assert unread >= 2
    client.force_login(user)
    home = client.get("/").content.decode()
    assert f'<span class="badge">{unread}<span class="visually-hidden"> ยังไม่ได้อ่าน</span></span>' in home

    first = Notification.objects.filter(recipient=user).first()
    client.post(reverse("notification-read", args=[first.pk]))
    first.refresh_from_db()
    assert first.read_at is not None
    assert f'<span class="badge">{unread - 1}<span class="visually-hidden">' in client.get("/").content.decode()
    client.post(reverse("notification-read-all"))
    assert not Notification.objects.filter(recipient=user, read_at__isnull=True).exists()
    assert 'class="badge"' not in client.get("/").content.decode()


@pytest.mark.django_db
def test_a_stranger_cannot_read_or_mark_anothers_notification(client):
    proposal = paths.bring_to(State.SUBMITTED, walk=True)
    note = Notification.objects.filter(recipient__memberships__organisation=proposal.organisation).first()
    client.force_login(UserFactory())
    assert client.post(reverse("notification-read", args=[note.pk])).status_code == 404
    assert note.subject not in client.get(reverse("notification-list")).content.decode()
    note.refresh_from_db()
    assert note.read_at is None


@pytest.mark.django_db
def test_preferences_page_saves_choices_and_keeps_legal_kinds_on_email(client):
    user = UserFactory(preferred_language="en")
    client.force_login(user)
    page = client.get(reverse("notification-preferences")).content.decode()
    # Exactly the legal kinds are shown locked: their channel and their digest box.
    assert set(re.findall(r'<select name="channel_(\w+)" disabled', page)) == {
        "revision_requested", "meeting_notice", "meeting_postponed", "meeting_cancelled"}
    assert set(re.findall(r'name="digest_(\w+)" disabled', page)) == {
        "revision_requested", "meeting_notice", "meeting_postponed", "meeting_cancelled"}
    data = {f"channel_{k}": "both" for k in Kind if k != Kind.DIGEST}
    data.update({"channel_status_change": "in_app", "channel_agenda_published": "email",
                 "digest_agenda_published": "on",
                 # A forged post trying to silence a legal kind:
                 "channel_revision_requested": "in_app", "digest_meeting_notice": "on"})
    response = client.post(reverse("notification-preferences"), data)
    assert response.status_code == 302
    prefs = {p.kind: (p.channel, p.digest) for p in Preference.objects.filter(user=user)}
    assert prefs[Kind.STATUS_CHANGE] == (Channel.IN_APP, False)
    assert prefs[Kind.AGENDA_PUBLISHED] == (Channel.EMAIL, True)
    assert Kind.REVISION_REQUESTED not in prefs and Kind.MEETING_NOTICE not in prefs
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        preference_set(user=user, kind=Kind.MEETING_NOTICE, channel=Channel.IN_APP)


@pytest.mark.django_db
def test_in_app_only_is_not_mailed_and_digest_gathers_mails_into_one(settings):
    proposal = paths.bring_to(State.SCREENING)
    user = proposal.organisation.memberships.get().user
    preference_set(user=user, kind=Kind.STATUS_CHANGE, channel=Channel.BOTH, digest=True)
    Notification.objects.update(sent_at=paths.timezone.now())  # the path here was delivered long ago
    staff = StaffFactory()
    for _ in range(2):
        transition(proposal, "return_for_revision", by=staff, note="x",
                   deadline=paths.deadline_after(paths.timezone.now()))
        transition(proposal, "resubmit", by=user)
    mail.outbox.clear()
    delivery.send_pending(None)
    mine = [m for m in mail.outbox if m.to == [user.email]]
    # The two revision requests (a legal deadline) came at once; the two status changes wait.
    assert len(mine) == 2 and all("revision" in m.subject.lower() or "แก้ไข" in m.subject for m in mine)
    assert delivery.send_digests() == 1
    digest = mail.outbox[-1]
    assert digest.to == [user.email] and "(2 " in digest.subject
    assert delivery.send_digests() == 0  # once

    preference_set(user=user, kind=Kind.STATUS_CHANGE, channel=Channel.IN_APP)
    mail.outbox.clear()
    transition(proposal, "return_for_revision", by=staff, note="x",
               deadline=paths.deadline_after(paths.timezone.now()))
    transition(proposal, "resubmit", by=user)
    delivery.send_pending(None)
    assert [m.to for m in mail.outbox if m.to == [user.email]] == [[user.email]]  # the revision request only
    assert Notification.objects.filter(recipient=user, kind=Kind.STATUS_CHANGE, by_email=False).exists()
