"""The one DomainError base: every family's refusal answers pages and the API the same way."""

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import RequestFactory
from django.utils import translation
from django_htmx.middleware import HtmxDetails
from rest_framework.exceptions import NotFound, Throttled

from accounts.services import AccountError, AccountExists, AlreadyMember, InvitationClosed, WrongAccount
from core.api import exception_handler
from core.errors import DomainError
from core.middleware import DomainErrorMiddleware
from reviews.evaluation.services import EvaluationError
from reviews.voting.services import VotingError


def test_every_domain_error_family_is_a_domain_error():
    for family in (VotingError, EvaluationError, AccountError, AlreadyMember, InvitationClosed):
        assert issubclass(family, DomainError), family


@pytest.mark.parametrize(("code", "status"), [
    ("invalid", 400), ("unknown", 400), ("forbidden", 403), ("not_found", 404),
    ("not_allowed", 409), ("guard", 409), ("closed", 409), ("duplicate", 409), ("transition", 409),
])
def test_a_code_maps_to_its_http_status(code, status):
    assert DomainError("refused", code=code).status_of() == status


def test_without_a_code_it_is_the_input_at_fault():
    error = DomainError("Give a deadline.", field="deadline")
    assert (error.code, error.status_of(), str(error)) == ("invalid", 400, "Give a deadline.")
    assert error.as_dict() == {"detail": "Give a deadline.", "code": "invalid", "field": "deadline"}


def test_as_dict_carries_each_problem_and_leaves_out_what_is_empty():
    error = DomainError("Not ready.", code="guard", problems=["No province.", "No budget."])
    assert error.as_dict() == {"detail": "Not ready.", "code": "guard", "problems": ["No province.", "No budget."]}
    assert DomainError("No.", code="forbidden").as_dict() == {"detail": "No.", "code": "forbidden"}


@pytest.mark.parametrize(("code", "status"), [
    ("invalid", 400), ("not_member", 403), ("closed", 409), ("conflicted", 409), ("voted", 409),
    ("forbidden", 409), ("no_quorum", 409),
])
def test_a_refused_vote_is_a_conflict_unless_the_input_or_membership_is_at_fault(code, status):
    # The statuses the API has always answered for a vote.
    assert VotingError("refused", code=code).status_of() == status


def test_an_evaluation_error_keeps_its_field_and_problems():
    error = EvaluationError("Choose a region.", field="region", problems=["a", "b"])
    assert (error.message, error.code, error.field, error.problems) == ("Choose a region.", "invalid", "region",
                                                                       ["a", "b"])
    assert error.status_of() == 400


def test_account_errors_say_their_message_in_the_readers_language():
    with translation.override("en"):
        assert AlreadyMember().message == "This person is already a member of the organisation."
    with translation.override("th"):
        assert AlreadyMember().message == "บุคคลนี้เป็นสมาชิกของหน่วยงานอยู่แล้ว"
        closed = InvitationClosed("expired")
    assert (closed.message, closed.reason, closed.code, closed.status_of()) == (
        "คำเชิญนี้ใช้ไม่ได้แล้ว", "expired", "closed", 409)
    assert [(e.code, e.status_of()) for e in (AccountExists(), WrongAccount())] == [("duplicate", 409),
                                                                                   ("forbidden", 403)]


# --- The API's handler -------------------------------------------------------------------------

def test_the_api_answers_a_domain_error_with_its_body_and_status():
    response = exception_handler(VotingError("This item is closed.", code="closed"), {})
    assert (response.status_code, response.data) == (409, {"detail": "This item is closed.", "code": "closed"})
    response = exception_handler(VotingError("Choose a choice.", code="invalid", field="choice"), {})
    assert (response.status_code, response.data) == (
        400, {"detail": "Choose a choice.", "code": "invalid", "field": "choice"})


def test_the_api_leaves_other_errors_to_drf_and_says_when_to_come_back_in_the_readers_language():
    assert exception_handler(ValueError("a bug"), {}) is None
    assert exception_handler(NotFound(), {}).status_code == 404
    with translation.override("en"):
        response = exception_handler(Throttled(wait=59.2), {})
    assert (response.status_code, response.data) == (
        429, {"detail": "Too many requests from your address. Try again in 60 seconds."})
    with translation.override("th"):
        response = exception_handler(Throttled(wait=1), {})
    assert response.data == {"detail": "มีคำขอจากที่อยู่ของคุณมากเกินไป โปรดลองใหม่ในอีก 1 วินาที"}


# --- The pages' middleware ---------------------------------------------------------------------

def _post(**headers):
    request = RequestFactory().post("/meetings/items/5/vote/", **headers)
    request._messages = CookieStorage(request)
    request.htmx = HtmxDetails(request)
    return request


def _middleware():
    return DomainErrorMiddleware(lambda request: None)


def test_an_uncaught_refusal_goes_back_to_the_page_with_its_message():
    request = _post(HTTP_REFERER="http://testserver/meetings/items/5/")
    response = _middleware().process_exception(request, VotingError("This item is closed.", code="closed"))
    assert (response.status_code, response["Location"]) == (302, "http://testserver/meetings/items/5/")
    assert [(m.message, m.tags) for m in get_messages(request)] == [("This item is closed.", "error")]


def test_without_a_referer_of_this_site_it_goes_home():
    for headers in ({}, {"HTTP_REFERER": "https://elsewhere.example/phish"}):
        response = _middleware().process_exception(_post(**headers), EvaluationError("Refused."))
        assert (response.status_code, response["Location"]) == (302, "/")


def test_an_htmx_request_gets_the_message_as_a_409_fragment_escaped():
    request = _post(HTTP_HX_REQUEST="true")
    response = _middleware().process_exception(request, AlreadyMember("<b>already</b>"))
    assert response.status_code == 409
    assert response.content.decode() == '<div class="alert alert-error" role="alert">&lt;b&gt;already&lt;/b&gt;</div>'
    assert list(get_messages(request)) == []


def test_other_errors_are_left_to_django():
    assert _middleware().process_exception(_post(), ValueError("a bug")) is None
