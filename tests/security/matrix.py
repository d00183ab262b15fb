"""The access table: for each object URL, the object it is tried on and the
status each kind of visitor must get on GET.

  200 shown · 302 sent to sign in (anonymous) · 403 refused with a message (the
  visitor may know the object exists) · 404 the visitor may not know it exists ·
  405 the URL only takes POST (checked for each visitor in the POST test).

To classify a new URL: add its name to KWARGS (how to fill its path from the
world in tests/security/world.py and whose organisation is the "owner") and to
EXPECT (one status per visitor, in the order of ACTORS).
"""

ACTORS = ("owner", "other_org", "evaluator", "conflicted", "staff", "anonymous")


def pk(key):
    return lambda w: {"pk": w.objects[key].pk}


# name: (path kwargs from the world, the proposal whose organisation is the owner)
KWARGS = {
    # Proposal pages on a confidential proposal (returned for revision).
    "proposal-detail": (pk("confidential"), "confidential"),
    "proposal-transition": (pk("confidential"), "confidential"),
    "proposal-checklist": (pk("confidential"), "confidential"),
    "proposal-edit": (lambda w: {"pk": w.objects["confidential"].pk, "step": "area"}, "confidential"),
    "proposal-autosave": (lambda w: {"pk": w.objects["confidential"].pk, "step": "area"}, "confidential"),
    "annex-upload": (pk("confidential"), "confidential"),
    "annex-download": (lambda w: {"pk": w.objects["confidential"].pk, "attachment_id": w.objects["annex"].pk},
                       "confidential"),
    "annex-delete": (lambda w: {"pk": w.objects["confidential"].pk, "attachment_id": w.objects["annex"].pk},
                     "confidential"),
    "version-compare": (pk("confidential"), "confidential"),
    "version-detail": (lambda w: {"pk": w.objects["confidential"].pk, "number": 1}, "confidential"),
    "proposal-trail": (pk("confidential"), "confidential"),
    "screening-detail": (pk("screening"), "screening"),
    # Evaluation.
    "assign-evaluators": (pk("in_evaluation"), "in_evaluation"),
    "assignment-score": (pk("assignment"), "in_evaluation"),
    "matrix-recommend": (pk("in_evaluation"), "in_evaluation"),
    "matrix-in-principle": (pk("in_evaluation"), "in_evaluation"),
    # Meetings and votes (the proposal on the agenda).
    "meeting-detail": (pk("meeting"), "on_agenda"),
    "meeting-attendance": (pk("meeting"), "on_agenda"),
    "meeting-minutes": (pk("meeting"), "on_agenda"),
    "agenda-item": (pk("item"), "on_agenda"),
    "vote-cast": (pk("item"), "on_agenda"),
    "conflict-declare": (pk("item"), "on_agenda"),
    "item-close": (pk("item"), "on_agenda"),
    "meeting-open": (pk("meeting"), "on_agenda"),
    "meeting-join": (pk("meeting"), "on_agenda"),
    "meeting-leave": (pk("meeting"), "on_agenda"),
    "meeting-evidence": (pk("meeting"), "on_agenda"),
    "meeting-certify": (pk("meeting"), "on_agenda"),
    "item-vote-open": (pk("item"), "on_agenda"),
    "item-ballot": (pk("item"), "on_agenda"),
    "certificate-pdf": (pk("certified"), "certified"),
    # The public verification pages (issue 19); the meeting's minutes were never issued: 404 for all.
    "verify-certificate": (lambda w: {"number": w.objects["certified"].certificate_number}, "certified"),
    "verify-minutes": (pk("meeting"), "on_agenda"),
    # Corrections of the record (a resolution here).
    "correction-new": (lambda w: {"kind": "resolution", "pk": w.objects["resolution"].pk}, "certified"),
    # Organisation and invitations.
    "organisation-invite": (pk("organisation"), "confidential"),
    "invitation-cancel": (pk("invitation"), "confidential"),
    "invitation-accept": (lambda w: {"token": w.objects["invitation"].token}, "confidential"),
    "password_reset_confirm": (lambda w: {"uidb64": "MQ", "token": "set-password"}, "confidential"),
    "api-token-revoke": (pk("api_token"), "confidential"),
    "second-factor-reset": (lambda w: {"pk": w.users["evaluator"].pk}, "confidential"),
    # Sign-in through a state digital ID provider (no provider is configured in this world).
    "oidc-start": (lambda w: {"provider": "thaid"}, "confidential"),
    "oidc-callback": (lambda w: {"provider": "thaid"}, "confidential"),
    # Personal data (PDPA): the owner's own export; a request of the owner's, handled by the Office.
    "privacy-export": (lambda w: {"pk": w.owner_of(w.objects["confidential"]).pk}, "confidential"),
    "privacy-request": (pk("data_request"), "confidential"),
    # Amendments of a public proposal's facts (the certified city's, one waiting).
    "amendment-request": (pk("certified"), "certified"),
    "amendment-detail": (pk("amendment"), "certified"),
    "amendment-decide": (pk("amendment"), "certified"),
    # The public register.
    "city-detail": (pk("certified"), "certified"),
    # Annual progress reports of the certified city (a draft with evidence).
    "city-reports": (pk("certified"), "certified"),
    "report-detail": (pk("report"), "certified"),
    "report-edit": (pk("report"), "certified"),
    "report-submit": (pk("report"), "certified"),
    "report-decide": (pk("report"), "certified"),
    "report-evidence": (lambda w: {"pk": w.objects["report"].pk, "result_pk": w.objects["evidence"].pk},
                        "certified"),
    # Meeting publishing (agenda, voting, minutes) and the inbox.
    "meeting-publish": (lambda w: {"pk": w.objects["meeting"].pk, "what": "agenda"}, "on_agenda"),
    "notification-read": (pk("notification"), "confidential"),
    # The Office's meeting desk (a meeting with the proposal on its agenda).
    "desk-meeting": (pk("meeting"), "on_agenda"),
    "desk-agenda-add": (pk("meeting"), "on_agenda"),
    "desk-postpone": (pk("meeting"), "on_agenda"),
    "desk-cancel": (pk("meeting"), "on_agenda"),
    "desk-agenda-item": (lambda w: {"pk": w.objects["item"].pk, "act": "up"}, "on_agenda"),
    # The API.
    "api-proposal-detail": (pk("confidential"), "confidential"),
    "api-proposal-history": (pk("confidential"), "confidential"),
    "api-proposal-transition": (pk("confidential"), "confidential"),
    "v1-proposal-detail": (pk("confidential"), "confidential"),
    "v1-proposal-history": (pk("confidential"), "confidential"),
    "v1-proposal-transitions": (pk("confidential"), "confidential"),
    "v1-proposal-amendments": (pk("certified"), "certified"),
    "v1-meeting-detail": (pk("meeting"), "on_agenda"),
    "v1-item-vote": (pk("item"), "on_agenda"),
    "v1-city-detail": (pk("certified"), "certified"),
    "v1-province-detail": (lambda w: {"code": "50"}, "confidential"),
    "v1-dimension-detail": (lambda w: {"code": "ENV"}, "confidential"),
}

# name: GET statuses for (owner, other_org, evaluator, conflicted, staff, anonymous)
EXPECT = {
    # A confidential proposal: its organisation and the Office see it; to anyone
    # else it does not exist (404), signed in or not.
    "proposal-detail": (200, 404, 404, 404, 200, 404),
    "proposal-transition": (405, 405, 405, 405, 405, 302),
    # Writing is the organisation's alone; the Office reads, never edits.
    "proposal-checklist": (200, 404, 404, 404, 404, 302),
    "proposal-edit": (200, 404, 404, 404, 404, 302),
    "proposal-autosave": (405, 405, 405, 405, 405, 405),
    "annex-upload": (200, 404, 404, 404, 200, 404),
    "annex-download": (200, 404, 404, 404, 200, 404),
    "annex-delete": (200, 404, 404, 404, 200, 404),
    "version-compare": (200, 404, 404, 404, 200, 404),
    "version-detail": (200, 404, 404, 404, 200, 404),
    # The audit trail is the Office's: even the proposal's own organisation does not read it.
    "proposal-trail": (404, 404, 404, 404, 200, 302),
    # The Office's work pages: nobody else learns the proposal is there.
    "screening-detail": (404, 404, 404, 404, 200, 302),
    "assign-evaluators": (404, 404, 404, 404, 200, 302),
    # Only the assigned evaluator scores; an evaluator not assigned gets 404.
    "assignment-score": (404, 404, 404, 404, 404, 302),
    "matrix-recommend": (405, 405, 405, 405, 405, 302),
    "matrix-in-principle": (405, 405, 405, 405, 405, 302),
    # Meetings: the body's members and the Office. A conflicted member still sits
    # on the body and sees the meeting and the item, never its dossier (checked below).
    "meeting-detail": (404, 404, 404, 200, 200, 302),
    "meeting-attendance": (404, 404, 404, 403, 200, 302),
    "meeting-minutes": (404, 404, 404, 200, 200, 404),
    "agenda-item": (404, 404, 404, 200, 200, 302),
    "vote-cast": (405, 405, 405, 405, 405, 302),
    "conflict-declare": (405, 405, 405, 405, 405, 302),
    "item-close": (405, 405, 405, 405, 405, 302),
    # Running the meeting (issue 15): members join (an identity check); the secretary opens and
    # certifies; the Office alone downloads the evidence pack (the whole record).
    "meeting-open": (405, 405, 405, 405, 405, 302),
    "meeting-join": (404, 404, 404, 200, 200, 302),
    "meeting-leave": (405, 405, 405, 405, 405, 302),
    "meeting-evidence": (404, 404, 404, 403, 200, 302),
    "meeting-certify": (404, 404, 404, 403, 200, 302),
    "item-vote-open": (405, 405, 405, 405, 405, 302),
    "item-ballot": (405, 405, 405, 405, 405, 302),
    # A certificate of a certified city is public.
    "certificate-pdf": (200, 200, 200, 200, 200, 200),
    "verify-certificate": (200, 200, 200, 200, 200, 200),
    "verify-minutes": (404, 404, 404, 404, 404, 404),
    # The Office alone records corrections; to anyone else the page does not exist.
    "correction-new": (404, 404, 404, 404, 200, 302),
    # Organisation: its members only; an invitation link is for the invited, signed out.
    "organisation-invite": (405, 405, 405, 405, 405, 302),
    "invitation-cancel": (200, 404, 404, 404, 404, 302),
    "invitation-accept": (403, 403, 403, 403, 403, 200),
    # The reset link is checked by its token: a wrong one shows "link not valid" to anyone.
    "password_reset_confirm": (200, 200, 200, 200, 200, 200),
    # One's own API token: its owner alone may revoke it; to anyone else it does not exist.
    "api-token-revoke": (405, 405, 405, 405, 405, 302),
    # Resetting another person's second factor is the Office's; to anyone else the page does not exist.
    "second-factor-reset": (404, 404, 404, 404, 200, 302),
    # A provider that is not configured does not exist, for anyone (tests/identity/ tries configured ones).
    "oidc-start": (404, 404, 404, 404, 404, 404),
    "oidc-callback": (404, 404, 404, 404, 404, 404),
    # One's own data only: anybody else's export does not exist, for the Office too; requests are the Office's.
    "privacy-export": (200, 404, 404, 404, 404, 302),
    "privacy-request": (404, 404, 404, 404, 200, 302),
    "city-detail": (200, 200, 200, 200, 200, 200),
    # Amendments: the city's members ask, the Office decides; the reason and the decision are theirs alone.
    "amendment-request": (200, 404, 404, 404, 404, 302),
    "amendment-detail": (200, 404, 404, 404, 200, 302),
    "amendment-decide": (405, 405, 405, 405, 405, 302),
    # Reports: the city's own members write them, the Office reviews them; to
    # anyone else the report does not exist.
    "city-reports": (200, 404, 404, 404, 200, 302),
    "report-detail": (200, 404, 404, 404, 200, 302),
    # The Office reads a report but never writes it: sent back to the report with a message.
    "report-edit": (200, 404, 404, 404, 302, 302),
    "report-submit": (405, 405, 405, 405, 405, 302),
    "report-decide": (405, 405, 405, 405, 405, 302),
    "report-evidence": (200, 404, 404, 404, 200, 302),
    # Publishing to a body's members: the Office and the body's secretary; a plain
    # member of the body is refused, others do not learn the meeting exists.
    "meeting-publish": (404, 404, 404, 403, 200, 302),
    # One's own notification only.
    "notification-read": (405, 405, 405, 405, 405, 302),
    # The meeting desk is the Office's: nobody else learns a meeting exists from it.
    "desk-meeting": (404, 404, 404, 404, 200, 302),
    "desk-postpone": (404, 404, 404, 404, 200, 302),
    "desk-cancel": (404, 404, 404, 404, 200, 302),
    "desk-agenda-add": (405, 405, 405, 405, 405, 302),
    "desk-agenda-item": (405, 405, 405, 405, 405, 302),
    # The API: the same rules; v1 asks anonymous callers to authenticate (403 for
    # every id alike, so it tells nothing about which exist).
    "api-proposal-detail": (200, 404, 404, 404, 200, 404),
    "api-proposal-history": (200, 404, 404, 404, 200, 404),
    "api-proposal-transition": (405, 405, 405, 405, 405, 403),
    "v1-proposal-detail": (200, 404, 404, 404, 200, 403),
    "v1-proposal-history": (200, 404, 404, 404, 200, 403),
    "v1-proposal-transitions": (200, 404, 404, 404, 200, 403),
    "v1-proposal-amendments": (200, 404, 404, 404, 200, 403),
    "v1-meeting-detail": (404, 404, 404, 200, 200, 403),
    "v1-item-vote": (405, 405, 405, 405, 405, 403),
    "v1-city-detail": (200, 200, 200, 200, 200, 200),
    "v1-province-detail": (200, 200, 200, 200, 200, 200),
    "v1-dimension-detail": (200, 200, 200, 200, 200, 200),
}

# POST with an empty body, for the URLs that change something. A refused visitor
# (302 to sign in, 403, 404) must change nothing; the others get a form error.
EXPECT_POST = {
    "proposal-transition": (302, 404, 404, 404, 302, 302),
    "proposal-edit": (200, 404, 404, 404, 404, 302),
    "proposal-autosave": (200, 404, 404, 404, 404, 401),
    "annex-upload": (400, 404, 404, 404, 302, 404),
    "annex-delete": (200, 404, 404, 404, 200, 404),
    "assign-evaluators": (404, 404, 404, 404, 400, 302),
    "assignment-score": (404, 404, 404, 404, 404, 302),
    "matrix-recommend": (404, 404, 404, 404, 400, 302),
    "matrix-in-principle": (404, 404, 404, 404, 400, 302),
    "meeting-attendance": (404, 404, 404, 403, 302, 302),
    "vote-cast": (404, 404, 404, 302, 302, 302),
    "conflict-declare": (404, 404, 404, 302, 302, 302),
    "item-close": (404, 404, 404, 302, 302, 302),
    "meeting-open": (404, 404, 404, 302, 302, 302),
    "meeting-join": (404, 404, 404, 200, 200, 302),
    "meeting-leave": (404, 404, 404, 302, 302, 302),
    "meeting-certify": (404, 404, 404, 403, 200, 302),
    "item-vote-open": (404, 404, 404, 302, 302, 302),
    "item-ballot": (404, 404, 404, 302, 302, 302),
    "correction-new": (404, 404, 404, 404, 200, 302),
    "organisation-invite": (200, 404, 404, 404, 404, 302),
    "report-submit": (302, 404, 404, 404, 302, 302),
    "report-decide": (404, 404, 404, 404, 302, 302),
    # The owner's amendment is already waiting: the page says so and takes no second one.
    "amendment-request": (200, 404, 404, 404, 404, 302),
    "amendment-decide": (404, 404, 404, 404, 302, 302),
    "v1-proposal-amendments": (400, 404, 404, 404, 400, 403),
    "meeting-publish": (404, 404, 404, 403, 302, 302),
    "notification-read": (302, 404, 404, 404, 404, 302),
    # The desk: an empty form is refused with its errors (200) or a message (302); others get 404.
    "desk-postpone": (404, 404, 404, 404, 200, 302),
    "desk-cancel": (404, 404, 404, 404, 200, 302),
    "desk-agenda-add": (404, 404, 404, 404, 302, 302),
    "desk-agenda-item": (404, 404, 404, 404, 302, 302),
    "invitation-cancel": (302, 404, 404, 404, 404, 302),
    "api-token-revoke": (302, 404, 404, 404, 404, 302),
    "second-factor-reset": (404, 404, 404, 404, 200, 302),
    # The Office's empty answer is refused with a message on the page; nobody else reaches it.
    "privacy-request": (404, 404, 404, 404, 200, 302),
    "api-proposal-transition": (400, 404, 404, 404, 400, 403),
    "v1-proposal-transitions": (400, 404, 404, 404, 400, 403),
    "v1-item-vote": (404, 404, 404, 400, 400, 403),
}
