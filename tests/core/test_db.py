import pytest

from core.db import sync_row
from provinces.models import OrganisationKind

pytestmark = pytest.mark.django_db


def test_sync_row_creates_then_leaves_an_unchanged_row_unwritten_then_updates_only_what_changed():
    values = {"name_th": "ทดสอบ", "name_en": "Test", "order": 90}
    once = {"is_local_government": False}
    kind, status = sync_row(OrganisationKind, {"code": "test_kind"}, values, create_only=once)
    assert status == "created"
    assert (kind.code, kind.name_th, kind.order, kind.is_local_government) == ("test_kind", "ทดสอบ", 90, False)

    # Staff set the flag later: a re-run neither writes the row nor resets what is create-only.
    OrganisationKind.objects.filter(pk=kind.pk).update(is_local_government=True)
    again, status = sync_row(OrganisationKind, {"code": "test_kind"}, values, create_only=once)
    assert (again.pk, status) == (kind.pk, "unchanged")

    changed, status = sync_row(OrganisationKind, {"code": "test_kind"}, {**values, "name_en": "Tested"})
    assert (changed.pk, status) == (kind.pk, "updated")
    kind.refresh_from_db()
    assert (kind.name_th, kind.name_en, kind.is_local_government) == ("ทดสอบ", "Tested", True)
    assert OrganisationKind.objects.filter(code="test_kind").count() == 1
