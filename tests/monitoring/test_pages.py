"""The report pages: a city writes and submits, the Office accepts or returns; strangers get 404."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from applications.enums import Action, State
from applications.workflow import transition
from monitoring.enums import ReportState
from monitoring.models import AnnualReport
from notifications.models import Notification
from tests.annexes.conftest import pdf_bytes, png_bytes, upload
from tests.factories import StaffFactory, proponent

from .helpers import accepted, certified, member_of, report_with

pytestmark = pytest.mark.django_db
TH = {"HTTP_ACCEPT_LANGUAGE": "th"}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _start(client, city):
    client.force_login(member_of(city))
    year = timezone.localdate().year
    response = client.post(f"/monitoring/cities/{city.pk}/reports/", {"year": year}, **TH)
    assert response.status_code == 302
    return AnnualReport.objects.get(proposal=city, year=year)


def _form_data(report, values, **extra):
    data = {"summary": "ดำเนินการตามแผน"}
    for row, value in zip(report.results.order_by("indicator_id"), values, strict=True):
        data[f"value-{row.pk}"] = value
        data[f"comment-{row.pk}"] = ""
    for row in report.initiatives.all():
        data[f"status-{row.pk}"] = "in_progress"
        data[f"spent-{row.pk}"] = "250000"
        data[f"icomment-{row.pk}"] = ""
    data.update(extra)
    return data


def test_city_writes_submits_and_staff_accept(client, media):
    city = certified()
    report = _start(client, city)
    page = client.get(f"/monitoring/reports/{report.pk}/edit/", **TH)
    assert page.status_code == 200
    assert "ปี" in page.content.decode() or str(report.year + 543) in page.content.decode()
    first = report.results.order_by("indicator_id").first()
    data = _form_data(report, ["15", "20"], submit="1")
    data[f"evidence-{first.pk}"] = upload("photo.png", png_bytes())
    response = client.post(f"/monitoring/reports/{report.pk}/edit/", data, **TH)
    assert response.status_code == 302, response.content.decode()[:2000]
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    first.refresh_from_db()
    assert (first.evidence_name, first.evidence_type) == ("photo.png", "image/png")
    # The Office hears of it in the same transaction.
    assert Notification.objects.filter(event="report.submit", recipient__is_office_staff=True).exists()
    # The city may not change it now.
    assert client.get(f"/monitoring/reports/{report.pk}/edit/").status_code == 302
    staff = StaffFactory()
    client.force_login(staff)
    detail = client.get(f"/monitoring/reports/{report.pk}/", **TH).content.decode()
    assert "75.0 %" in detail  # (50 + 100) / 2
    client.post(f"/monitoring/reports/{report.pk}/decide/", {"decision": "accept"})
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED  # not without the confirmation tick
    client.post(f"/monitoring/reports/{report.pk}/decide/", {"decision": "accept", "confirm": "yes"})
    report.refresh_from_db()
    assert report.state == ReportState.ACCEPTED and report.progress_percent == 75
    assert city.progress_reports.get().progress_percent == 75
    assert (
        Notification.objects.filter(event="report.accept", proposal=city).count()
        == city.organisation.memberships.count()
    )
    assert list(report.events.values_list("action", flat=True)) == ["start", "submit", "accept"]
    # The public page shows the point and the values.
    client.logout()
    public = client.get(f"/register/cities/{city.pk}/", **TH).content.decode()
    assert 'class="point"' in public
    assert f"{report.year + 543}: 75.0 %" in public
    assert "<script" not in public


def test_errors_are_shown_next_to_the_field_in_thai(client, media):
    city = certified()
    report = _start(client, city)
    first = report.results.order_by("indicator_id").first()
    data = _form_data(report, ["abc", "20"])
    data[f"evidence-{first.pk}"] = upload("scan.pdf", b"not a pdf at all")
    response = client.post(f"/monitoring/reports/{report.pk}/edit/", data, **TH)
    assert response.status_code == 400
    html = response.content.decode()
    assert "errorlist" in html and "กรอกหมายเลข" in html
    # Saved nothing, file refused by content.
    data[f"value-{first.pk}"] = "15"
    data[f"evidence-{first.pk}"] = upload("scan.pdf", b"not a pdf at all")
    response = client.post(f"/monitoring/reports/{report.pk}/edit/", data, **TH)
    assert response.status_code == 400
    assert "ตรวจจากเนื้อหาของแฟ้ม" in response.content.decode()
    first.refresh_from_db()
    assert first.value is None and not first.evidence


def test_missing_value_needs_a_reason_before_submission(client, media):
    city = certified()
    report = _start(client, city)
    response = client.post(f"/monitoring/reports/{report.pk}/edit/", _form_data(report, ["15", ""], submit="1"), **TH)
    assert response.status_code == 400
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT
    second = report.results.order_by("indicator_id").last()
    second.refresh_from_db()
    assert report.results.order_by("indicator_id").first().value == 15  # what was typed is kept
    data = _form_data(report, ["15", ""], submit="1")
    data[f"comment-{second.pk}"] = "ระบบตรวจวัดยังไม่ติดตั้ง"
    assert client.post(f"/monitoring/reports/{report.pk}/edit/", data).status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED


def test_returned_report_is_edited_and_resubmitted(client, media):
    city = certified()
    report = report_with(city, ["12", "12"])
    staff = StaffFactory()
    client.force_login(staff)
    client.post(f"/monitoring/reports/{report.pk}/decide/", {"decision": "return", "note": ""})
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED  # a return needs its notes
    client.post(f"/monitoring/reports/{report.pk}/decide/", {"decision": "return", "note": "แนบหลักฐานตัวชี้วัดที่ 1"})
    report.refresh_from_db()
    assert report.state == ReportState.RETURNED
    client.force_login(member_of(city))
    edit = client.get(f"/monitoring/reports/{report.pk}/edit/").content.decode()
    assert "แนบหลักฐานตัวชี้วัดที่ 1" in edit
    first = report.results.order_by("indicator_id").first()
    data = _form_data(report, ["14", "12"], submit="1")
    data[f"evidence-{first.pk}"] = upload("evidence.pdf", pdf_bytes())
    assert client.post(f"/monitoring/reports/{report.pk}/edit/", data).status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    assert list(report.events.values_list("action", flat=True)) == ["start", "submit", "return", "submit"]
    download = client.get(f"/monitoring/reports/{report.pk}/evidence/{first.pk}/")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"


def test_strangers_get_404(client, media):
    city = certified()
    report = report_with(city, ["15", "15"])
    client.force_login(proponent())
    for url in (
        f"/monitoring/cities/{city.pk}/reports/",
        f"/monitoring/reports/{report.pk}/",
        f"/monitoring/reports/{report.pk}/edit/",
        "/monitoring/overview/",
        "/monitoring/overview.csv",
    ):
        assert client.get(url).status_code == 404, url
    accept = {"decision": "accept", "confirm": "yes"}
    assert client.post(f"/monitoring/reports/{report.pk}/decide/", accept).status_code == 404
    # The city's own proponent cannot accept its own report.
    client.force_login(member_of(city))
    assert client.post(f"/monitoring/reports/{report.pk}/decide/", accept).status_code == 404
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED


def test_renewal_panel_shows_the_progress_and_the_guard(client):
    city = certified(State.RENEWAL)
    accepted(city, ["14.99", "14.99"])
    client.force_login(StaffFactory())
    html = client.get(f"/monitoring/cities/{city.pk}/reports/", **TH).content.decode()
    assert "49.9 %" in html
    assert "ความคืบหน้า 49.9 % ต่ำกว่าเกณฑ์ 50 %" in html


def _overview_queries(client, n):
    staff = StaffFactory()
    for i in range(n):
        city = certified()
        if i % 2 == 0:
            accepted(city, ["15", "20"])
    client.force_login(staff)
    client.get("/monitoring/overview/")  # warm the session and the user
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/monitoring/overview/")
    assert response.status_code == 200
    with CaptureQueriesContext(connection) as csv_queries:
        csv = client.get("/monitoring/overview.csv")
    return len(queries), len(csv_queries), response, csv


def test_overview_query_count_does_not_grow_with_cities(client, django_db_blocker):
    one = _overview_queries(client, 1)
    AnnualReport.objects.all().count()
    three = _overview_queries(client, 2)  # 1 + 2 = 3 cities now
    assert one[0] == three[0]
    assert one[1] == three[1]
    body = three[3].content.decode("utf-8")
    assert body.startswith("\ufeff")
    assert body.count("\n") == 1 + 3


def test_overview_lists_not_reported_and_due(client):
    late = certified()
    due = certified(years_ago=4)
    transition(due, Action.APPLY_RENEWAL, by=member_of(due))
    report_with(late, ["15", "15"], submit=False)
    client.force_login(StaffFactory())
    response = client.get("/monitoring/overview/", **TH)
    rows = {r["city"].pk: r for r in response.context["rows"]}
    assert rows[late.pk]["reported"] is False and rows[late.pk]["renewal_due"] is False
    assert rows[due.pk]["renewal_due"] is True


def test_city_reports_page_query_count_same_for_1_and_3_reports(client):
    city = certified(years_ago=3)
    member = member_of(city)
    year = timezone.localdate().year
    report_with(city, ["15", "15"], year=year)
    client.force_login(member)
    url = f"/monitoring/cities/{city.pk}/reports/"
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    report_with(city, ["15", "15"], year=year - 1)
    report_with(city, ["15", "15"], year=year - 2)
    with CaptureQueriesContext(connection) as three:
        response = client.get(url)
    assert len(response.context["reports"]) == 3
    assert len(one) == len(three)


def test_english_switch_shows_gregorian_years_and_english_words(client, settings):
    city = certified()
    accepted(city, ["15", "20"])
    client.force_login(StaffFactory())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    year = timezone.localdate().year
    html = client.get("/monitoring/overview/").content.decode()
    assert "Certified cities: reports and renewals" in html
    assert f"Report {year}" in html and f"Report {year + 543}" not in html
    public = client.get(f"/register/cities/{city.pk}/").content.decode()
    assert "Progress reported each year" in public
    assert f"{year}: 75.0 %" in public


def test_notifications_speak_the_recipients_language_with_its_year(client, media):
    city = certified()
    member = member_of(city)
    member.preferred_language = "en"
    member.save()
    report = report_with(city, ["15", "15"])
    from monitoring import services

    services.report_accept(report=report, by=StaffFactory())
    year = timezone.localdate().year
    english = Notification.objects.get(event="report.accept", recipient=member)
    assert f"Annual report {year} of" in english.subject and "Accepted" in english.subject
    assert "Plan progress: 50.0 %" in english.body
    staff_note = Notification.objects.filter(event="report.submit", recipient__is_office_staff=True).first()
    assert f"รายงานประจำปี {year + 543}" in staff_note.subject
