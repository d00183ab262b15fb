"""Webhooks: signed JSON to a receiver outside the project (a local HTTP server thread), retried, logged."""

import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from applications.enums import State
from applications.workflow import transition
from notifications import validators, webhooks
from notifications.models import WebhookDelivery, WebhookEndpoint
from tests import paths
from tests.factories import StaffFactory, UserFactory

SECRET = "s3cret-ของสำนักงานจังหวัด"


class Receiver:
    """A provincial office's system: answers with the next status in ``answers`` (then 200)."""

    def __init__(self, answers=()):
        self.answers, self.calls = list(answers), []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.calls.append((dict(self.headers), body))
                self.send_response(receiver.answers.pop(0) if receiver.answers else 200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def local_receivers_allowed(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE = True


@pytest.mark.django_db
def test_a_certification_is_posted_signed_with_its_delivery_id(local_receivers_allowed,
                                                               django_capture_on_commit_callbacks, tasks_in_process):
    with Receiver() as receiver:
        WebhookEndpoint.objects.create(name="สำนักงานจังหวัดภูเก็ต", url=receiver.url, secret=SECRET,
                                       events=["proposal.certify"])
        WebhookEndpoint.objects.create(name="other", url=receiver.url, secret="x", events=["proposal.revoke"])
        proposal = paths.bring_to(State.ACKNOWLEDGED)
        with django_capture_on_commit_callbacks(execute=True):
            transition(proposal, "certify", by=StaffFactory())
    assert len(receiver.calls) == 1
    headers, body = receiver.calls[0]
    expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers["X-Smartcity-Signature"], expected)
    data = json.loads(body)
    assert data["event"] == "proposal.certify" and headers["X-Smartcity-Event"] == "proposal.certify"
    assert data["id"] == headers["X-Smartcity-Delivery"]
    assert data["data"]["proposal"]["reference"] == proposal.reference
    assert data["data"]["to_state"] == "certified"
    row = WebhookDelivery.objects.get()
    assert str(row.delivery_id) == data["id"] and row.delivered_at and row.last_status == 200


@pytest.mark.django_db
def test_a_failing_receiver_is_retried_with_backoff_then_delivered_and_logged(local_receivers_allowed, settings,
                                                                              client):
    settings.NOTIFICATIONS_RETRY_BASE = 30
    with Receiver(answers=[503, 500]) as receiver:
        WebhookEndpoint.objects.create(name="จังหวัด", url=receiver.url, secret=SECRET, events=["proposal.submit"])
        paths.bring_to(State.SUBMITTED, walk=True)
        row = WebhookDelivery.objects.get()
        waits = []
        for _ in range(2):
            start = timezone.now()
            webhooks.send_pending([row.pk])
            row.refresh_from_db()
            waits.append(round((row.next_attempt_at - start).total_seconds()))
            WebhookDelivery.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
        assert row.last_status == 500 and "HTTP 500" in row.last_error and not row.delivered_at
        webhooks.send_pending([row.pk])
    row.refresh_from_db()
    assert waits == [30, 60]
    assert row.delivered_at and row.attempts == 3 and row.last_status == 200
    # The same delivery id each time: the receiver can drop a repeat.
    assert len({h["X-Smartcity-Delivery"] for h, _ in receiver.calls}) == 1 and len(receiver.calls) == 3

    client.force_login(UserFactory(is_superuser=True, is_staff=True, is_office_staff=True))
    page = client.get(reverse("admin:notifications_webhookdelivery_changelist")).content.decode()
    assert str(row.delivery_id) in page


@pytest.mark.django_db
def test_production_accepts_only_https_to_public_addresses(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    for url, fragment in [
        ("http://93.184.216.34/hook", "https only"),
        ("https://127.0.0.1/hook", "127.0.0.1"),
        ("https://10.1.2.3/hook", "10.1.2.3"),
        ("https://192.168.0.10/hook", "192.168.0.10"),
        ("https://169.254.169.254/latest/meta-data", "169.254.169.254"),
        ("https://[::1]/hook", "::1"),
        ("https://localhost/hook", "127.0.0.1"),
    ]:
        endpoint = WebhookEndpoint(name="x", url=url, secret="x", events=[])
        with pytest.raises(ValidationError) as exc:
            endpoint.clean()
        assert fragment in str(exc.value), (url, exc.value)
    assert validators.url_problem("https://93.184.216.34/hook") is None  # a public address


@pytest.mark.django_db
@pytest.mark.parametrize("url, inside", [
    ("https://[::127.0.0.1]/hook", "::127.0.0.1"),  # IPv4-compatible loopback
    ("https://[::ffff:10.0.0.1]/hook", "::ffff:10.0.0.1"),  # IPv4-mapped private
    ("https://[64:ff9b::a9fe:a9fe]/hook", "64:ff9b::a9fe:a9fe"),  # NAT64 of the metadata address
    ("https://[64:ff9b:1::5db8:d822]/hook", "64:ff9b:1::5db8:d822"),  # NAT64 local-use prefix
    ("https://[2002:a9fe:a9fe::]/hook", "2002:a9fe:a9fe::"),  # 6to4 of the metadata address
    ("https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hook", "2001:0:4136:e378:8000:63bf:3fff:fdd2"),  # Teredo
])
def test_ipv6_forms_of_private_addresses_are_refused(settings, url, inside):
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    problem = validators.url_problem(url)
    assert problem and inside in problem, (url, problem)


@pytest.mark.django_db
def test_public_ipv6_and_its_nat64_form_are_accepted(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    assert validators.url_problem("https://[2606:4700:4700::1111]/hook") is None
    assert validators.url_problem("https://[64:ff9b::5db8:d822]/hook") is None  # NAT64 of 93.184.216.34


@pytest.mark.django_db
def test_the_connection_goes_to_the_address_that_was_checked(local_receivers_allowed, monkeypatch):
    """DNS rebinding: the name answers a harmless address at the check and another one later.
    The sender connects to the address it checked, and still names the host it speaks to."""
    import socket
    import uuid

    answers = iter(["127.0.0.1", "10.255.255.1"])  # a second lookup, while connecting, would get 10.x
    real = socket.getaddrinfo

    def rebinding(host, port, *args, **kwargs):
        if host == "hooks.example.test":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    with Receiver() as receiver:
        url = receiver.url.replace("127.0.0.1", "hooks.example.test")
        endpoint = WebhookEndpoint(name="x", url=url, secret=SECRET, events=[])
        delivery = WebhookDelivery(endpoint=endpoint, delivery_id=uuid.uuid4(), event="proposal.certify",
                                   payload={"id": 1})
        response = webhooks.post(delivery)
    assert response.status == 200
    headers, _body = receiver.calls[-1]
    assert headers["Host"] == url.split("/")[2]
