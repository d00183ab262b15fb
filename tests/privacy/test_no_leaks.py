"""Personal data never leaves in open data, exports, webhooks or logs (issue 20, item 4).

Every person of a certified city's story gets an e-mail address and a phone number; the public files,
the public API, the webhook payloads and the JSON log lines are then read whole and searched for them.
"""

import io
import json
import logging

import pytest
from django.urls import reverse
from pythonjsonlogger.json import JsonFormatter

from accounts.models import User
from accounts.services import cancel_invitation
from applications.enums import State
from core.logfilters import PersonalDataFilter
from notifications.models import WebhookDelivery, WebhookEndpoint
from notifications.webhooks import event_choices
from tests import paths

pytestmark = pytest.mark.django_db

PUBLIC = ["export-csv", "export-json", "export-geojson", "feed", "opendata-index",
          "opendata-catalog-jsonld", "opendata-catalog-ttl", "city-list", "map", "v1-city-list",
          "v1-province-list", "v1-dimension-list", "sitemap"]


def seeded():
    """A certified city, walked through the real workflow with a webhook listening to every event;
    everyone in the database then has an address and a phone number to look for."""
    WebhookEndpoint.objects.create(name="จังหวัด", url="https://hooks.example.org/in", secret="s" * 32,
                                   events=[value for value, _label in event_choices()])
    city = paths.bring_to(State.CERTIFIED, walk=True)
    secrets = []
    for n, user in enumerate(User.objects.order_by("pk")):
        email, phone = f"leak.{n}@people.example.go.th", f"08{n % 10}-555-{1000 + n}"
        User.objects.filter(pk=user.pk).update(email=email, phone=phone)
        secrets += [email, phone, phone.replace("-", "")]
    return city, secrets


def test_public_exports_open_data_and_api_hold_no_e_mail_or_phone(client):
    city, secrets = seeded()
    bodies = {name: client.get(reverse(name)) for name in PUBLIC}
    bodies["city-detail"] = client.get(reverse("city-detail", args=[city.pk]))
    bodies["v1-city-detail"] = client.get(reverse("v1-city-detail", args=[city.pk]))
    for name in [p.name for p in __import__("register.opendata_urls", fromlist=["urlpatterns"]).urlpatterns]:
        bodies[name] = client.get(reverse(name), follow=True)  # the catalogue negotiates its format
    assert {name: r.status_code for name, r in bodies.items() if r.status_code != 200} == {}
    text = {name: b"".join(r.streaming_content if r.streaming else [r.content]).decode() for name, r in bodies.items()}
    assert city.name_th in text["export-json"]  # the city is there, its people are not
    leaks = {name: [s for s in secrets if s in body] for name, body in text.items()}
    assert {name: found for name, found in leaks.items() if found} == {}


def test_webhook_payloads_hold_no_e_mail_or_phone():
    _city, secrets = seeded()
    payloads = json.dumps(list(WebhookDelivery.objects.values_list("payload", flat=True)), ensure_ascii=False)
    assert WebhookDelivery.objects.count() >= 5
    users = json.dumps(list(User.objects.values_list("username", "first_name", "last_name")), ensure_ascii=False)
    assert [s for s in secrets if s in payloads] == []
    assert [name for name in json.loads(users)[0][1:] if name and name in payloads] == []


@pytest.fixture
def json_log():
    """The production log line: JSON, through the filters settings.LOGGING gives the console."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    handler.addFilter(PersonalDataFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    level = root.level
    root.setLevel(logging.INFO)
    yield stream
    root.removeHandler(handler)
    root.setLevel(level)


def test_json_logs_mask_e_mail_addresses_and_phone_numbers(json_log):
    _city, secrets = seeded()
    user = User.objects.order_by("pk").first()
    from accounts.models import Invitation

    invitation = Invitation.objects.create(organisation=user.memberships.first().organisation,
                                           email="invitee@people.example.go.th", invited_by=user)
    cancel_invitation(invitation=invitation, by=user)
    # A library's message names the recipient (smtplib's refusal does): masked all the same.
    logging.getLogger("smtplib-like").warning("recipient %s refused, call %s", secrets[0], secrets[1])
    try:
        raise ValueError(f"bad address {secrets[3]}")
    except ValueError:
        logging.getLogger("worker").exception("delivery failed")
    lines = [json.loads(line) for line in json_log.getvalue().splitlines()]
    assert any(line["message"] == "recipient [e-mail] refused, call [phone]" for line in lines)
    assert any("bad address [e-mail]" in line.get("exc_info", "") for line in lines)
    everything = json_log.getvalue()
    assert [s for s in [*secrets, "invitee@people.example.go.th"] if s in everything] == []
