"""Django's Redis cache backend, keeping its redis client instead of building one per call.

Django's ``RedisCacheClient.get_client`` makes a new ``redis.Redis`` for every cache
operation. With redis-py 5 and later that fills a table of some 170 response callbacks
each time (about 0.15 ms), which is most of the cost of a cached register page or an API
throttle check. The client holds no per-call state (the connection pool does the work),
and Django's cache handler gives every thread its own backend, so one client per pool is
safe. Everything else is Django's backend unchanged.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class _ReusingClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusingClient


class FailoverRedisCache(RedisCache):
    """Redis when it answers, this process's memory when it does not (issue 17).

    A Redis outage must not take the portal down: the register's cached pages, its version
    key and the rate limits all live in the cache, and Django's backend raises on every call
    once Redis is gone (500 on /register/, on sign-in, on saving a proposal). Here a failed
    call is answered from a local-memory cache instead, and Redis is left alone for
    ``RETRY_SECONDS`` before it is tried again, so an outage costs one failed connection per
    process every few seconds, not one per call. Meanwhile pages are cached per process and
    limits count per process: weaker, still working. ``degraded`` tells /healthz/ready.
    """

    RETRY_SECONDS = 5.0

    def __init__(self, server, params):
        super().__init__(server, params)
        from django.core.cache.backends.locmem import LocMemCache

        self._local = LocMemCache(f"failover-{server}", {"TIMEOUT": params.get("TIMEOUT", 300)})
        self._down_until = 0.0

    @property
    def degraded(self) -> bool:
        import time

        return time.monotonic() < self._down_until

    def mark_down(self, reason=""):
        """Serve from local memory for the next ``RETRY_SECONDS`` (also for callers that talk
        to the Redis client directly, as the API throttle does)."""
        import logging
        import time

        self._down_until = time.monotonic() + self.RETRY_SECONDS
        logging.getLogger(__name__).warning("cache: Redis unavailable, using local memory %s", reason)

    def _either(self, name, *args, **kwargs):
        import redis

        if not self.degraded:
            try:
                return getattr(super(), name)(*args, **kwargs)
            except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError) as exc:
                self.mark_down(f"({exc})")
        return getattr(self._local, name)(*args, **kwargs)


def _failover(name):
    def method(self, *args, **kwargs):
        return self._either(name, *args, **kwargs)

    method.__name__ = name
    return method


for _name in ("add", "get", "set", "touch", "delete", "get_many", "has_key", "incr", "set_many",
              "delete_many", "clear"):
    setattr(FailoverRedisCache, _name, _failover(_name))
