"""Version pages: the panel, one frozen version, and the comparison; strangers get 404."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from applications.enums import State
from applications.services import proposal_update
from applications.workflow import transition
from tests import paths
from tests.factories import StaffFactory, proponent


def member_of(proposal):
    return proposal.organisation.memberships.select_related("user").first().user


def compare_url(proposal, old, new):
    return reverse("version-compare", args=[proposal.pk]) + f"?from={old}&to={new}"


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def revised():
    """Version 1 as submitted; the vision changed and resubmitted as version 2."""
    proposal = paths.bring_to(State.REVISION_REQUESTED)
    member = member_of(proposal)
    proposal_update(proposal=proposal, by=member, data={"vision": "เมืองน่าอยู่ ปลอดภัย และยั่งยืน"})
    transition(proposal, "resubmit", by=member)
    proposal.refresh_from_db()
    return proposal


@pytest.mark.django_db
def test_compare_shows_the_vision_change_with_del_ins_and_no_change_elsewhere(english, revised):
    english.force_login(member_of(revised))
    response = english.get(compare_url(revised, 1, 2))
    assert response.status_code == 200
    text = response.content.decode()
    assert (
        '<dd class="diff">เมืองน่าอยู่ ปลอดภัย<ins><span class="visually-hidden">[added: </span> และยั่งยืน'
        '<span class="visually-hidden">]</span></ins></dd>'
    ) in text
    assert "<dt>Vision</dt>" in text
    assert text.count('<p class="no-change">No change.</p>') == 5
    sections = response.context["sections"]
    assert [s.key for s in sections if s.changed] == ["area"]


@pytest.mark.django_db
def test_compare_page_in_thai_says_no_change_in_thai(client, revised):
    client.force_login(member_of(revised))
    text = client.get(compare_url(revised, 1, 2)).content.decode()
    assert text.count('<p class="no-change">ไม่มีการเปลี่ยนแปลง</p>') == 5
    assert "เกณฑ์ข้อ 1: พื้นที่เป้าหมาย วิสัยทัศน์ และเป้าหมาย" in text


@pytest.mark.django_db
def test_compare_deleted_text_is_marked_del(english, revised):
    english.force_login(member_of(revised))
    text = english.get(compare_url(revised, 2, 1)).content.decode()
    assert (
        '<del><span class="visually-hidden">[deleted: </span> และยั่งยืน<span class="visually-hidden">]</span></del>'
    ) in text


@pytest.mark.django_db
def test_compare_across_dimension_added_and_removed(english):
    proposal = paths.bring_to(State.REVISION_REQUESTED)
    member = member_of(proposal)
    year = timezone.localdate().year + 2
    proposal_update(proposal=proposal, by=member, data={"plans": [
        {"dimension": "ENV", "summary": "แผน ENV",
         "initiatives": [{"title": "โครงการ ENV", "budget_thb": "1000000", "start_date": datetime.date(2026, 1, 1),
                          "end_date": datetime.date(2028, 12, 31)}],
         "indicators": [{"name": "ตัวชี้วัด ENV", "unit": "%", "baseline": "10", "target": "20", "target_year": year}]},
        {"dimension": "LIV", "summary": "แผนการดำรงชีวิตอัจฉริยะ",
         "initiatives": [{"title": "โครงการ LIV", "budget_thb": "1000000"}], "indicators": []},
    ]})
    transition(proposal, "resubmit", by=member)
    english.force_login(member)
    response = english.get(compare_url(proposal, 1, 2))
    assert response.status_code == 200
    (dims,) = [s.dimensions for s in response.context["sections"] if s.key == "dimensions"]
    assert [(d.code, d.status) for d in dims] == [("MOB", "removed"), ("LIV", "added")]
    text = response.content.decode()
    assert 'LIV Smart Living <span class="tag tag-added">dimension added</span>' in text
    assert 'MOB Smart Mobility <span class="tag tag-removed">dimension removed</span>' in text
    assert "<ins><span class=\"visually-hidden\">[added: </span>แผนการดำรงชีวิตอัจฉริยะ" in text
    assert "<del><span class=\"visually-hidden\">[deleted: </span>โครงการ MOB · 1,000,000 baht" in text
    assert [s.key for s in response.context["sections"] if s.changed] == ["dimensions"]


@pytest.mark.django_db
def test_compare_latest_with_the_current_draft(english):
    proposal = paths.bring_to(State.REVISION_REQUESTED)
    member = member_of(proposal)
    proposal_update(proposal=proposal, by=member, data={"goals": "ลดการปล่อยคาร์บอนร้อยละ 2 ต่อปี"})
    english.force_login(member)
    response = english.get(compare_url(proposal, 1, "current"))
    assert response.status_code == 200
    (change,) = response.context["sections"][0].changes
    assert (change.label, change.old, change.new) == ("Goals", "ลดการปล่อยคาร์บอน", "ลดการปล่อยคาร์บอนร้อยละ 2 ต่อปี")
    assert "the current draft" in response.content.decode()
    # the panel links to it while the draft is being revised
    detail = english.get(reverse("proposal-detail", args=[proposal.pk])).content.decode()
    assert compare_url(proposal, 1, "current").replace("&", "&amp;") in detail


@pytest.mark.django_db
def test_compare_same_version_twice_is_an_error_next_to_the_field(english, revised):
    english.force_login(member_of(revised))
    response = english.get(compare_url(revised, 2, 2))
    assert response.status_code == 400
    assert response.context["form"].errors["to"] == ["Choose two different versions."]
    assert 'role="alert"' in response.content.decode()


@pytest.mark.django_db
def test_compare_without_parameters_shows_the_last_two(english, revised):
    english.force_login(StaffFactory())
    response = english.get(reverse("version-compare", args=[revised.pk]))
    assert response.status_code == 200
    assert (response.context["old"].number, response.context["new"].number) == (1, 2)


@pytest.mark.django_db
def test_version_detail_shows_the_frozen_content_read_only(english, revised):
    english.force_login(member_of(revised))
    response = english.get(reverse("version-detail", args=[revised.pk, 1]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "<dt>Vision</dt><dd>เมืองน่าอยู่ ปลอดภัย</dd>" in text
    assert "และยั่งยืน" not in text
    assert "Frozen on" in text and "“Submit”" in text
    assert "<form" not in text.split('<main id="main"', 1)[1].split("</main>")[0].replace(
        'action="/i18n/setlang/"', "")
    assert "<h3>ENV Smart Environment</h3>" in text


@pytest.mark.django_db
def test_version_detail_in_thai_shows_buddhist_era_date(client, revised):
    from core.thai import thai_date

    client.force_login(member_of(revised))
    version = revised.versions.get(number=2)
    text = client.get(reverse("version-detail", args=[revised.pk, 2])).content.decode()
    assert thai_date(version.created_at) in text


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["stranger", "anonymous"])
def test_version_and_compare_pages_404_for_strangers(client, revised, who):
    if who == "stranger":
        client.force_login(proponent())
    assert client.get(reverse("version-detail", args=[revised.pk, 1])).status_code == 404
    assert client.get(compare_url(revised, 1, 2)).status_code == 404


@pytest.mark.django_db
def test_unknown_version_404(client, revised):
    client.force_login(member_of(revised))
    assert client.get(reverse("version-detail", args=[revised.pk, 3])).status_code == 404
    assert client.get(compare_url(revised, 1, 3)).status_code == 400  # not among the choices


@pytest.mark.django_db
def test_public_proposal_versions_are_dossier_not_public(english):
    # The proposal page of a declared zone is public; its frozen versions are the
    # dossier, for the people working on it only.
    proposal = paths.bring_to(State.PROMOTION_ZONE)
    assert english.get(reverse("proposal-detail", args=[proposal.pk])).status_code == 200
    assert english.get(reverse("version-detail", args=[proposal.pk, 1])).status_code == 404
    assert english.get(compare_url(proposal, 1, "current")).status_code == 404


@pytest.mark.django_db
def test_panel_lists_versions_with_thai_date_and_step(client):
    from core.thai import thai_date

    proposal = paths.bring_to(State.REVISION_REQUESTED, steps=[
        "submit", "screen", "return_for_revision", "resubmit", "return_for_revision",
    ])
    client.force_login(member_of(proposal))
    text = client.get(reverse("proposal-detail", args=[proposal.pk])).content.decode()
    panel = text[text.index('id="versions"'):text.index("</section>", text.index('id="versions"'))]
    for version in proposal.versions.all():
        assert f'href="/proposals/{proposal.pk}/versions/{version.number}/"' in panel
        assert thai_date(version.created_at) in panel
    assert f'href="/proposals/{proposal.pk}/versions/compare/?from=1&amp;to=2"' in panel


def _three_versions():
    return ["submit", "screen", "return_for_revision", "resubmit", "return_for_revision",
            "resubmit", "return_for_revision"]


@pytest.mark.django_db
def test_versions_panel_queries_do_not_grow_with_rows(client):
    """The same page with 1 and with 3 versions costs the same number of queries."""
    counts = []
    for steps in (["submit", "screen", "return_for_revision"], _three_versions()):
        proposal = paths.bring_to(State.REVISION_REQUESTED, steps=steps)
        client.force_login(member_of(proposal))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("proposal-detail", args=[proposal.pk]))
        assert response.status_code == 200
        counts.append((proposal.versions.count(), len(queries)))
    assert [n for n, _ in counts] == [1, 3]
    assert counts[0][1] == counts[1][1]
