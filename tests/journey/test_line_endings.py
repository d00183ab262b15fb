"""Found by the journey: a textarea's line breaks reach the server as CRLF from a plain form
post and as LF from htmx's autosave. Both must store the same text, or comparing two
versions shows a change nobody made (the goals, in the journey)."""

import pytest

from applications.models import Proposal
from tests import paths
from tests.factories import ProposalFactory, proponent

GOALS = ["ลดการปล่อยก๊าซเรือนกระจกร้อยละ 20", "ผู้ใช้ขนส่งสาธารณะเพิ่มเป็นสองเท่า"]


@pytest.mark.django_db
@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
@pytest.mark.parametrize("how", ["form", "autosave"])
def test_line_breaks_are_stored_one_way(client, how, newline):
    user = proponent()
    proposal = ProposalFactory(organisation=user.memberships.get().organisation, created_by=user)
    paths.record_creation(proposal, by=user)
    client.force_login(user)
    url = f"/proposals/{proposal.pk}/edit/area/" + ("autosave/" if how == "autosave" else "")
    response = client.post(url, {"name_th": proposal.name_th, "goals": newline.join(GOALS), "go": "stay"})
    assert response.status_code == (200 if how == "autosave" else 302)
    assert Proposal.objects.get(pk=proposal.pk).goals == "\n".join(GOALS)
