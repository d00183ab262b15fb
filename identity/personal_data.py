"""What identity holds about a person (core/personal_data.py): the digital-ID subjects linked to
their account. An erasure deletes them: an anonymised account must not be reachable by signing in
at ThaiD or the DGA again."""

from django.utils.translation import gettext_lazy

from core.personal_data import Source, iso, source_register

from .models import LinkedIdentity


def linked_export(user) -> list:
    rows = LinkedIdentity.objects.filter(user=user).order_by("linked_at", "pk")
    return [{"provider": r.provider, "subject": r.subject, "linked_by": r.linked_by, "linked": iso(r.linked_at),
             "last_sign_in": iso(r.last_sign_in_at)} for r in rows]


def linked_erase(user) -> int:
    deleted, _ = LinkedIdentity.objects.filter(user=user).delete()
    return deleted


def register() -> None:
    source_register(Source("identity.linked", gettext_lazy("Sign-in with the state's digital ID"), linked_export,
                           erase=linked_erase, models=("identity.LinkedIdentity",)))
