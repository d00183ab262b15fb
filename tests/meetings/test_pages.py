"""Members' pages: my meetings, a meeting, an agenda item; scoped to the body's members."""

import pytest
from django.urls import reverse

from applications.enums import State
from reviews.meetings.services import agenda_add
from reviews.models import ConflictDeclaration
from tests import paths
from tests.factories import StaffFactory, UserFactory, proponent

from .helpers import body, held, in_days, schedule, seat


@pytest.fixture
def en(client):
    client.cookies["django_language"] = "en"
    return client


def with_items(meeting, n):
    items = []
    for order in range(1, n + 1):
        items.append(agenda_add(meeting=meeting, proposal=paths.bring_to(State.ON_AGENDA), order=order))
    return items


@pytest.mark.django_db
def test_my_meetings_lists_upcoming_first_with_number_thai_date_place_and_role(client):
    sub = body()
    me = seat(sub, role="secretary")
    later = schedule(sub, in_days(30), place="https://meet.example.go.th/a")
    sooner = schedule(sub, in_days(10), place="ห้องประชุม 1")
    past = held(sub, days_ago=20)  # a meeting in the past is refused by the service (issue 15)
    schedule(body("committee"), in_days(12))  # not my body
    client.force_login(me)

    response = client.get(reverse("my-meetings"))

    assert [m.pk for m in response.context["upcoming"]] == [sooner.pk, later.pk]
    assert [m.pk for m in response.context["past"]] == [past.pk]
    page = response.content.decode()
    assert f"ครั้งที่ {sooner.label}" in page
    from core.thai import thai_date

    assert thai_date(sooner.held_at) in page
    assert '<a href="https://meet.example.go.th/a" rel="noopener">' in page
    assert "เลขานุการ" in page
    assert f'href="{reverse("my-meetings")}" aria-current="page"' in page  # in the nav


@pytest.mark.django_db
def test_nav_shows_my_meetings_only_to_members_and_staff(client):
    member, outsider = seat(body()), proponent()
    for user, shown in ((member, True), (outsider, False), (StaffFactory(), True)):
        client.force_login(user)
        page = client.get(reverse("home")).content.decode()
        assert (f'href="{reverse("my-meetings")}"' in page) is shown, user


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 3])
def test_my_meetings_queries_do_not_grow_with_meetings_items_or_members(client, django_assert_num_queries, n):
    sub = body()
    me = seat(sub)
    for _ in range(n - 1):
        seat(sub)
    for d in range(n):
        with_items(schedule(sub, in_days(10 + d)), n)
    client.force_login(me)
    # session, user, my seats (for the nav), upcoming meetings (role and item count annotated) and their
    # count, the past ones' count (both lists paged: issue 16; none past, so no rows to read), unread
    # notifications (the header)
    with django_assert_num_queries(7):
        response = client.get(reverse("my-meetings"))
    assert len(response.context["upcoming"]) == n
    assert {m.item_count for m in response.context["upcoming"]} == {n}


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 3])
def test_meeting_page_queries_do_not_grow_with_items_or_members(client, django_assert_num_queries, n):
    sub = body()
    me = seat(sub)
    for _ in range(n - 1):
        seat(sub)
    meeting = schedule(sub, in_days(10))
    items = with_items(meeting, n)
    client.force_login(me)
    # session, user, my seats, meeting, roll call, agenda, the meeting's opening (issue 15),
    # unread notifications (the header)
    with django_assert_num_queries(8):
        response = client.get(reverse("meeting-detail", args=[meeting.pk]))
    page = response.content.decode()
    assert len(response.context["seats"]) == n
    for item in items:
        assert reverse("agenda-item", args=[item.pk]) in page


@pytest.mark.django_db
def test_meeting_page_shows_number_body_notice_and_attendance(en):
    sub = body()
    chair = seat(sub, role="chair", first_name="Prasert", last_name="Chair")
    seat(sub, first_name="Somsri", last_name="Member")
    meeting = schedule(sub, in_days(10))
    en.force_login(chair)

    page = en.get(reverse("meeting-detail", args=[meeting.pk])).content.decode()

    assert f"Meeting no. {meeting.label}" in page
    assert sub.name_en in page
    assert "The rule for this body: at least 3 days before the meeting." in page
    assert "Not recorded yet (2 members)." in page
    assert "Record attendance" not in page  # the chair is not the secretary


@pytest.mark.django_db
def test_strangers_get_404_on_every_meeting_page(client):
    sub = body()
    meeting = schedule(sub, in_days(10))
    (item,) = with_items(meeting, 1)
    former = seat(sub, since_days=800, until=in_days(-400).date())
    other_body = seat(body("committee"))
    owner = item.proposal.organisation.memberships.first().user  # the proposing city is no member
    urls = [
        reverse("meeting-detail", args=[meeting.pk]),
        reverse("meeting-attendance", args=[meeting.pk]),
        reverse("agenda-item", args=[item.pk]),
    ]
    for user in (UserFactory(), former, other_body, owner):
        client.force_login(user)
        assert [client.get(u).status_code for u in urls] == [404, 404, 404], user
    client.logout()
    assert client.get(urls[0]).status_code == 302  # to sign in


@pytest.mark.django_db
def test_agenda_item_shows_the_dossier_to_members_and_staff(en):
    sub = body()
    member = seat(sub)
    meeting = schedule(sub, in_days(10))
    (item,) = with_items(meeting, 1)
    proposal = item.proposal
    version = proposal.versions.order_by("-number").first()
    for user in (member, StaffFactory()):
        en.force_login(user)
        response = en.get(reverse("agenda-item", args=[item.pk]))
        page = response.content.decode()
        assert response.status_code == 200
        assert proposal.name_en in page
        assert f'href="{reverse("proposal-detail", args=[proposal.pk])}"' in page
        assert reverse("version-detail", args=[proposal.pk, version.number]) in page
        assert "You have declared a conflict of interest" not in page


@pytest.mark.django_db
def test_a_conflicted_member_sees_no_dossier_link_but_a_notice(en):
    sub = body()
    member = seat(sub)
    meeting = schedule(sub, in_days(10))
    (item,) = with_items(meeting, 1)
    ConflictDeclaration.objects.create(agenda_item=item, member=member, reason="เป็นชาวจังหวัดเดียวกัน")
    en.force_login(member)

    page = en.get(reverse("agenda-item", args=[item.pk])).content.decode()

    assert item.proposal.name_en in page  # the public facts stay
    assert reverse("proposal-detail", args=[item.proposal.pk]) not in page
    assert f"/proposals/{item.proposal.pk}/versions/" not in page
    assert "You have declared a conflict of interest on this item" in page
