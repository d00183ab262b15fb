"""Signing in through a real OpenID Connect provider (tests/identity/provider/, on the loopback).

First sign-in by invitation and by a verified e-mail address, the second sign-in by the linked
subject, nobody matched by an unverified claim, an unknown person told how to be invited; the
button only where a provider is configured.
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts.models import Invitation, Membership
from identity.models import LinkedIdentity
from tests.factories import OrganisationFactory, StaffFactory, UserFactory

from .conftest import configure, sign_in, signed_in_user_id, start

pytestmark = pytest.mark.django_db
User = get_user_model()


def invite(email="malee@nakhon.go.th"):
    organisation = OrganisationFactory()
    invitation = Invitation.objects.create(organisation=organisation, email=email, invited_by=StaffFactory())
    return invitation


def login_page(client=None):
    return (client or Client(HTTP_ACCEPT_LANGUAGE="th")).get(reverse("login")).content.decode()


# --- The button --------------------------------------------------------------------------------------

def test_no_button_while_no_provider_is_configured():
    page = login_page()
    assert "ThaiD" not in page and "/accounts/oidc/" not in page
    assert Client().get("/accounts/oidc/thaid/start/").status_code == 404


def test_the_thai_button_and_the_second_provider_once_configured(settings, provider):
    configure(settings, provider, slug="dga")
    page = login_page()
    assert "เข้าสู่ระบบด้วย ThaiD" in page
    assert "เข้าสู่ระบบด้วย DGA Digital ID" in page
    assert 'href="/accounts/oidc/thaid/start/' in page and 'href="/accounts/oidc/dga/start/' in page


def test_a_provider_without_its_secret_is_not_configured(settings):
    settings.OIDC_PROVIDERS = {"thaid": {"label": "ThaiD", "issuer": "http://127.0.0.1:9/o", "client_id": "x",
                                         "client_secret": ""}}
    assert "ThaiD" not in login_page()


def test_the_start_asks_for_the_code_with_pkce_state_and_nonce(provider):
    location = start(Client())
    assert location.startswith(provider.issuer + "/authorize/")
    for part in ("response_type=code", "code_challenge_method=S256", "code_challenge=", "state=", "nonce=",
                 "scope=openid+profile+email", "redirect_uri=http%3A%2F%2Ftestserver%2Faccounts%2Foidc%2Fthaid%2F"):
        assert part in location, part


# --- First and second sign-in ----------------------------------------------------------------------

def test_first_sign_in_by_invitation_makes_the_account_and_joins_the_organisation(provider):
    invitation = invite()
    subject = provider.person("malee", email="Malee@Nakhon.go.th", first_name="มาลี", last_name="ใจดี")
    client = Client()
    response = sign_in(client, "malee", next_url="/accounts/organisation/")
    assert (response.status_code, response["Location"]) == (302, "/accounts/organisation/")
    user = User.objects.get(pk=signed_in_user_id(client))
    assert (user.username, user.email, user.first_name, user.last_name) == (
        "malee@nakhon.go.th", "malee@nakhon.go.th", "มาลี", "ใจดี")
    assert not user.has_usable_password()  # signs in through the provider; a password only by the reset link
    assert Membership.objects.filter(user=user, organisation=invitation.organisation).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    link = LinkedIdentity.objects.get(user=user)
    assert (link.provider, link.subject, link.linked_by) == ("thaid", subject, "invitation")
    assert link.last_sign_in_at is not None
    assert client.session["identity_signin"] == "thaid"
    assert client.get("/accounts/organisation/").status_code == 200


def test_second_sign_in_finds_the_person_by_the_linked_subject(provider):
    invite()
    provider.person("malee", email="malee@nakhon.go.th")
    first = Client()
    sign_in(first, "malee")
    user_id = first.session["_auth_user_id"]
    # The address changed at the provider since: the subject still finds the same account.
    provider.person("malee", email="malee.new@nakhon.go.th", email_verified=False)
    second = Client()
    response = sign_in(second, "malee")
    assert response.status_code == 302
    assert signed_in_user_id(second) == user_id
    assert User.objects.count() == 2  # the person and the inviting officer: no second account
    assert LinkedIdentity.objects.count() == 1


def test_an_existing_account_is_linked_by_its_verified_e_mail(provider):
    user = UserFactory(username="somsak", email="somsak@depa.or.th")
    subject = provider.person("somsak", email="SOMSAK@depa.or.th")
    client = Client()
    assert sign_in(client, "somsak").status_code == 302
    assert signed_in_user_id(client) == str(user.pk)
    assert LinkedIdentity.objects.get(user=user).subject == subject
    assert LinkedIdentity.objects.get(user=user).linked_by == "email"


def test_an_unverified_e_mail_matches_neither_an_account_nor_an_invitation(provider):
    user = UserFactory(username="somsak", email="somsak@depa.or.th")
    invitation = invite("somsak@depa.or.th")
    provider.person("mallory", email="somsak@depa.or.th", email_verified=False)
    client = Client(HTTP_ACCEPT_LANGUAGE="th")
    response = sign_in(client, "mallory")
    assert response.status_code == 403
    assert "ยังไม่ได้ยืนยันอีเมล" in response.content.decode()
    assert signed_in_user_id(client) is None
    assert not LinkedIdentity.objects.exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert User.objects.filter(email__iexact="somsak@depa.or.th").get() == user


def test_an_unknown_person_is_told_how_to_be_invited_and_gets_no_account(provider):
    provider.person("stranger", email="stranger@example.com")
    before = User.objects.count()
    client = Client(HTTP_ACCEPT_LANGUAGE="th")
    response = sign_in(client, "stranger")
    page = response.content.decode()
    assert response.status_code == 403
    assert "ยังไม่มีบัญชีของท่านในพอร์ทัล" in page
    assert "เชิญ" in page  # how to be invited
    assert reverse("login") in page
    assert signed_in_user_id(client) is None
    assert User.objects.count() == before and not LinkedIdentity.objects.exists()


def test_an_expired_invitation_matches_nobody(provider):
    invitation = invite()
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=invitation.created_at)
    provider.person("malee", email="malee@nakhon.go.th")
    client = Client()
    assert sign_in(client, "malee").status_code == 403
    assert signed_in_user_id(client) is None
    assert not User.objects.filter(email="malee@nakhon.go.th").exists()


def test_a_switched_off_account_does_not_sign_in(provider):
    UserFactory(username="somsak", email="somsak@depa.or.th", is_active=False)
    provider.person("somsak", email="somsak@depa.or.th")
    client = Client()
    assert sign_in(client, "somsak").status_code == 403
    assert signed_in_user_id(client) is None


def test_an_unsafe_next_address_is_ignored(provider):
    UserFactory(username="somsak", email="somsak@depa.or.th")
    provider.person("somsak", email="somsak@depa.or.th")
    response = sign_in(Client(), "somsak", next_url="https://evil.example/")
    assert response["Location"] == "/"


def test_the_second_provider_links_its_own_subject(settings, provider):
    configure(settings, provider, slug="dga")
    user = UserFactory(username="somsak", email="somsak@depa.or.th")
    provider.person("somsak", email="somsak@depa.or.th")
    for slug in ("thaid", "dga"):
        client = Client()
        assert sign_in(client, "somsak", slug=slug).status_code == 302
        assert signed_in_user_id(client) == str(user.pk)
    assert sorted(LinkedIdentity.objects.values_list("provider", flat=True)) == ["dga", "thaid"]


def test_pages_in_thai_by_default():
    with translation.override("th"):
        assert translation.gettext("Sign in with %(provider)s") % {"provider": "ThaiD"} == "เข้าสู่ระบบด้วย ThaiD"
