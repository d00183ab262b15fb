"""The baseline task of bench/notifications_throughput.py: does nothing but say when the last one ran."""

import redis
from celery import shared_task


@shared_task(name="bench.noop")
def noop(i, port):
    if port:  # only the warm-up and the last task write, so the rest cost only Celery and Redis
        redis.Redis(port=int(port)).set(f"bench:noop:{i}", 1)
