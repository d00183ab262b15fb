"""Thin tasks: the message is composed (in the reader's language) before it is queued."""

from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail

from .services import api_tokens_sweep


@shared_task(autoretry_for=(OSError, SMTPException), retry_backoff=True, max_retries=5)
def send_email(subject, body, recipients):
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)


@shared_task
def sweep_api_tokens():
    return api_tokens_sweep()
