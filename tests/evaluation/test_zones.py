"""A zone group and its zones, linked by the proposal's plain id (reviews/evaluation/zones.py).

The proposal names its group by ``zone_group_id`` (issue 13: no foreign key up from
applications); what the key's PROTECT did is kept on the reviews side.
"""

import datetime

import pytest
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse

from applications.models import Proposal
from provinces.models import Region
from reviews.evaluation import services
from reviews.models import ZoneGroup
from tests import paths
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def _group(number=1):
    region = Region.objects.filter(scheme="four").order_by("order").first()
    return ZoneGroup.objects.create(number=number, region=region, announced_on=datetime.date(2025, 3, 1))


def _zone_in(group):
    proposal = paths.bring_to("screening")
    services.declare_zone(proposal=proposal, by=StaffFactory(), group=group)
    return proposal


def test_a_group_that_holds_a_zone_is_not_deleted_by_its_row_or_a_queryset():
    group = _group()
    proposal = _zone_in(group)
    # Refused inside the delete's transaction (a pre_delete receiver), so each try has its own.
    with pytest.raises(ProtectedError), transaction.atomic():
        group.delete()
    with pytest.raises(ProtectedError), transaction.atomic():
        ZoneGroup.objects.filter(pk=group.pk).delete()
    assert ZoneGroup.objects.filter(pk=group.pk).exists()
    assert Proposal.objects.get(pk=proposal.pk).zone_group_id == group.pk


def test_an_empty_group_is_deleted():
    kept, empty = _group(1), _group(2)
    _zone_in(kept)
    empty.delete()
    assert list(ZoneGroup.objects.values_list("pk", flat=True)) == [kept.pk]


def test_the_admin_lists_the_zones_as_protected_and_deletes_nothing(client):
    group = _group()
    proposal = _zone_in(group)
    client.force_login(StaffFactory(is_superuser=True))
    url = reverse("admin:reviews_zonegroup_delete", args=[group.pk])
    page = client.get(url).content.decode()
    assert proposal.name in page
    assert 'name="post"' not in page  # no confirm button: the admin refuses, as with a protected key
    client.post(url, {"post": "yes"})
    assert ZoneGroup.objects.filter(pk=group.pk).exists()
