"""What the models' ``clean()`` checks: a template's placeholders and tags, a webhook's address.

Kept below the models (they import this module, it imports no model), so
``clean()`` needs no import inside a method and the senders (rendering,
webhooks) check with the very same functions at send time.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template import Engine, TemplateSyntaxError
from django.template.base import FilterExpression, TextNode, Variable, VariableNode
from django.template.defaulttags import CommentNode, IfNode
from django.utils.translation import gettext as _

from .kinds import PLACEHOLDERS, Kind

# The engine every notification template is checked and rendered with: no tag libraries.
ENGINE = Engine(libraries={}, builtins=["django.template.defaulttags", "django.template.defaultfilters"])
ALLOWED_NODES = (TextNode, VariableNode, IfNode, CommentNode)


def _names_in_expression(fe):
    if isinstance(fe.var, Variable) and fe.var.lookups:
        yield ".".join(fe.var.lookups)
    for _func, args in fe.filters:
        for is_variable, arg in args:
            if is_variable and isinstance(arg, Variable) and arg.lookups:
                yield ".".join(arg.lookups)


def _names_in_condition(condition):
    if condition is None:
        return
    value = getattr(condition, "value", None)
    if isinstance(value, FilterExpression):
        yield from _names_in_expression(value)
    for part in (getattr(condition, "first", None), getattr(condition, "second", None)):
        if part is not None:
            yield from _names_in_condition(part)


def _walk(nodelist):
    for node in nodelist:
        yield node
        if isinstance(node, IfNode):
            for condition, inner in node.conditions_nodelists:
                yield from _names_in_condition(condition)
                yield from _walk(inner)
        elif not isinstance(node, CommentNode):
            for attr in node.child_nodelists:
                yield from _walk(getattr(node, attr, None) or [])


def check(source: str, kind) -> None:
    """Raise ValidationError naming the first unknown placeholder or tag in ``source``."""
    allowed = PLACEHOLDERS[Kind(kind)]
    try:
        template = ENGINE.from_string(source)
    except TemplateSyntaxError as exc:
        raise ValidationError(_("The template cannot be read: %(error)s") % {"error": exc}, code="syntax") from exc
    for item in _walk(template.nodelist):
        if isinstance(item, str):
            name = item
        elif isinstance(item, VariableNode):
            names = list(_names_in_expression(item.filter_expression))
            bad = [n for n in names if n not in allowed]
            if not bad:
                continue
            name = bad[0]
        elif isinstance(item, ALLOWED_NODES):
            continue
        else:
            raise ValidationError(
                _("Only placeholders and {%% if %%} may be used in a notification template; "
                  "“%(tag)s” is not allowed.") % {"tag": item.token.contents.split()[0] if item.token else item},
                code="tag",
            )
        if name not in allowed:
            raise ValidationError(
                _("Unknown placeholder “%(name)s”. This kind of notification knows: %(allowed)s.")
                % {"name": name, "allowed": ", ".join(allowed)},
                code="placeholder",
            )


def allow_private() -> bool:
    """Local work and tests may call http:// and private hosts; production never does."""
    return getattr(settings, "WEBHOOKS_ALLOW_PRIVATE", settings.DEBUG)


def _public(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    return ip.is_global and not (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast)


def url_problem(url: str) -> str | None:
    """Why ``url`` may not receive webhooks here, or ``None``."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return _("Give a full web address (https://…).")
    if allow_private():
        return None
    if parts.scheme != "https":
        return _("Webhooks are sent over https only.")
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, parts.port or 443)}
    except OSError:
        return _("The host “%(host)s” cannot be found.") % {"host": parts.hostname}
    private = sorted(a for a in addresses if not _public(a.split("%")[0]))
    if private:
        return _("“%(host)s” leads to a private, loopback or link-local address (%(address)s): refused.") % {
            "host": parts.hostname, "address": private[0],
        }
    return None
