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
