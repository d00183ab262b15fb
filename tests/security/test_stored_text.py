"""Text with <script> in every free-text field is shown escaped on every page.

Every CharField/TextField of the portal's own models that a person can type
into is filled with a payload naming the field; then every page the world's
visitors can open (object pages from the access table, and the lists) is read
as each of them. No page may carry a payload as markup; each payload that a
page shows must be there escaped.
"""

import re

import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import SecondFactorReset, User
from applications.amendments.services import amendment_decide, amendment_request
from applications.enums import State
from applications.models import ProposalAmendment, ProposalVersion, StatusChange
from applications.workflow import transition
from monitoring.models import ProgressReport, ReportEvent
from notifications.models import Notification, WebhookDelivery, WebhookEndpoint
from privacy.forms import NOTICE_FIELDS
from privacy.models import Acknowledgement, PrivacyNotice, SignInEvent
from privacy.services import notice_answer, notice_publish
from register.models import PublicRecord
from reviews.corrections.services import correction_record
from reviews.models import (
    ConflictDeclaration,
    Correction,
    CriterionScore,
    IssuedDocument,
    MinutesCertification,
    Resolution,
    ScoreReopening,
    ScoreSubmission,
    Vote,
)
from tests import paths
from tests.project import project_app_labels

from . import world as world_module
from .matrix import ACTORS, EXPECT, KWARGS

# Every app of the project (its code under BASE_DIR).
APPS = project_app_labels()
# Not free text: secrets, hashes, machine names, or rows that are append-only.
SKIP_FIELDS = {"password", "token", "secret", "sha256", "content_type", "file", "username", "email", "code", "slug"}
APPEND_ONLY = (StatusChange, Vote, ProposalVersion, ReportEvent, Resolution, ConflictDeclaration, ScoreSubmission,
               ScoreReopening, Correction, SecondFactorReset,
               ProposalAmendment, PrivacyNotice, Acknowledgement, IssuedDocument, MinutesCertification)
# Rows that are the record once submitted: only the drafts among them take the payload by an update.
DRAFTS_ONLY = {CriterionScore: {"assignment__submitted_at__isnull": True}}
LISTS = ["privacy-notice", "privacy-my-data", "home", "proposal-list", "city-list", "screening", "score-matrix",
         "my-meetings", "my-assignments",
         "organisation", "organisation-list", "zone-groups", "committee-acknowledge"]
RAW = re.compile(r"<script>xss\(")


def payload(label):
    return f'<script>xss("{label}")</script>'


def free_text_fields():
    for app in APPS:
        for model in apps.get_app_config(app).get_models():
            if issubclass(model, APPEND_ONLY) or model._meta.proxy:
                continue
            for f in model._meta.concrete_fields:
                if (isinstance(f, models.CharField | models.TextField) and not f.choices
                        and not any(f.name == skip or f.name.endswith(f"_{skip}") for skip in SKIP_FIELDS)
                        and (f.max_length or 1000) >= 60 and not f.unique):
                    yield model, f


@pytest.fixture(scope="module")
def hostile_world_once(built_once):
    with built_once():
        return _hostile_world()


@pytest.fixture
def hostile_world(db, hostile_world_once):
    """Built once for the module's tests (each rolls back to it)."""
    return hostile_world_once


def _hostile_world():
    # Subscribed before the world's moves, so they leave webhook deliveries as well as notifications.
    WebhookEndpoint.objects.create(name="จังหวัด", url="https://hooks.example.go.th/sc", secret="s",
                                   events=["proposal.return_for_revision"])
    world = world_module.build()
    certified = world.objects["certified"]
    member = world.owner_of(certified)
    ProgressReport.objects.create(proposal=certified, period_end=certified.certified_on, progress_percent=55,
                                  submitted_by=member)
    PublicRecord.objects.create(proposal=certified, round=1, source="ราชกิจจานุเบกษา", key=certified.name_en)
    # A draft score (the submitted ones are the record, never updated).
    assignment = world.objects["assignment"]
    CriterionScore.objects.create(assignment=assignment, subcriterion=assignment.dimension.subcriteria.first(),
                                  score=50)
    # A subject linked at sign-in is whatever the provider sent: the payload too.
    from identity.models import LinkedIdentity

    LinkedIdentity.objects.create(user=member, provider="thaid", subject="s", linked_by="email")
    SignInEvent.objects.create(user=member)
    filled = []
    for model, f in free_text_fields():
        label = f"{model._meta.label}.{f.name}"
        rows = model.objects.filter(**DRAFTS_ONLY.get(model, {}))
        if rows.exists():
            rows.update(**{f.name: payload(label)})
            filled.append(label)
    # The record's own rows are written once, with the payload: a conflict declared, and a
    # correction of the certified city's approving resolution (its text shows on the register).
    item = world.objects["item"]
    ConflictDeclaration.objects.create(agenda_item=item, member=paths.BodyMembershipFactory().user,
                                       reason=payload("ConflictDeclaration.reason"))
    correction_record(target=world.objects["resolution"], field="text", value=payload("Correction.value"),
                      reason=payload("Correction.reason"), by=world.users["staff"])
    filled += ["ConflictDeclaration.reason", "Correction.value", "Correction.reason"]
    # The history's notes are written once, by a move: make one with the payload.
    screening = world.objects["screening"]
    transition(screening, "return_for_revision", by=world.users["staff"], note=payload("StatusChange.note"),
               deadline=paths.deadline_after(timezone.now()))
    filled.append("StatusChange.note")
    # So is a second-factor reset's reason (shown on the reset page the Office opens).
    SecondFactorReset.objects.create(user=world.users["evaluator"], by=world.users["staff"],
                                     reason=payload("accounts.SecondFactorReset.reason"))
    filled.append("accounts.SecondFactorReset.reason")
    # An amendment is written once, by its request, and decided once: the payload in both.
    on_agenda = world.objects["on_agenda"]
    amendment = amendment_request(proposal=on_agenda, by=world.owner_of(on_agenda), reason=payload("Amendment.reason"),
                                  changes={"name_en": payload("Amendment.after")})
    amendment_decide(amendment=amendment, by=world.users["staff"], accept=False,
                     note=payload("Amendment.decision_note"))
    filled += ["Amendment.reason", "Amendment.after", "Amendment.decision_note"]
    world.objects["amendment"] = amendment
    # The privacy notice is written once, by the Office, with the payload in every section; everyone in
    # the world accepts it, so their pages are the ones checked (and the notice's page with them).
    notice = notice_publish(by=world.users["staff"], **{
        name: payload(f"privacy.PrivacyNotice.{name}") for name in NOTICE_FIELDS})
    filled += [f"privacy.PrivacyNotice.{name}" for name in NOTICE_FIELDS]
    for user in User.objects.all():
        notice_answer(user=user, notice=notice, accepted=True)
    world.filled = filled
    return world


def pages(world):
    for name in LISTS:
        yield name, reverse(name), ACTORS
    for name, statuses in EXPECT.items():
        if name.startswith(("api-", "v1-")):
            continue  # JSON, never markup
        kwargs_fn, owner_key = KWARGS[name]
        allowed = [a for a, s in zip(ACTORS, statuses, strict=True) if s == 200]
        yield name, reverse(name, kwargs=kwargs_fn(world)), allowed
    yield "screening-detail (returned)", reverse("proposal-detail", args=[world.objects["screening"].pk]), ["staff"]


@pytest.mark.slow  # every page, as every kind of visitor
def test_payload_never_reaches_a_page_as_markup(hostile_world):
    world = hostile_world
    clients = {}
    shown = set()
    checked = 0
    for actor in ACTORS:
        client = Client()
        if actor == "anonymous":
            pass
        elif actor == "owner":
            client.force_login(world.owner_of(world.objects["confidential"]))
        else:
            client.force_login(world.users[actor])
        clients[actor] = client
    for name, url, actors in pages(world):
        for actor in actors:
            response = clients[actor].get(url)
            if not response.get("Content-Type", "").startswith("text/html") or response.status_code != 200:
                continue
            text = response.content.decode()
            checked += 1
            assert not RAW.search(text), f"{name} ({url}) as {actor} shows raw markup: {RAW.search(text)}"
            shown |= set(re.findall(r"&lt;script&gt;xss\(&quot;([\w.]+)&quot;\)", text))
    assert checked > 40
    # The fields people read most must have been on some page, escaped.
    for label in ("applications.Proposal.name_th", "applications.Proposal.vision", "StatusChange.note",
                  "provinces.Organisation.name_th", "applications.Initiative.title",
                  "Correction.value", "Correction.reason", "ConflictDeclaration.reason",
                  "accounts.SecondFactorReset.reason", "Amendment.reason",
                  "Amendment.after", "Amendment.decision_note"):
        assert label in shown, (label, sorted(shown))


def test_every_free_text_field_was_filled(hostile_world):
    # Guards the test itself: a model with free text but no row in the world would be untested.
    labels = {f"{m._meta.label}.{f.name}" for m, f in free_text_fields()}
    missing = sorted(labels - set(hostile_world.filled))
    assert len(labels) > 20
    assert missing == []


def test_text_is_stored_as_typed_and_escaped_only_on_the_page(hostile_world):
    """The payload is kept verbatim (escaping is the page's job, at output), so it reads right anywhere."""
    returned = hostile_world.objects["screening"]
    returned.refresh_from_db()
    assert returned.status == State.REVISION_REQUESTED
    assert returned.history.get(action="return_for_revision").note == payload("StatusChange.note")
    # The rows filled above, and the ones the move wrote from a template holding the payload.
    assert set(Notification.objects.values_list("subject", flat=True)) == {
        payload("notifications.Notification.subject"), payload("notifications.NotificationTemplate.subject")}
    assert list(WebhookDelivery.objects.order_by("pk").values_list("event", flat=True)) == [
        payload("notifications.WebhookDelivery.event"), "proposal.return_for_revision"]
