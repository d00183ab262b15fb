"""Handing a proposal in freezes it; later edits never touch the frozen version."""

import pytest

from applications.enums import State
from applications.models import ProposalVersion
from applications.services import proposal_update
from applications.workflow import transition
from tests import paths


@pytest.mark.django_db
def test_submit_freezes_version_one():
    proposal = paths.bring_to(State.SUBMITTED)
    version = proposal.versions.get()
    assert (version.number, version.status_change.action) == (1, "submit")
    assert version.snapshot["area"]["vision"] == "เมืองน่าอยู่ ปลอดภัย"
    assert [d["dimension"] for d in version.snapshot["dimensions"]] == ["ENV", "MOB"]
    assert version.snapshot["dimensions"][0]["initiatives"][0]["budget_thb"] == "1000000.00"


@pytest.mark.django_db
def test_revision_edits_make_a_new_version_and_keep_the_old():
    proposal = paths.bring_to(State.REVISION_REQUESTED)
    member = proposal.organisation.memberships.first().user
    proposal_update(proposal=proposal, by=member, data={"vision": "วิสัยทัศน์ฉบับแก้ไข"})
    transition(proposal, "resubmit", by=member)
    first, second = proposal.versions.order_by("number")
    assert (first.number, second.number) == (1, 2)
    assert first.snapshot["area"]["vision"] == "เมืองน่าอยู่ ปลอดภัย"
    assert second.snapshot["area"]["vision"] == "วิสัยทัศน์ฉบับแก้ไข"
    assert second.status_change.action == "resubmit"


@pytest.mark.django_db
def test_frozen_version_cannot_be_edited_or_deleted():
    proposal = paths.bring_to(State.SUBMITTED)
    version = proposal.versions.get()
    version.snapshot = {}
    with pytest.raises(PermissionError):
        version.save()
    with pytest.raises(PermissionError):
        version.delete()
    with pytest.raises(PermissionError):
        ProposalVersion.objects.filter(pk=version.pk).update(snapshot={})
    assert ProposalVersion.objects.get(pk=version.pk).snapshot["area"]["name_th"] == proposal.name_th


@pytest.mark.django_db
def test_moves_that_do_not_hand_in_make_no_version():
    proposal = paths.bring_to(State.PROMOTION_ZONE)
    assert list(proposal.versions.values_list("number", "status_change__action")) == [(1, "submit")]
