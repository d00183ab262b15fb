"""WCAG 2.1 AA, measured on the pages test_axe_pages leaves out: the Django admin the Office uses
(index, change lists and change forms, the move confirmation), the meetings (list, detail, agenda
item, the running meeting as secretary, chair and members, joining), voting (open and secret ballot,
the chair's close form), the desk, the committee page, verification, privacy, the identity sign-in
choice and its problem page, and the second factor (set-up, verify, own page). Each as the role that
reaches it, in Thai and in English, at 1280 px and 360 px: no serious or critical axe violation.

Set A11Y_COUNTS=1 to print the count of findings per page (the closing note's table) instead of
failing on the first language.
"""

import datetime
import os

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from applications.enums import State
from privacy.defaults import FIRST_NOTICE
from privacy.enums import RequestKind
from privacy.services import notice_answer, notice_publish, request_create
from tests import paths
from tests.factories import StaffFactory, proponent
from tests.signin import sign_in, with_password
from tests.sitting.scenario import PASSWORD as FACTORY_PASSWORD
from tests.sitting.scenario import Sitting

from .axe import install, violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 360)
# The problem page of a provider that does not answer says so with its status.
STATUS = {"/accounts/oidc/thaid/start/": 503}


def admin_move(page, base, proposal):
    """The admin's move confirmation: a proposal ticked on the change list, a move chosen, Go."""
    page.goto(f"{base}/admin/applications/proposal/")
    page.locator(f"input.action-select[value='{proposal.pk}']").check()
    select = page.locator("select[name=action]")
    value = select.locator("option[value^='move_']").first.get_attribute("value")
    select.select_option(value)
    page.locator("button[name=index], input[name=index]").first.click()
    page.locator("input[name=apply]").wait_for(state="attached")  # the confirmation, not the list again
    return "/admin/ (move confirmation)"


def verify_answer(page, base, _):
    """The verification page's answer to an upload it cannot recognise."""
    page.goto(f"{base}/verify/")
    page.locator("input[type=file]").set_input_files(
        {"name": "not-ours.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"})
    page.locator("main form button[type=submit]").first.click()
    page.locator("#verify-answer").wait_for()
    return "/verify/ (answer)"


@pytest.fixture
def world(settings):
    settings.OIDC_PROVIDERS = {**settings.OIDC_PROVIDERS, "thaid": {
        **settings.OIDC_PROVIDERS["thaid"], "issuer": "http://127.0.0.1:9/o", "client_id": "portal",
        "client_secret": "secret"}}
    settings.OIDC_TIMEOUT = 1
    # A running subcommittee meeting: the chair and two members joined, one member not yet; an open
    # vote on the first item, a secret ballot on the second; a later meeting still to come.
    s = Sitting(members=5, items=2)
    s.join(s.chair, s.members[1], s.members[2], s.members[3])
    s.open_vote(s.items[0], "open")
    s.open_vote(s.items[1], "secret")
    later = paths.meeting("subcommittee", timezone.now() + datetime.timedelta(days=14))
    city = paths.bring_to(State.CERTIFIED, years_ago=1)
    submitted = paths.bring_to(State.SCREENING)
    staff = with_password(StaffFactory(username="a11y.office"))
    writer = with_password(proponent(username="a11y.writer2"))
    request_create(user=writer, kind=RequestKind.CORRECTION, details="ชื่อสกุลสะกดผิด ขอแก้เป็น ใจดีมาก")
    fresh = with_password(StaffFactory(username="a11y.fresh"))  # no second factor yet: the set-up page
    holder = with_password(StaffFactory(username="a11y.holder"))  # has one: the verify page
    TOTPDevice.objects.create(user=holder, name="app", confirmed=True)
    reader = with_password(proponent(username="a11y.reader"))  # has not answered the notice yet
    notice = notice_publish(**FIRST_NOTICE)
    for user in User.objects.exclude(pk=reader.pk):
        notice_answer(user=user, notice=notice, accepted=True)
    m, item, secret, later = f"/reviews/meetings/{s.meeting.pk}/", s.items[0].pk, s.items[1].pk, later.pk
    pw = FACTORY_PASSWORD
    request = writer.privacy_requests.get().pk
    return [
        ("visitor", None, None, ["/accounts/login/", "/accounts/oidc/thaid/start/", "/verify/", verify_answer,
                                 f"/verify/{city.certificate_number}", "/privacy/"]),
        ("secretary", s.secretary, pw, ["/reviews/meetings/", m, f"{m}attendance/", f"{m}publish/agenda/",
                                        f"{m}certify/", f"/reviews/items/{item}/"]),
        ("chair", s.chair, pw, [m, f"/reviews/items/{item}/", f"/reviews/items/{secret}/"]),
        ("member", s.members[1], pw, ["/reviews/meetings/", m, f"/reviews/items/{item}/",
                                      f"/reviews/items/{secret}/"]),
        ("not-joined", s.members[4], pw, [m, f"{m}join/"]),
        ("office", staff, None, [
            "/reviews/desk/meetings/", "/reviews/desk/meetings/schedule/", f"/reviews/desk/meetings/{s.meeting.pk}/",
            f"/reviews/desk/meetings/{later}/", f"/reviews/desk/meetings/{later}/postpone/",
            f"/reviews/desk/meetings/{later}/cancel/", "/reviews/committee/", "/privacy/requests/",
            f"/privacy/requests/{request}/", "/accounts/second-factor/", "/admin/", "/admin/applications/proposal/",
            f"/admin/applications/proposal/{submitted.pk}/change/", "/admin/reviews/meeting/",
            f"/admin/reviews/meeting/{s.meeting.pk}/change/", lambda page, base, _: admin_move(page, base, submitted)]),
        ("proponent", writer, None, ["/privacy/", "/privacy/my-data/", "/accounts/second-factor/"]),
        ("new-reader", reader, None, ["/privacy/?next=/proposals/"]),
        ("staff-no-2fa", fresh, None, ["/accounts/second-factor/set-up/"]),
        ("staff-2fa", holder, "otp", ["/accounts/second-factor/verify/"]),
    ]


def audit(chromium, base, lang, world, settings):
    """{(who, page): [finding, ...]} over every width."""
    found = {}
    for who, user, password, pages in world:
        context = chromium.new_context(locale="th-TH", viewport={"width": 1280, "height": 900})
        context.add_cookies([{"name": "django_language", "value": lang, "url": base}])
        context.set_default_timeout(15_000)
        install(context)
        page = context.new_page()
        if password == "otp":  # the factor is owed only where it is required
            settings.OTP_REQUIRED_FOR_DECIDERS = True
            page.goto(f"{base}/accounts/login/")
            sign_in(page, user.username)
            page.wait_for_url(f"{base}/accounts/second-factor/verify/**")
            pages = [None]
        elif user is not None:
            sign_in(page, user.username, base_url=base, **({"password": password} if password else {}))
        for path in pages:
            if path is None:
                path = "/accounts/second-factor/verify/"
            elif callable(path):
                path = path(page, base, user)
            else:
                response = page.goto(base + path)
                assert response.status == STATUS.get(path, 200), (who, path, response.status)
            assert page.locator("html").get_attribute("lang") == lang, (who, path)
            lines = []
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 900 if width > 400 else 800})
                lines += [f"{width}px {line}" for line in violations(page)]
                if os.environ.get("A11Y_SHOTS"):
                    name = f"{lang}-{width}-{who}-{path.strip('/').replace('/', '-')[:60] or 'home'}.png"
                    page.screenshot(path=os.path.join(os.environ["A11Y_SHOTS"], name), full_page=True)
            page.set_viewport_size({"width": 1280, "height": 900})
            found[(who, path)] = lines
        settings.OTP_REQUIRED_FOR_DECIDERS = False
        context.close()
    return found


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_remaining_pages_pass_axe(lang, chromium, live_server, world, settings):
    settings.OTP_REQUIRED_FOR_DECIDERS = False
    found = audit(chromium, live_server.url, lang, world, settings)
    print(f"\n{lang}: findings per page (serious/critical, both widths)")
    for (who, path), lines in found.items():
        print(f"  {len(lines):3d}  {who:12s} {path}")
        for line in lines:
            print(f"         {line}")
    assert {key: lines for key, lines in found.items() if lines} == {}
