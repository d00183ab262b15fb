"""The workflow's moves as admin actions: a confirmation page, then transition() per proposal."""

import datetime

import pytest
from django.contrib import admin, messages
from django.contrib.auth.models import Permission
from django.test import RequestFactory
from django.utils import timezone

from applications.enums import Role, State
from applications.models import Proposal, StatusChange
from applications.workflow import MOVES
from tests import paths
from tests.factories import ProposalFactory, UserFactory

from .conftest import messages_of, url

TEMPLATE = "admin/applications/proposal/move_confirmation.html"


def act(client, action, proposals, **fields):
    data = {"action": action, "_selected_action": [p.pk for p in proposals], **fields}
    return client.post(url(Proposal), data)


def history_count(proposal):
    return StatusChange.objects.filter(proposal=proposal).count()


def test_actions_generated_for_every_office_move(superuser):
    request = RequestFactory().get("/admin/")
    request.user = superuser
    names = {n for n in admin.site._registry[Proposal].get_actions(request) if n.startswith("move_")}
    assert names == {f"move_{m.action.value}" for m in MOVES if Role.STAFF in m.roles}
    assert "move_screen" in names and "move_submit" not in names


@pytest.mark.django_db
def test_action_shows_confirmation_first(en, officer):
    proposal = paths.bring_to(State.SUBMITTED)
    en.force_login(officer)
    response = act(en, "move_screen", [proposal])
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == TEMPLATE
    assert [row["proposal"] for row in response.context["rows"]] == [proposal]
    assert list(response.context["form"].fields) == ["note"]
    proposal.refresh_from_db()
    assert proposal.status == State.SUBMITTED


@pytest.mark.django_db
def test_screen_action_moves_submitted_proposal_through_workflow(en, officer):
    proposal = paths.bring_to(State.SUBMITTED)
    en.force_login(officer)
    response = act(en, "move_screen", [proposal], apply="yes", note="เริ่มตรวจเอกสาร")
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == State.SCREENING
    last = proposal.history.order_by("-at", "-id").first()
    assert (last.action, last.from_state, last.to_state) == ("screen", State.SUBMITTED, State.SCREENING)
    assert (last.actor, last.actor_role, last.note) == (officer, Role.STAFF, "เริ่มตรวจเอกสาร")
    assert messages_of(response) == [(messages.SUCCESS, "“Start screening” done for 1 proposal.")]


@pytest.mark.django_db
def test_refused_action_names_proposal_and_leaves_it_unchanged(en, superuser):
    draft = ProposalFactory()
    submitted = paths.bring_to(State.SUBMITTED)
    en.force_login(superuser)
    before = history_count(draft)
    response = act(en, "move_screen", [draft, submitted], apply="yes")
    assert response.status_code == 302
    draft.refresh_from_db()
    submitted.refresh_from_db()
    assert (draft.status, history_count(draft)) == (State.DRAFT, before)
    assert submitted.status == State.SCREENING
    assert messages_of(response) == [
        (messages.ERROR, f"{draft.reference}: “Start screening” is not possible while the proposal is “Draft”."),
        (messages.SUCCESS, "“Start screening” done for 1 proposal."),
    ]


@pytest.mark.django_db
def test_action_needing_note_refused_without_one(en, superuser):
    proposal = paths.bring_to(State.SCREENING)
    en.force_login(superuser)
    before = history_count(proposal)
    deadline = timezone.localdate() + datetime.timedelta(days=30)
    response = act(en, "move_return_for_revision", [proposal], apply="yes", note="   ", deadline=deadline.isoformat())
    # The page comes back with the reason, keeping the deadline typed.
    assert response.status_code == 200
    assert response.context["form"].errors == {"note": ["This field is required."]}
    assert response.context["form"]["deadline"].value() == deadline.isoformat()
    proposal.refresh_from_db()
    assert (proposal.status, history_count(proposal)) == (State.SCREENING, before)


@pytest.mark.django_db
def test_return_for_revision_records_note_and_deadline(en, superuser):
    proposal = paths.bring_to(State.SCREENING)
    en.force_login(superuser)
    deadline = timezone.localdate() + datetime.timedelta(days=20)
    response = act(en, "move_return_for_revision", [proposal], apply="yes", note="ขาดแผนที่", deadline=deadline)
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.revision_deadline) == (State.REVISION_REQUESTED, deadline)
    last = proposal.history.order_by("-at", "-id").first()
    assert (last.actor, last.note, last.deadline) == (superuser, "ขาดแผนที่", deadline)


@pytest.mark.django_db
def test_deadline_confirmation_offers_programme_default(en, superuser):
    proposal = paths.bring_to(State.SCREENING)
    en.force_login(superuser)
    response = act(en, "move_return_for_revision", [proposal])
    assert response.context["form"]["deadline"].value() == timezone.localdate() + datetime.timedelta(days=30)


@pytest.mark.django_db
def test_deadline_not_after_today_refused_by_workflow(en, superuser):
    proposal = paths.bring_to(State.SCREENING)
    en.force_login(superuser)
    response = act(
        en, "move_return_for_revision", [proposal], apply="yes", note="ขาดแผนที่",
        deadline=timezone.localdate().isoformat(),
    )
    assert response.status_code == 302
    assert messages_of(response) == [(messages.ERROR, f"{proposal.reference}: The deadline must be after today.")]
    proposal.refresh_from_db()
    assert proposal.status == State.SCREENING


@pytest.fixture
def on_agenda_with_approval(db):
    proposal = paths.bring_to(State.ON_AGENDA)
    return proposal, paths.resolution(proposal, "approve", "subcommittee")


@pytest.mark.django_db
def test_resolution_action_offers_the_proposals_resolution(en, superuser, on_agenda_with_approval):
    proposal, resolution = on_agenda_with_approval
    en.force_login(superuser)
    response = act(en, "move_resolve_approve", [proposal])
    field = response.context["form"][f"resolution_{proposal.pk}"]
    assert field.value() == resolution.pk
    assert [value for value, _label in field.field.choices] == ["", resolution.pk]


@pytest.mark.django_db
def test_resolution_action_links_chosen_resolution(en, superuser, on_agenda_with_approval):
    proposal, resolution = on_agenda_with_approval
    en.force_login(superuser)
    response = act(en, "move_resolve_approve", [proposal], apply="yes", **{f"resolution_{proposal.pk}": resolution.pk})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == State.APPROVED
    last = proposal.history.order_by("-at", "-id").first()
    assert (last.action, last.resolution, last.actor) == ("resolve_approve", resolution, superuser)


@pytest.mark.django_db
def test_resolution_action_without_resolution_refused_for_that_proposal(en, superuser, on_agenda_with_approval):
    decided, resolution = on_agenda_with_approval
    undecided = paths.bring_to(State.ON_AGENDA)
    en.force_login(superuser)
    response = act(
        en, "move_resolve_approve", [decided, undecided], apply="yes",
        **{f"resolution_{decided.pk}": resolution.pk, f"resolution_{undecided.pk}": ""},
    )
    assert messages_of(response) == [
        (messages.ERROR, f"{undecided.reference}: Link the meeting resolution that decided this."),
        (messages.SUCCESS, "“Record subcommittee approval” done for 1 proposal."),
    ]
    decided.refresh_from_db()
    undecided.refresh_from_db()
    assert (decided.status, undecided.status) == (State.APPROVED, State.ON_AGENDA)


@pytest.mark.django_db
def test_resolution_of_another_proposal_cannot_be_posted(en, superuser, on_agenda_with_approval):
    proposal, _resolution = on_agenda_with_approval
    other = paths.bring_to(State.ON_AGENDA)
    foreign = paths.resolution(other, "approve", "subcommittee")
    en.force_login(superuser)
    response = act(en, "move_resolve_approve", [proposal], apply="yes", **{f"resolution_{proposal.pk}": foreign.pk})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [f"resolution_{proposal.pk}"]
    proposal.refresh_from_db()
    assert proposal.status == State.ON_AGENDA


@pytest.mark.django_db
def test_action_refused_to_staff_not_in_office(client):
    user = UserFactory(is_staff=True)
    user.user_permissions.set(Permission.objects.all())
    proposal = paths.bring_to(State.SUBMITTED)
    client.force_login(user)
    response = act(client, "move_screen", [proposal], apply="yes")
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == State.SUBMITTED


@pytest.mark.django_db
def test_proposal_search_by_reference(client, superuser):
    wanted, _other = ProposalFactory(), ProposalFactory()
    client.force_login(superuser)
    response = client.get(url(Proposal), {"q": wanted.reference})
    assert list(response.context["cl"].result_list) == [wanted]
