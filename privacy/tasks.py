"""Thin tasks: the retention sweep (Celery beat, each night)."""

from celery import shared_task

from . import services


@shared_task
def retention_sweep():
    return services.retention_sweep()
