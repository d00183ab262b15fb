"""Whole register pages are cached for anonymous readers, each still getting their own CSRF token."""

import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from register.cache import TOKEN_MARK
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(scope="module")
def record_once(built_once):
    with built_once():
        call_command("load_public_record", verbosity=0)


@pytest.fixture(autouse=True)
def record(db, record_once):
    """The published record, loaded once for the module's tests (each rolls back to it)."""
    cache.clear()
    yield
    cache.clear()


LIST = ("ทะเบียนเมืองอัจฉริยะ", "Register of smart cities")
MAP = ("แผนที่และแผนภูมิเมืองอัจฉริยะที่ได้รับการรับรอง", "Map and charts of certified smart cities")


@pytest.mark.parametrize(("url", "heading"), [("/register/", LIST), ("/register/?province=57", LIST),
                                              ("/register/map/", MAP)])
def test_a_cached_page_gives_every_reader_a_working_token_of_their_own(url, heading):
    thai, english = heading
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    one = first.get(url)
    with CaptureQueriesContext(connection) as ctx:
        two = second.get(url)
    assert len(ctx.captured_queries) == 0
    html_one, html_two = one.content.decode(), two.content.decode()
    assert thai in html_two and english not in html_two
    assert TOKEN_MARK not in html_two
    token_one, token_two = TOKEN.findall(html_one), TOKEN.findall(html_two)
    assert token_one and token_two and token_one != token_two
    assert TOKEN.sub("", html_one) == TOKEN.sub("", html_two)
    # The token in the cached page is accepted with the reader's own cookie: the language switch works.
    switched = second.post("/i18n/setlang/", {"language": "en", "next": url, "csrfmiddlewaretoken": token_two[0]})
    assert switched.status_code == 302
    html_en = second.get(url).content.decode()
    assert english in html_en and thai not in html_en


def test_a_signed_in_reader_gets_their_own_page(client):
    client.get("/register/")
    staff = StaffFactory()
    client.force_login(staff)
    html = client.get("/register/").content.decode()
    assert staff.username in html  # the frame shows who is signed in, never a cached frame


def test_a_page_not_found_is_not_cached(client):
    assert client.get("/register/cities/999999/").status_code == 404
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/register/cities/999999/").status_code == 404
    assert len(ctx.captured_queries) > 0  # asked the database again: nothing was stored
