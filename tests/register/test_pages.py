import csv

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from applications.enums import State
from applications.models import Proposal
from applications.workflow import transition
from register.services import load_public_record
from tests.factories import ProposalFactory, StaffFactory
from tests.paths import bring_to

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def record():
    call_command("load_public_record", verbosity=0)


def test_register_lists_certified_and_approved_areas_in_thai(client, record):
    html = client.get("/register/", headers={"accept-language": "th"}).content.decode()
    assert "35" in html
    assert "นครเชียงรายสู่เมืองอัจฉริยะ" in html
    # Known only in English: shown in English on the Thai page too, and marked.
    page2 = client.get("/register/?page=2").content.decode()
    both = html + page2
    assert "Lampang Smart City" in both
    assert both.count('class="name-note"') == 7  # 6 of round 3 and Nakhon Sawan


def test_filters_and_thai_search(client, record):
    html = client.get("/register/", {"q": "เชียงราย"}).content.decode()
    assert "นครเชียงรายสู่เมืองอัจฉริยะ" in html
    assert "ภูเก็ตเมืองอัจฉริยะ" not in html
    html = client.get("/register/", {"q": "phuket"}).content.decode()
    assert "ภูเก็ตเมืองอัจฉริยะ" in html and "นครเชียงราย" not in html
    qs = Proposal.objects.filter(status=State.CERTIFIED)
    from register.selectors import city_list

    assert city_list({"state": "certified"}).count() == qs.count() == 29
    assert city_list({"state": "approved", "round": "3"}).count() == 6
    assert city_list({"province": "10"}).count() == 4  # Samyan, Rama 4, Khlong Phadung, Makkasan
    assert city_list({"year": "2565"}).count() == 15
    assert city_list({"year": "2021"}).count() == 14
    # Phitsanulok is North in the programme's 4 regions and Central in the official 6.
    north4 = set(city_list({"region": "north", "region_scheme": "four"}).values_list("name_en", flat=True))
    north6 = set(city_list({"region": "north", "region_scheme": "six"}).values_list("name_en", flat=True))
    assert "Phitsanulok Sustainable Smart City" in north4 - north6


def test_city_page_shows_the_record_in_buddhist_era(client, record):
    phuket = Proposal.objects.get(name_en="Phuket Smart City")
    html = client.get(f"/register/cities/{phuket.pk}/", headers={"accept-language": "th"}).content.decode()
    assert "ภูเก็ตเมืองอัจฉริยะ" in html
    assert f"SCT-2564-{phuket.pk:05d}" in html
    assert f'href="/reviews/documents/certificates/{phuket.pk}.pdf"' in html or f"/certificates/{phuket.pk}.pdf" in html
    assert "5 พฤศจิกายน 2564" in html  # certified
    # Valid until: the record states no end date (issue 7), so none is invented from the 3-year default.
    assert "5 พฤศจิกายน 2567" not in html
    assert "ตามประกาศ (แหล่งข้อมูลสาธารณะไม่ได้ระบุวันสิ้นสุด)" in html
    assert "24 พฤษภาคม 2564" in html  # the subcommittee's approval
    assert "1/2564" in html
    assert "opt-news.com/news/17453" in html
    assert "public-record" not in html
    # The steps before the subcommittee are not in the record: no invented dates for them.
    assert "เขตส่งเสริมเมืองอัจฉริยะ</strong>" not in html
    assert "คณะกรรมการขับเคลื่อนการพัฒนาเมืองอัจฉริยะ" in html


def test_non_public_proposals_are_not_found(client):
    draft = ProposalFactory()
    assert client.get(f"/register/cities/{draft.pk}/").status_code == 404
    assert client.get("/register/cities/999999/").status_code == 404


def test_a_newly_certified_city_shows_at_once(client, record):
    proposal = bring_to(State.ACKNOWLEDGED)
    Proposal.objects.filter(pk=proposal.pk).update(name_th="เมืองทดสอบอัจฉริยะ")  # no signal
    certified = {"q": "ทดสอบ", "state": "certified"}
    assert "เมืองทดสอบอัจฉริยะ" not in client.get("/register/", certified).content.decode()
    assert "เมืองทดสอบอัจฉริยะ" in client.get("/register/", {"q": "ทดสอบ"}).content.decode()
    # The page is cached: a change that bypasses the signals is not seen yet.
    Proposal.objects.filter(pk=proposal.pk).update(name_th="เมืองทดสอบสอง")
    assert "เมืองทดสอบสอง" not in client.get("/register/", {"q": "ทดสอบ"}).content.decode()
    transition(proposal, "certify", by=StaffFactory(), at=timezone.now())
    html = client.get("/register/", certified).content.decode()
    assert "เมืองทดสอบสอง" in html
    assert "state-certified" in html


def test_a_rename_clears_the_city_page(client, record):
    phuket = Proposal.objects.get(name_en="Phuket Smart City")
    assert "ภูเก็ตเมืองอัจฉริยะ" in client.get(f"/register/cities/{phuket.pk}/").content.decode()
    phuket.name_th = "ภูเก็ตนครอัจฉริยะ"
    phuket.save()
    assert "ภูเก็ตนครอัจฉริยะ" in client.get(f"/register/cities/{phuket.pk}/").content.decode()


def _many(tmp_path, n, start=0):
    path = tmp_path / f"rows{n}.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["round", "name_th", "name_en", "province_code", "subcommittee_meeting", "announced_on",
                    "committee_acknowledged_on", "confidence", "source"])
        for i in range(start, start + n):
            w.writerow([1, f"เมืองที่ {i}", f"City {i}", "50", "1/2564", "2021-05-24", "2021-11-05", "confirmed", "test"])
    load_public_record(path)


def _queries(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.slow
def test_pages_cost_the_same_with_1_and_200_rows(client, tmp_path):
    _many(tmp_path, 1)
    pk = Proposal.objects.get().pk
    urls = ["/register/", "/register/?q=City&region=north&region_scheme=four&state=certified&year=2564",
            f"/register/cities/{pk}/"]
    one = [_queries(client, url) for url in urls]
    more = tmp_path / "more"
    more.mkdir()
    _many(more, 199, start=1)
    assert Proposal.objects.count() == 200
    assert [_queries(client, url) for url in urls] == one
    assert max(one) <= 10


def test_a_cached_page_costs_no_query(client, record):
    client.get("/register/")
    with CaptureQueriesContext(connection) as ctx:
        client.get("/register/")
    assert len(ctx.captured_queries) == 0
