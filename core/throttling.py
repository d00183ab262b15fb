"""The API's throttles (anonymous callers per address, signed-in ones per user): DRF's, counted
in one cache round trip.

DRF's ``SimpleRateThrottle`` keeps each address's history as a list of timestamps:
a read and a write of that list on every call, two round trips to Redis, which on
the register's announcement-day burst were half the cost of a cached ``cities/``
answer. This keeps DRF's throttle (its rate setting, its address reading with
``NUM_PROXIES``, its 429 answer and ``Retry-After``) and counts with a sliding
window counter instead: an atomic count for this window and the previous one, the
previous weighted by how much of it still lies within the last ``duration``
seconds. With Redis the count and the read of the previous window are one pipelined
round trip; the counts are shared by every process, as DRF's history was.

The estimate assumes the previous window's calls were spread evenly over it, so it
holds a reader somewhat longer or shorter than a full log of timestamps would: there
is no burst of twice the rate at a window's edge (as plain fixed windows allow), but a
reader who times calls against the window edges can fit up to about twice the rate
into some span of ``duration`` seconds, never into one instant; each window's own count never exceeds
the rate. For a limit meant to keep scrapers from crowding out the public, that is
the accepted trade (it is what large CDNs count with). Refused calls are taken back
out of the count, as DRF does not record them either, so a client that waits the
``Retry-After`` it was given gets through.
"""

import math

import redis
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class SlidingWindowCount:
    """The counting of the throttles below; mixed in before a DRF ``SimpleRateThrottle``."""

    @property
    def cache(self):
        # This thread's backend itself (DRF's class attribute is the proxy in front of it),
        # so that the Redis backend can be recognised and its client used.
        return caches["default"]

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        window = int(self.now // self.duration)
        self.elapsed = (self.now % self.duration) / self.duration
        self.current_key = f"{self.key}:{window}"
        self.current, self.previous = self._count(self.current_key, f"{self.key}:{window - 1}")
        # (The small allowance: at the very second wait() names, float rounding must not refuse.)
        if self.previous * (1 - self.elapsed) + self.current <= self.num_requests + 1e-9:
            return True
        self._uncount(self.current_key)
        self.current -= 1
        # The API's 429 answer says whose calls were too many (core/api.py).
        request.throttled_scope = self.scope
        return self.throttle_failure()

    def _count(self, current_key, previous_key):
        """Add this call to the current window; return (its count, the previous window's)."""
        # Kept for two windows: it is the "previous" one throughout the next.
        timeout = 2 * self.duration + 1
        client = _redis_client(self.cache, current_key)
        if client is not None:
            make = self.cache.make_and_validate_key
            pipe = client.pipeline(transaction=False)
            pipe.incr(make(current_key))
            pipe.expire(make(current_key), timeout)
            pipe.get(make(previous_key))
            try:
                current, _, previous = pipe.execute()
                return current, int(previous or 0)
            except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError):
                # Redis is down: count in the cache's local fallback (issue 17), as below.
                getattr(self.cache, "mark_down", lambda: None)()
        # Any other Django cache (the per-process memory cache of development and tests).
        self.cache.add(current_key, 0, timeout)
        try:
            current = self.cache.incr(current_key)
        except ValueError:  # evicted between the two calls
            self.cache.set(current_key, 1, timeout)
            current = 1
        return current, int(self.cache.get(previous_key) or 0)

    def _uncount(self, current_key):
        try:
            self.cache.decr(current_key)
        except ValueError:
            pass

    def wait(self):
        """Seconds until a call would be allowed again, if nobody calls meanwhile.

        Up to twice ``duration``: calls made at a window's start are taken as spread over
        it, so they hold the reader into the next window.
        """
        limit, prev, cur = self.num_requests, self.previous, self.current
        if limit <= 0:
            return None
        if cur + 1 <= limit:
            # Within this window, once enough of the previous one has slid out of view.
            needed = 1 - (limit - cur - 1) / prev if prev else 0
            seconds = (needed - self.elapsed) * self.duration
        else:
            # Only in the next window, where this window's count is the one sliding out.
            needed = 1 - (limit - 1) / cur
            seconds = (1 - self.elapsed + needed) * self.duration
        return max(math.ceil(seconds - 1e-6), 1)  # 79.99999... and 80.00001 are both 80


class SharedAnonRateThrottle(SlidingWindowCount, AnonRateThrottle):
    """Anonymous callers, per address (the ``anon`` rate)."""


class SharedUserRateThrottle(SlidingWindowCount, UserRateThrottle):
    """Signed-in callers, per user whichever token or session they come with (the ``user`` rate)."""

    def get_cache_key(self, request, view):
        # DRF's would count anonymous callers per address here too: the anon throttle does that.
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)


def _redis_client(cache, key):
    """The redis-py client behind Django's Redis cache backend, or None for any other cache."""
    if not isinstance(cache, RedisCache) or getattr(cache, "degraded", False):
        return None
    return cache._cache.get_client(key, write=True)
