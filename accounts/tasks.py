"""Thin tasks: the message is composed (in the reader's language) before it is queued."""

from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail


@shared_task(autoretry_for=(OSError, SMTPException), retry_backoff=True, max_retries=5)
def send_email(subject, body, recipients):
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)


@shared_task
def sweep_api_tokens():
    # Imported here: services imports this module (for send_email).
    from .services import api_tokens_sweep

    return api_tokens_sweep()
