"""History imported from the public record is not news: no notification, and nothing posted to webhooks,
even to an endpoint registered before the import for every event; a real move afterwards is posted."""

import csv

import pytest

from applications.enums import State
from applications.workflow import transition
from notifications.models import Notification, WebhookDelivery, WebhookEndpoint
from notifications.webhooks import event_choices
from register.services import load_public_record
from tests import paths
from tests.factories import StaffFactory

from .test_webhooks import Receiver, local_receivers_allowed  # noqa: F401 (a fixture)


def _record(tmp_path):
    path = tmp_path / "record.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["round", "name_th", "name_en", "province_code", "subcommittee_meeting", "announced_on",
                    "committee_acknowledged_on", "confidence", "source"])
        w.writerow([1, "เมืองทดสอบหนึ่ง", "Test City One", "50", "1/2564", "2021-05-24", "2021-11-05", "confirmed", "t"])
        w.writerow([1, "เมืองทดสอบสอง", "Test City Two", "83", "1/2564", "2021-05-24", "", "confirmed", "t"])
    return path


@pytest.mark.django_db
def test_imported_history_posts_nothing_to_webhooks(tmp_path, local_receivers_allowed,  # noqa: F811
                                                    django_capture_on_commit_callbacks, tasks_in_process):
    with Receiver() as receiver:
        WebhookEndpoint.objects.create(name="สำนักงานจังหวัด", url=receiver.url, secret="s",
                                       events=[value for value, _label in event_choices()])
        with django_capture_on_commit_callbacks(execute=True):
            counts = load_public_record(_record(tmp_path))
        assert counts["areas"] == 2
        assert not WebhookDelivery.objects.exists()
        assert not Notification.objects.exists()
        assert receiver.calls == []

        # The endpoint is live: a move made now is posted, once.
        proposal = paths.bring_to(State.ACKNOWLEDGED)
        WebhookDelivery.objects.all().delete()
        receiver.calls.clear()
        with django_capture_on_commit_callbacks(execute=True):
            transition(proposal, "certify", by=StaffFactory())
    assert len(receiver.calls) == 1
    assert WebhookDelivery.objects.get().payload["proposal"]["reference"] == proposal.reference
