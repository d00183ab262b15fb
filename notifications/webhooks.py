"""Webhooks: signed JSON deliveries to systems outside the portal, through the same kind of outbox.

A delivery row is written in the transaction of the event
(``services.deliveries_create``); a worker claims it (committed), POSTs it,
and stamps it. The body is signed with HMAC-SHA256 of the endpoint's secret,
so the receiver knows it came from the portal unaltered; the delivery id lets
it drop a repeat.
"""

import hashlib
import hmac
import json
from urllib.parse import urlsplit

import certifi
import requests
import urllib3
from django.utils import timezone

from applications.enums import Action

from .delivery import claim, record_failure
from .models import WebhookDelivery
from .validators import checked_address

SIGNATURE_HEADER = "X-Smartcity-Signature"
DELIVERY_HEADER = "X-Smartcity-Delivery"
EVENT_HEADER = "X-Smartcity-Event"


def event_choices():
    return [(f"proposal.{a.value}", a.label) for a in Action if a != Action.CREATE]


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _pinned_post(url, address, body, headers) -> urllib3.BaseHTTPResponse:
    """POST to ``address`` (already checked) while speaking to the URL's host: the Host header,
    TLS SNI and the certificate's name are the host's, so https still proves who answers."""
    parts = urlsplit(url)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    options = {"timeout": urllib3.Timeout(10), "retries": False, "maxsize": 1}
    if parts.scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            address, port=parts.port or 443, server_hostname=parts.hostname, assert_hostname=parts.hostname,
            cert_reqs="CERT_REQUIRED", ca_certs=certifi.where(), **options,
        )
    else:
        pool = urllib3.HTTPConnectionPool(address, port=parts.port or 80, **options)
    with pool:
        return pool.urlopen("POST", path, body=body, headers={**headers, "Host": parts.netloc},
                            redirect=False, preload_content=True)


def post(delivery):
    """Send one delivery; returns the response (``.status``). No redirect is followed."""
    endpoint = delivery.endpoint
    # Checked again at send time (DNS may have changed since the save), and the
    # connection goes to the address this check saw, not to a new lookup.
    problem, address = checked_address(endpoint.url)
    if problem:
        raise ValueError(problem)
    body = json.dumps(
        {"id": str(delivery.delivery_id), "event": delivery.event, "data": delivery.payload},
        ensure_ascii=False, sort_keys=True,
    ).encode()
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        SIGNATURE_HEADER: sign(endpoint.secret, body),
        DELIVERY_HEADER: str(delivery.delivery_id),
        EVENT_HEADER: delivery.event,
        "User-Agent": "SmartCityThailand-Webhooks/1",
    }
    return _pinned_post(endpoint.url, address, body, headers)


def send_pending(ids=None, limit=50) -> int:
    """Deliver owed webhook calls; a non-2xx answer or a network error is retried with backoff."""
    delivered = 0
    while True:
        pks = claim(WebhookDelivery, done_field="delivered_at", ids=ids, limit=limit)
        if not pks:
            return delivered
        for delivery in WebhookDelivery.objects.filter(pk__in=pks).select_related("endpoint"):
            try:
                response = post(delivery)
                if not 200 <= response.status < 300:
                    WebhookDelivery.objects.filter(pk=delivery.pk).update(last_status=response.status)
                    raise requests.HTTPError(f"HTTP {response.status}")
            except Exception as exc:  # the receiver is outside: retry later
                record_failure(WebhookDelivery, delivery, exc)
                continue
            WebhookDelivery.objects.filter(pk=delivery.pk).update(
                delivered_at=timezone.now(), claimed_at=None, last_status=response.status, last_error=""
            )
            delivered += 1
