"""The test's handle on the provider: add people and a client, choose forgeries and delays.

POST /control/ with a JSON body; loopback only (the provider binds 127.0.0.1).
"""

import json
import time

from django.contrib.auth.models import Group, User
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from oauth2_provider.models import Application

STATE = {"mode": "", "delays": {}}


class ProviderMiddleware:
    """Sleeps before answering a path a test named (a provider slow to answer), and puts the earlier
    ID token into the token endpoint's answer in the "replay" mode (validator.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for prefix, seconds in STATE["delays"].items():
            if request.path.startswith(prefix):
                time.sleep(seconds)
        response = self.get_response(request)
        swap = STATE.pop("swap", None)
        if swap and request.path.startswith("/o/token/") and response.status_code == 200:
            body = json.loads(response.content)
            body["id_token"] = swap
            response.content = json.dumps(body).encode()
            response["Content-Length"] = str(len(response.content))
        return response


@csrf_exempt
def control(request):
    body = json.loads(request.body or b"{}")
    action = body.get("action")
    if action == "reset":
        STATE["mode"], STATE["delays"] = "", {}
    elif action == "mode":
        STATE["mode"] = body["mode"]
    elif action == "delay":
        STATE["delays"] = {body["path"]: float(body["seconds"])}
    elif action == "client":
        app, _ = Application.objects.get_or_create(client_id=body["client_id"], defaults={
            "name": "portal", "client_type": Application.CLIENT_CONFIDENTIAL,
            "authorization_grant_type": Application.GRANT_AUTHORIZATION_CODE,
            "algorithm": Application.RS256_ALGORITHM, "skip_authorization": True,
        })
        app.client_secret = body["client_secret"]
        app.redirect_uris = " ".join(body["redirect_uris"])
        app.save()
    elif action == "user":
        user, _ = User.objects.get_or_create(username=body["username"])
        user.email = body.get("email", "")
        user.first_name, user.last_name = body.get("first_name", ""), body.get("last_name", "")
        user.set_password(body["password"])
        user.save()
        unverified, _ = Group.objects.get_or_create(name="unverified")
        if body.get("email_verified", True):
            user.groups.remove(unverified)
        else:
            user.groups.add(unverified)
        return JsonResponse({"sub": str(user.pk)})
    else:
        return JsonResponse({"error": f"unknown action {action!r}"}, status=400)
    return JsonResponse({"ok": True})
