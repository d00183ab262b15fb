import pytest
from django.test import Client

from accounts.models import User

from .conftest import sign_in, signed_in_user_id

pytestmark = pytest.mark.django_db


def test_smoke(provider):
    User.objects.create(username="somchai@example.go.th", email="somchai@example.go.th")
    provider.person("somchai", email="somchai@example.go.th")
    client = Client()
    response = sign_in(client, "somchai")
    print(response.status_code, response.content[:2000].decode())
    assert signed_in_user_id(client)
