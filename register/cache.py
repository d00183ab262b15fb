"""Caching of the anonymous register pages, cleared by a version number.

Every cached fragment's key carries the register's current version; a change
to a proposal or a new step in any history bumps it, so the next reader gets
a fresh page at once (with Redis the bump is shared by every process; with
the per-process local memory cache, other processes catch up when their
entries expire after ``TIMEOUT`` seconds).

Only the page's content is cached, never the whole response: the page frame
carries each visitor's CSRF token (the language switch) and must stay theirs.
"""

import hashlib

from django.core.cache import cache
from django.utils.translation import get_language

VERSION_KEY = "register:version"
TIMEOUT = 60


def version() -> int:
    current = cache.get(VERSION_KEY)
    if current is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        current = cache.get(VERSION_KEY) or 1
    return current


def bump(**_kwargs) -> None:
    """Signal receiver (and callable): every cached register page is stale from now."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not there yet (or evicted): any new value differs from the old keys
        cache.set(VERSION_KEY, 2, timeout=None)


def key(name: str, request) -> str:
    query = request.GET.urlencode()
    digest = hashlib.sha256(f"{request.path}?{query}".encode()).hexdigest()[:32]
    return f"register:{version()}:{get_language() or 'th'}:{name}:{digest}"


def cached_fragment(name, request, render):
    """The rendered fragment for an anonymous reader from the cache, else ``render()`` (stored)."""
    if request.user.is_authenticated:
        return render()
    k = key(name, request)
    html = cache.get(k)
    if html is None:
        html = render()
        cache.set(k, html, TIMEOUT)
    return html
