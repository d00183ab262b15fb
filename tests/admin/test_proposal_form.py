"""The proposal's change page: its own fields are edited, its status and history are not."""

import pytest
from django.contrib import admin
from django.utils import translation

from applications.enums import State
from applications.models import Proposal, StatusChange
from dimensions.models import Dimension
from tests import paths

from .conftest import url


def change_form_data(response):
    """What the browser would send back unchanged: the main form and every inline's forms."""
    data = {}

    def put(form):
        for name in form.fields:
            value = form[name].value()
            if value is not None:
                data[form.add_prefix(name)] = value

    put(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        put(inline.formset.management_form)
        for form in inline.formset.forms:
            put(form)
    return data


@pytest.mark.django_db
def test_proposal_change_saves_fields_but_never_status(client, superuser):
    proposal = paths.bring_to(State.SCREENING)
    history = StatusChange.objects.filter(proposal=proposal).count()
    client.force_login(superuser)
    page = client.get(url(Proposal, "change", proposal.pk))
    data = change_form_data(page)
    assert "status" not in data and "revision_deadline" not in data
    data.update(name_en="Corrected name", status=State.CERTIFIED, revision_deadline="2099-01-01")
    response = client.post(url(Proposal, "change", proposal.pk), data)
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.name_en, proposal.status, proposal.revision_deadline) == ("Corrected name", State.SCREENING, None)
    assert StatusChange.objects.filter(proposal=proposal).count() == history


@pytest.mark.django_db
def test_proposal_change_page_shows_history_read_only(client, superuser):
    proposal = paths.bring_to(State.SCREENING)
    client.force_login(superuser)
    response = client.get(url(Proposal, "change", proposal.pk))
    inlines = {i.opts.model: i for i in response.context["inline_admin_formsets"]}
    history = inlines[StatusChange]
    assert (history.has_add_permission, history.has_change_permission, history.has_delete_permission) == (
        False, False, False,
    )
    assert [f.instance.action for f in history.formset.forms] == ["create", "submit", "screen"]


@pytest.mark.django_db
def test_proposal_page_lists_office_moves_with_what_stands_in_the_way(superuser):
    proposal = paths.bring_to(State.EVALUATION)
    # No evaluator has scored yet, so "recommend" is not ready.
    with translation.override("en"):
        shown = admin.site._registry[Proposal].office_moves(proposal)
        env, mob = (Dimension.objects.get(code=c).name for c in ("ENV", "MOB"))
    assert shown == (
        "<div><strong>Approve in principle, with revisions</strong>: ready</div>"
        f"<div><strong>Recommend for the subcommittee agenda</strong>: {env} has not been scored yet. "
        f"{mob} has not been scored yet.</div>"
    )
