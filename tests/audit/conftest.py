import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from tests.factories import StaffFactory


@pytest.fixture
def officer(db):
    return StaffFactory(first_name="สมหญิง", last_name="ตรวจสอบ")


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    client.cookies["django_language"] = "th"
    return client


def entries_of(obj):
    """The trail's entries of one object, oldest first."""
    ct = ContentType.objects.get_for_model(obj)
    return list(LogEntry.objects.filter(content_type=ct, object_id=obj.pk).order_by("timestamp", "id"))
