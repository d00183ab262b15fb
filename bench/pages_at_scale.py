"""Every page and list endpoint, as each role reaches it, on the 100,000-proposal database (issue 16).

    .venv/bin/python bench/pages_at_scale.py --database-url postgres://postgres@127.0.0.1:5432/sc_bench

Fill the database first (bench/README.md): ``generate_bench_data --proposals 100000`` makes the
proposals and the people signed in as here (``--people-only`` adds the people to data made
before). Then, against gunicorn with production's settings (DEBUG off, second factor on):

1. sets the bench people's passwords and gives each person who decides a TOTP device;
2. signs in through the login form as each role (proponent, staff, evaluator, chair, member,
   anonymous), answering the second factor with the device's current code (django_otp);
3. walks the URL resolver (and the admin's registry) and fills each route's ids with real rows
   that role works on; a route the role gets 200 from is a page it reaches;
4. measures each page: single requests one at a time (p50/p95, HTML size), its query count (the
   same request in this process, with django's test client), and wrk at 32 connections, the
   paths taken in turn in slices with ``/healthz/live`` between them, as register_load.py does;
5. prints the table and every page that misses a goal: p95 <= 150 ms, HTML <= 300 KB, a list
   >= 2 % and a detail >= 4 % of /healthz/live's throughput, no errors under load.

The API's throttles are raised for the run (it measures the pages, not the limits).
"""

import argparse
import http.cookiejar
import os
import re
import statistics
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import register_load as rl  # noqa: E402 (wrk, gunicorn and parsing shared with the register's bench)

ROOT = rl.ROOT
PASSWORD = "bench-pages-Secret-2569"  # noqa: S105 (an invented benchmark account)
GOAL_P95_MS, GOAL_KB, GOAL_LIST, GOAL_DETAIL = 150.0, 300, 0.02, 0.04
ROLES = ("anonymous", "proponent", "staff", "evaluator", "chair", "member")
# Never requested: they sign out, change something on GET, or are not pages.
SKIP = {"logout", "admin:logout", "set_language", "health-ready", "metrics", "api-schema", "v1-docs", "api-docs",
        "password_reset", "password_reset_done", "password_reset_confirm", "password_reset_complete",
        "invitation-accept", "second-factor-verify", "second-factor-enrol", "second-factor-recovery-codes",
        "login", "admin:login", "admin:index", "admin:password_change", "admin:password_change_done",
        "admin:jsi18n", "admin:view_on_site", "admin:autocomplete", "v1-token", "sitemap"}


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL",
                                                            "postgres://postgres@127.0.0.1:5432/sc_bench"))
    p.add_argument("--cache-url", default=os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/7"))
    p.add_argument("--port", type=int, default=8601)
    p.add_argument("--workers", type=int, default=rl.SERVED["workers"])
    p.add_argument("--gunicorn-threads", type=int, default=rl.SERVED["threads"])
    p.add_argument("--connections", type=int, default=32)
    p.add_argument("--threads", type=int, default=2, help="wrk threads")
    p.add_argument("--duration", type=int, default=4, help="seconds of wrk per path (default 4)")
    p.add_argument("--samples", type=int, default=10, help="single requests per path (default 10)")
    p.add_argument("--role", action="append", dest="roles", help="only these roles (repeatable)")
    p.add_argument("--match", help="only paths containing this text")
    p.add_argument("--no-load", action="store_true", help="single requests only, no wrk")
    return p.parse_args(argv)


@dataclass
class Page:
    role: str
    name: str
    path: str
    kind: str  # "list" or "detail"
    times: list = field(default_factory=list)
    size: int = 0
    status: int = 0
    queries: int | None = None
    load: dict | None = None


# --- The bench people and their second factor ---------------------------------------------------

def prepare_people():
    """Passwords, TOTP devices; returns {role: user} and the ids each role works on."""
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.permissions import decides
    from demo import benchpeople
    from demo.benchdata import OFFICE

    User = get_user_model()
    names = {"staff": OFFICE, "proponent": benchpeople.PROPONENT, "evaluator": benchpeople.EVALUATOR,
             "chair": benchpeople.CHAIR, "member": benchpeople.MEMBER}
    users = {}
    for role, username in names.items():
        user = User.objects.get(username=username)
        user.set_password(PASSWORD)
        user.is_active = True
        if role == "staff":
            user.is_staff = True  # the admin too
        user.save()
        if decides(user):
            TOTPDevice.objects.filter(user=user).delete()
            TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
        users[role] = user
    return users


def totp_code(user) -> str:
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user=user, name="bench")
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):0{device.digits}d}"


class Browser:
    """A cookie jar and urllib: signs in through the form as a person would."""

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path, timeout=60):
        try:
            with self.opener.open(self.base + path, timeout=timeout) as r:
                return r.status, r.read(), r.geturl()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read(), path

    def post_form(self, path, data):
        status, body, _url = self.get(path)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
        payload = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **data}).encode()
        req = urllib.request.Request(self.base + path, data=payload, headers={"Referer": self.base + path})
        with self.opener.open(req, timeout=60) as r:
            return r.status, r.read(), r.geturl()

    def sign_in(self, user):
        _s, _b, url = self.post_form("/accounts/login/", {"username": user.username, "password": PASSWORD})
        if "/second-factor/" in url:
            _s, _b, url = self.post_form("/accounts/second-factor/verify/", {"code": totp_code(user)})
        if "/accounts/login/" in url or "/second-factor/" in url:
            raise SystemExit(f"could not sign in as {user.username}: ended at {url}")

    def cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


# --- Which pages each role reaches: the resolver, with real ids -------------------------------------

def real_ids(users) -> dict:
    """Rows each role works on, to put into the routes' ids."""
    from accounts.models import Membership
    from applications.enums import State
    from applications.models import Proposal
    from reviews.models import AgendaItem, EvaluatorAssignment, Meeting

    first = lambda qs: qs.values_list("pk", flat=True).first()  # noqa: E731
    certified = first(Proposal.objects.filter(status=State.CERTIFIED).order_by("-certified_on"))
    upcoming = Meeting.objects.filter(held_at__gt=time_now(), agenda__isnull=False).order_by("held_at").first()
    past = first(Meeting.objects.filter(held_at__lt=time_now(), agenda__isnull=False).order_by("-held_at"))
    item = first(AgendaItem.objects.filter(meeting=upcoming)) if upcoming else None
    org = Membership.objects.filter(user=users["proponent"]).values_list("organisation_id", flat=True).first()
    assignment = EvaluatorAssignment.objects.filter(evaluator=users["evaluator"]).order_by("submitted_at").first()
    common = {"city": certified, "certificate": certified}
    staff_proposal = first(Proposal.objects.filter(status=State.EVALUATION).order_by("status_changed_at"))
    return {
        "anonymous": {**common, "proposal": certified},
        "proponent": {**common, "proposal": first(Proposal.objects.filter(organisation_id=org).order_by("-updated_at")),
                      "organisation": org},
        "staff": {**common, "proposal": staff_proposal, "screening": first(Proposal.objects.filter(
            status=State.SUBMITTED).order_by("submitted_at")), "evaluation": staff_proposal,
            "meeting": upcoming.pk if upcoming else None, "past_meeting": past, "item": item, "organisation": org,
            "user": users["proponent"].pk},
        "evaluator": {**common, "proposal": assignment.proposal_id if assignment else None,
                      "assignment": assignment.pk if assignment else None},
        "chair": {**common, "proposal": item and AgendaItem.objects.get(pk=item).proposal_id,
                  "meeting": upcoming.pk if upcoming else None, "past_meeting": past, "item": item},
        "member": {**common, "proposal": item and AgendaItem.objects.get(pk=item).proposal_id,
                   "meeting": upcoming.pk if upcoming else None, "past_meeting": past, "item": item},
    }


def time_now():
    from django.utils import timezone

    return timezone.now()


# Which row fills a route's ``pk``, by the route's name (the rest: the role's proposal).
PK_OF = {
    "screening-detail": "screening", "assign-evaluators": "evaluation", "assignment-score": "assignment",
    "meeting-detail": "meeting", "meeting-attendance": "meeting", "meeting-minutes": "past_meeting",
    "agenda-item": "item", "certificate-pdf": "certificate", "city-detail": "city", "city-reports": "city",
    "v1-city-detail": "city", "v1-meeting-detail": "meeting", "organisation-invite": None,
}
NOT_A_PROPOSAL = {"report-detail", "report-edit", "report-submit", "report-decide", "report-evidence",
                  "amendment-detail", "amendment-decide", "invitation-cancel", "api-token-revoke",
                  "second-factor-reset", "notification-read", "correction-new", "version-detail",
                  "annex-download", "annex-delete", "vote-cast", "conflict-declare", "item-close",
                  "matrix-recommend", "matrix-in-principle", "meeting-publish", "proposal-transition",
                  "proposal-autosave", "v1-item-vote", "v1-province-detail", "v1-dimension-detail"}


def routes():
    """(name, pattern text, [kwarg names]) of every named route, from the resolver."""
    from django.urls import get_resolver
    from django.urls.resolvers import URLPattern, URLResolver

    found = []

    def walk(patterns, prefix, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
                walk(p.url_patterns, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern) and p.name:
                found.append((namespace + p.name, prefix + str(p.pattern), list(p.pattern.converters)))

    walk(get_resolver().url_patterns, "", "")
    return found


def pages_for(role, ids) -> list:
    from django.contrib import admin
    from django.urls import NoReverseMatch, reverse

    from applications.editor import steps

    pages, seen = [], set()
    for name, _pattern, kwargs in routes():
        if name in SKIP or name in NOT_A_PROPOSAL or name in seen:
            continue
        if name.startswith("admin:"):
            continue  # below, from the admin's registry
        seen.add(name)
        values = {}
        for kw in kwargs:
            if kw == "pk":
                key = PK_OF.get(name, "proposal")
                values[kw] = ids.get(key) if key else None
            elif kw == "step":
                values[kw] = steps.STEPS[0].slug
            elif kw in ("format",):
                values = None
                break
            else:
                values = None
                break
        if values is None or any(v is None for v in values.values()):
            continue
        try:
            path = reverse(name, kwargs=values)
        except NoReverseMatch:
            continue
        if "<" in path or "(" in path:
            continue
        kind = "detail" if kwargs else "list"
        pages.append(Page(role, name, path, kind))
    if role == "staff":
        for model in admin.site._registry:
            opts = model._meta
            pages.append(Page(role, f"admin:{opts.app_label}_{opts.model_name}_changelist",
                              reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"), "list"))
        pages.append(Page(role, "admin:proposal_change",
                          reverse("admin:applications_proposal_change", args=[ids["proposal"]]), "detail"))
    return pages


# --- Measuring -----------------------------------------------------------------------------------

def count_queries(page, user):
    """The page's queries, served in this process by django's test client (the same code and data)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    client = Client()
    if user is not None:
        client.force_login(user)
    with override_settings(OTP_REQUIRED_FOR_DECIDERS=False, ALLOWED_HOSTS=["*"]):
        client.get(page.path)  # the session and the caches warm, as in the measured requests
        with CaptureQueriesContext(connection) as captured:
            client.get(page.path)
    return len(captured)


def single(browser, page, samples):
    for _ in range(samples):
        started = time.perf_counter()
        status, body, _url = browser.get(page.path)
        page.times.append((time.perf_counter() - started) * 1000)
        page.status, page.size = status, len(body)


def wrk(args, url, cookie, seconds) -> dict:
    import subprocess

    cmd = ["wrk", "--latency", "-t", str(args.threads), "-c", str(args.connections), "-d", f"{seconds}s",
           "--timeout", "5s"]
    if cookie:
        cmd += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True).stdout
    return rl.parse_wrk(out)


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] if ordered else 0.0


def main(argv=None):
    args = parse_args(argv)
    env = rl.server_env(argparse.Namespace(database_url=args.database_url, cache_url=args.cache_url, readers=0,
                                           api_rate="1000000/min"))
    env["API_USER_RATE"] = "1000000/min"
    os.environ.update(env)
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    users = prepare_people()
    ids = real_ids(users)
    roles = args.roles or list(ROLES)

    rl.collectstatic(env)
    proc = rl.start_gunicorn(argparse.Namespace(port=args.port, workers=args.workers, worker_class="gthread",
                                                gunicorn_threads=args.gunicorn_threads), env)
    base = f"http://127.0.0.1:{args.port}"
    try:
        rl.wait_until_up(base, proc)
        browsers, pages = {}, []
        for role in roles:
            browser = Browser(base)
            if role != "anonymous":
                browser.sign_in(users[role])
            browsers[role] = browser
            for page in pages_for(role, ids[role]):
                if args.match and args.match not in page.path:
                    continue
                try:
                    status, _body, url = browser.get(page.path)
                except OSError as exc:  # a timeout: a page this role reaches that misses every goal
                    print(f"{role:<10}{page.path:<58}no answer: {exc}", flush=True)
                    continue
                if status == 200 and urllib.parse.urlparse(url).path == urllib.parse.urlparse(base + page.path).path:
                    pages.append(page)  # reached: 200 on the page itself (not a redirect to sign in)
        print(f"{len(pages)} pages reached by {len(roles)} roles; "
              f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}", flush=True)
        for page in pages:
            single(browsers[page.role], page, args.samples)
            page.queries = count_queries(page, users.get(page.role))
        live = []
        if not args.no_load:
            for i, page in enumerate(pages):
                if i % 8 == 0:  # the ceiling, measured again and again between the pages
                    live.append(wrk(args, base + rl.BASELINE, "", args.duration))
                page.load = wrk(args, base + page.path, browsers[page.role].cookie_header(), args.duration)
            live.append(wrk(args, base + rl.BASELINE, "", args.duration))
        report(args, pages, live)
    finally:
        rl.stop(proc)


def report(args, pages, live):
    baseline = statistics.mean(r["rps"] for r in live) if live else 0
    print(f"\n/healthz/live: {baseline:.0f} req/s (mean of {len(live)} slices); wrk {args.duration}s per path, "
          f"{args.connections} connections; load average {os.getloadavg()[0]:.1f}")
    print(f"{'role':<10}{'path':<58}{'p50 ms':>8}{'p95 ms':>8}{'KB':>7}{'q':>4}{'req/s':>8}{'share':>7}{'err':>5}")
    missing = []
    for page in pages:
        share = page.load["rps"] / baseline if page.load and baseline else None
        errors = (page.load["non2xx"] + page.load["socket_errors"]) if page.load else 0
        print(f"{page.role:<10}{page.path[:57]:<58}{statistics.median(page.times):>8.0f}{p95(page.times):>8.0f}"
              f"{page.size / 1024:>7.0f}{page.queries if page.queries is not None else '-':>4}"
              f"{page.load['rps'] if page.load else 0:>8.1f}{f'{share:.1%}' if share is not None else '-':>7}"
              f"{errors:>5}")
        goal = GOAL_LIST if page.kind == "list" else GOAL_DETAIL
        why = []
        if p95(page.times) > GOAL_P95_MS:
            why.append(f"p95 {p95(page.times):.0f} ms")
        if page.size > GOAL_KB * 1024:
            why.append(f"{page.size / 1024:.0f} KB")
        if share is not None and share < goal:
            why.append(f"{share:.1%} < {goal:.0%} ({page.kind})")
        if errors:
            why.append(f"{errors} errors")
        if why:
            missing.append(f"{page.role:<10}{page.path:<58}{'; '.join(why)}")
    print(f"\npages missing a goal ({len(missing)} of {len(pages)}):")
    print("\n".join(missing) or "none")


if __name__ == "__main__":
    sys.exit(main())
