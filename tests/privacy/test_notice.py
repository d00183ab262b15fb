"""The privacy notice: shown at the first sign-in and at each new version; refusing keeps the public pages only."""

import pytest
from django.urls import reverse

from privacy.defaults import FIRST_NOTICE
from privacy.models import Acknowledgement, PrivacyNotice
from privacy.services import notice_answer, notice_publish
from reviews.records import RecordError
from tests.factories import StaffFactory, UserFactory, proponent

pytestmark = pytest.mark.django_db
NOTICE = reverse("privacy-notice")


def signed_in(client, user=None):
    user = user or proponent(privacy_notice_accepted=False)
    client.force_login(user)
    return user


def test_no_notice_published_sends_nobody_anywhere(client):
    signed_in(client)
    assert client.get(reverse("organisation")).status_code == 200


def test_signed_in_person_is_sent_to_the_notice_in_thai_until_accepted(client, notice):
    user = signed_in(client)
    response = client.get(reverse("organisation"))
    assert (response.status_code, response["Location"]) == (302, f"{NOTICE}?next=%2Faccounts%2Forganisation%2F")
    page = client.get(NOTICE)
    assert "ข้าพเจ้าได้อ่านประกาศแล้วและยอมรับ" in page.content.decode()
    assert FIRST_NOTICE["dpo_th"] in page.content.decode()
    answered = client.post(reverse("privacy-answer"), {"version": notice.version, "answer": "accept",
                                                       "next": "/accounts/organisation/"})
    assert answered["Location"] == "/accounts/organisation/"
    assert client.get(reverse("organisation")).status_code == 200
    ack = Acknowledgement.objects.get(user=user)
    assert (ack.notice_id, ack.accepted, ack.language) == (notice.pk, True, "th")


def test_notice_reads_in_english_for_an_english_reader(client, notice):
    signed_in(client)
    client.cookies["django_language"] = "en"
    html = client.get(NOTICE).content.decode()
    assert '<html lang="en">' in html
    assert "data protection officer (DPO): dpo@depa.or.th" in html


def test_refusal_keeps_the_public_pages_only(client, notice):
    user = signed_in(client)
    client.post(reverse("privacy-answer"), {"version": notice.version, "answer": "refuse"})
    assert Acknowledgement.objects.get(user=user).accepted is False
    for name in ("home", "city-list", "export-csv", "opendata-index", "privacy-notice"):
        assert client.get(reverse(name)).status_code == 200, name
    for name in ("organisation", "privacy-my-data", "notification-list", "api-tokens", "proposal-list"):
        response = client.get(reverse(name))
        assert (response.status_code, response["Location"].split("?")[0]) == (302, NOTICE), name
    api = client.get(reverse("v1-proposal-list"))
    assert (api.status_code, api.json()["code"]) == (403, "privacy_notice")
    assert client.get(reverse("v1-city-list")).status_code == 200


def test_a_new_version_is_asked_again_and_the_old_one_kept(client, notice):
    user = signed_in(client)
    notice_answer(user=user, notice=notice, accepted=True)
    assert client.get(reverse("organisation")).status_code == 200
    staff = StaffFactory()  # accepted the version in force, as the factories make people
    client.force_login(staff)
    texts = {**FIRST_NOTICE, "retention_th": "เก็บ 5 ปี"}
    response = client.post(reverse("privacy-notice-edit"), texts)
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert list(PrivacyNotice.objects.values_list("version", "retention_th")) == [
        (2, "เก็บ 5 ปี"), (1, FIRST_NOTICE["retention_th"])]
    client.force_login(user)
    assert client.get(reverse("organisation")).status_code == 302
    old = client.get(NOTICE + "?version=1").content.decode()
    assert FIRST_NOTICE["retention_th"] in old


def test_publishing_is_the_office_s_alone(client, notice):
    user = signed_in(client)
    notice_answer(user=user, notice=notice, accepted=True)
    assert client.post(reverse("privacy-notice-edit"), FIRST_NOTICE).status_code == 404
    staff = StaffFactory(privacy_notice_accepted=False)
    client.force_login(staff)  # not yet accepted: sent to the notice like anyone
    assert client.post(reverse("privacy-notice-edit"), FIRST_NOTICE).status_code == 302
    assert PrivacyNotice.objects.count() == 1


def test_versions_and_answers_are_append_only(notice):
    user = UserFactory()
    ack = Acknowledgement.objects.get(user=user)  # the factory's acceptance
    with pytest.raises(RecordError):
        notice.save()
    with pytest.raises(RecordError):
        ack.delete()
    with pytest.raises(RecordError):
        Acknowledgement.objects.update(accepted=False)


def test_answering_an_old_version_records_nothing(client, notice):
    user = signed_in(client)
    notice_publish(**FIRST_NOTICE)
    client.post(reverse("privacy-answer"), {"version": notice.version, "answer": "accept"})
    assert not Acknowledgement.objects.filter(user=user).exists()


def test_an_api_token_is_no_way_around_a_refused_or_unanswered_notice(client, notice):
    """A token call is authenticated by REST framework, after the notice's middleware: the token's
    own check refuses it until the person accepts, and lets it through once they have."""
    from accounts.services import api_token_issue

    user = proponent(privacy_notice_accepted=False)
    _row, key = api_token_issue(user=user, name="สคริปต์รายงาน")
    url = reverse("v1-proposal-list")

    def call():
        return client.get(url, HTTP_AUTHORIZATION=f"Token {key}")

    unanswered = call()
    assert (unanswered.status_code, unanswered.json()["code"]) == (403, "privacy_notice")
    notice_answer(user=user, notice=notice, accepted=False)
    refused = call()
    assert (refused.status_code, refused.json()["code"]) == (403, "privacy_notice")
    notice_answer(user=user, notice=notice, accepted=True)
    assert call().status_code == 200
