"""Every model of the project is either in the trail or left out for a reason written here."""

from django.apps import apps

from core.audit import audited_models
from tests.project import project_app_labels

# Left out, and why: none of these is a decision of the Office about the record.
NOT_AUDITED = {
    "provinces.Region": "the national list of regions, kept by the loader",
    "provinces.Province": "the national list of provinces, kept by the loader",
    "applications.StepDraft": "the editor's autosave of unfinished typing",
    "notifications.Notification": "the outbox, written by the system",
    "notifications.WebhookDelivery": "the outbox of webhooks, written by the system",
    "notifications.Preference": "each person's own choice of how to be told",
    "accounts.ApiToken": "a person's own sign-in tokens (hashed keys), made and revoked by the sign-in policy",
    "privacy.Acknowledgement": "a person's own answer to the privacy notice, itself an append-only log",
    "privacy.SignInEvent": "the sign-in history, itself a log, deleted after the retention period",
    "reviews.SecretBallot": "a secret ballot: an audit entry (who, when) would tie the choice to its voter",
    "reviews.IssuedDocument": "the signed PDFs, issued by the system whenever a record changed; append-only,"
                              " each row dated and linked to the edition it supersedes (its own trail)",
}


def test_every_model_of_the_project_is_audited_or_left_out_for_a_reason():
    ours = {m._meta.label for label in project_app_labels() for m in apps.get_app_config(label).get_models()}
    audited = {m._meta.label for m in audited_models()}
    assert ours - audited == set(NOT_AUDITED)
    assert audited - ours == set()


def test_the_record_s_moves_votes_and_scores_are_audited():
    audited = {m._meta.label for m in audited_models()}
    assert {
        "applications.Proposal", "applications.ProposalVersion", "applications.StatusChange", "applications.Attachment",
        "reviews.Body", "reviews.BodyMembership", "reviews.Meeting", "reviews.AgendaItem", "reviews.Resolution",
        "reviews.Attendance", "reviews.ConflictDeclaration", "reviews.Vote", "reviews.EvaluatorAssignment",
        "reviews.CriterionScore", "reviews.ZoneGroup", "monitoring.ProgressReport", "accounts.User",
    } <= audited
