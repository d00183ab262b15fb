"""The audit trail of changes to the record (issue 14), kept by django-auditlog.

Each app names the models of its record in its ``AppConfig.ready()`` with
:func:`audit_register`; auditlog then writes one entry for every create, change and
delete made through a model's ``save()`` or ``delete()`` (the admin, the staff pages,
services): the fields' values before and after, the person (:class:`AuditMiddleware`),
the time, the address and the request id (django-guid's, ``AUDITLOG_CID_GETTER``).
The entries' table refuses UPDATE and DELETE on PostgreSQL (``core/migrations``).

Not seen: ``QuerySet.update()``, ``bulk_create()`` and ``bulk_update()``, which send no
model signals; writes made there are not in the trail.

A row that belongs to a larger object (a score to its proposal) names it with
``parent``: its entries carry ``{"parent": "applications.proposal:12"}`` in
``additional_data``, so :func:`trail_of` finds the proposal's own entries and its
parts' in one query, parts since deleted included.

The apps import this module from their apps.py, before the models load: whatever needs a
model (auditlog's registry, content types) is imported inside the function that uses it.
"""

from auditlog.middleware import AuditlogMiddleware
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist
from django.db.models import Q
from django.utils.functional import SimpleLazyObject

from .access import is_signed_in

PARENT = "parent"
HIDDEN = "••••••"


def hidden(value) -> str:
    """The mask of secret fields: the trail says that a secret changed, never what it is
    (auditlog's default mask keeps half of the value)."""
    return HIDDEN


def parent_key(obj) -> str:
    """How an entry names the object it belongs to: ``app_label.model:pk``."""
    return f"{obj._meta.label_lower}:{obj.pk}"


def _parent_getter(model, path: str):
    # Resolved once, at registration: a wrong path stops start-up, not a save.
    fields, current = [], model
    for name in path.split("__"):
        try:
            field = current._meta.get_field(name)
        except Exception as exc:
            raise ImproperlyConfigured(f"audit_register({model.__name__}, parent={path!r}): {exc}") from exc
        if not (field.many_to_one or field.one_to_one) or not field.concrete:
            raise ImproperlyConfigured(
                f"audit_register({model.__name__}, parent={path!r}): {name} is not a foreign key"
            )
        fields.append(field)
        current = field.related_model
    label = current._meta.label_lower

    def get_additional_data(self):
        # auditlog calls this for every entry of the model (its documented hook).
        obj = self
        try:
            for field in fields[:-1]:
                obj = getattr(obj, field.name)
                if obj is None:
                    return None
        except ObjectDoesNotExist:
            return None
        pk = getattr(obj, fields[-1].attname)
        return None if pk is None else {PARENT: f"{label}:{pk}"}

    return get_additional_data


def audit_register(model, *, exclude=(), mask=(), m2m=(), parent: str | None = None) -> None:
    """Keep the before and after of every change to ``model`` in the trail.

    ``exclude``: fields never kept (bulky copies, bookkeeping); ``mask``: secrets kept
    only as "changed"; ``m2m``: many-to-many fields whose additions and removals are
    kept; ``parent``: the lookup to the object whose trail shows this model's entries
    (``"assignment__proposal"``).
    """
    from auditlog.registry import auditlog  # its module needs the models loaded

    if parent:
        if "get_additional_data" in model.__dict__:
            raise ImproperlyConfigured(f"{model.__name__} has its own get_additional_data: give no parent")
        model.get_additional_data = _parent_getter(model, parent)
    # Named fields only: auditlog's diff of a new or deleted row would otherwise list every
    # reverse relation too ("notifications.Notification.None").
    own = [f.name for f in model._meta.concrete_fields if f.name not in exclude]
    auditlog.register(
        model,
        include_fields=own,
        exclude_fields=list(exclude),
        mask_fields=list(mask),
        mask_callable="core.audit.hidden" if mask else None,
        m2m_fields=set(m2m),
    )


def audited_models() -> list:
    from auditlog.registry import auditlog

    return auditlog.get_models()


def trail_of(obj):
    """The entries of ``obj`` and of the rows that name it as their parent, newest first."""
    from auditlog import get_logentry_model
    from django.contrib.contenttypes.models import ContentType

    own = Q(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)
    parts = Q(**{f"additional_data__{PARENT}": parent_key(obj)})
    return (
        get_logentry_model().objects.filter(own | parts)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-id")
    )


def _signed_in(request):
    user = getattr(request, "user", None)
    return user if is_signed_in(user) else None


class AuditMiddleware(AuditlogMiddleware):
    """auditlog's middleware, reading the person and the address as the rest of the portal does.

    The person is looked up when an entry is written, not when the request arrives: a page
    that writes nothing costs no query for it, and an API call authenticated by token (DRF
    sets ``request.user`` in the view) is still named. The address is the one django-axes
    reads (``REMOTE_ADDR``, or the proxy's ``X-Forwarded-For`` only when BEHIND_TLS_PROXY),
    never a header a client may forge.
    """

    @staticmethod
    def _get_actor(request):
        return SimpleLazyObject(lambda: _signed_in(request))

    @staticmethod
    def _get_remote_addr(request):
        if settings.AUDITLOG_DISABLE_REMOTE_ADDR:
            return None
        from axes.helpers import get_client_ip_address  # its module needs the models loaded

        return get_client_ip_address(request)

    @staticmethod
    def _get_remote_port(request):
        # X-Forwarded-Port is the client's to write unless a proxy sets it: not kept.
        return None
