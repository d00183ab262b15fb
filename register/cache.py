"""Caching of the anonymous register pages, cleared by a version number.

Every cached fragment's key carries the register's current version; a change
to a proposal or a new step in any history bumps it, so the next reader gets
a fresh page at once in this process (with Redis the bump is shared by every
process, which see it within ``VERSION_MEMO`` seconds; with the per-process
local memory cache, other processes catch up when their entries expire after
``TIMEOUT`` seconds).

Whole pages (:func:`cached_page`) are stored for anonymous readers who carry no
session and no messages, so that a burst of readers costs about what /healthz/live
does. The page frame carries each visitor's CSRF token (the language switch): it is
stored with a placeholder and every reader gets their own token put back.
Fragments (:func:`cached_fragment`) serve the exports and the API's data.
"""

import hashlib
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

VERSION_KEY = "register:version"
# How long a stored page may live. With a per-process memory cache this bounds how stale
# another process's copy can be; with a shared cache the version already does, and a
# longer life spares the database the bursts of misses when pages expire together.
TIMEOUT = 60
SHARED_TIMEOUT = 600


def _shared() -> bool:
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    return not backend.endswith(("LocMemCache", "DummyCache"))


def _timeout() -> int:
    return SHARED_TIMEOUT if _shared() else TIMEOUT


# In front of a shared cache, a small memory cache in each process: a hit then costs no
# round trip to Redis. Its keys carry the version, so it is never staler than the version
# memo above; it holds a few hundred pages at most.
_local = LocMemCache("register-local", {"TIMEOUT": SHARED_TIMEOUT, "OPTIONS": {"MAX_ENTRIES": 300}})


# Only pages go in it: a whole-register export is megabytes and stays in Redis alone.
LOCAL_MAX_BYTES = 512 * 1024


def _small(value) -> bool:
    body = value[-1] if isinstance(value, tuple) else value
    return isinstance(body, str | bytes) and len(body) <= LOCAL_MAX_BYTES


def _get(k):
    if not _shared():
        return cache.get(k)
    value = _local.get(k)
    if value is None:
        value = cache.get(k)
        if value is not None and _small(value):
            _local.set(k, value)
    return value


def _set(k, value):
    cache.set(k, value, _timeout())
    if _shared() and _small(value):
        _local.set(k, value)


# Each process remembers the version for a moment, so that a cached page costs one cache
# lookup, not two. A change made in this process is seen at once (bump() updates the memo);
# one made in another process within VERSION_MEMO seconds.
VERSION_MEMO = 2.0
_memo = {"value": None, "until": 0.0}


def _fresh_version() -> int:
    # A first version (or one after Redis lost it) from the clock: never one used before,
    # so no page stored under an old number (here or in a process's memory) is served.
    return int(time.time() * 1000)


def version() -> int:
    now = time.monotonic()
    if _memo["value"] is not None and now < _memo["until"]:
        return _memo["value"]
    current = cache.get(VERSION_KEY)
    if current is None:
        cache.add(VERSION_KEY, _fresh_version(), timeout=None)
        current = cache.get(VERSION_KEY) or _fresh_version()
    _memo.update(value=current, until=now + VERSION_MEMO)
    return current


def bump(*_args, **_kwargs) -> None:
    """Every cached register page is stale from now (a signal receiver and a workflow listener too)."""
    try:
        current = cache.incr(VERSION_KEY)
    except ValueError:  # not there yet (or evicted): any new value differs from the old keys
        current = max(_fresh_version(), (_memo["value"] or 0) + 1)
        cache.set(VERSION_KEY, current, timeout=None)
    _memo.update(value=current, until=time.monotonic() + VERSION_MEMO)


def forget() -> None:
    """Drop what this process remembers (the version, the pages in memory): for tests that swap caches."""
    _memo.update(value=None, until=0.0)
    _local.clear()


def key(name: str, request) -> str:
    query = request.GET.urlencode()
    digest = hashlib.sha256(f"{request.path}?{query}".encode()).hexdigest()[:32]
    return f"register:{version()}:{get_language() or 'th'}:{name}:{digest}"


def cached_fragment(name, request, render):
    """The rendered fragment for an anonymous reader from the cache, else ``render()`` (stored)."""
    if request.user.is_authenticated:
        return render()
    k = key(name, request)
    html = _get(k)
    if html is None:
        html = render()
        _set(k, html)
    return html


TOKEN_FIELD = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
TOKEN_MARK = "__register_csrf_token__"


def _shared_reader(request) -> bool:
    """A reader whose page is everyone's: signed out, no session, no messages waiting.

    Checked on the cookies alone, so the test costs no query (a session cookie
    may hold a signed-in user or messages: those readers get their own page).
    """
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.user.is_authenticated
    )


def cached_page(name, request, render):
    """The whole page for a shared reader from the cache, else ``render()`` (stored if 200)."""
    if not _shared_reader(request):
        return render()
    k = key(f"page-{name}", request)
    hit = _get(k)
    if hit is None:
        response = render()
        if response.status_code == 200 and not response.streaming:
            body = TOKEN_FIELD.sub(rf"\g<1>{TOKEN_MARK}\g<2>", response.content.decode(response.charset))
            _set(k, (response["Content-Type"], body))
        return response
    content_type, body = hit
    if TOKEN_MARK in body:
        body = body.replace(TOKEN_MARK, get_token(request))
    return HttpResponse(body, content_type=content_type)
