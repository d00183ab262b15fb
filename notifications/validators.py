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


# IPv6 forms that carry an IPv4 address inside: a private IPv4 reached through one of them
# is still private (issue 17: ::127.0.0.1, NAT64 of the metadata address, 6to4 of it).
NAT64 = ipaddress.ip_network("64:ff9b::/96")
NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")  # RFC 8215: local use, never global
IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


def _embedded_ipv4(ip) -> list:
    if ip.version != 6:
        return []
    found = [ip.ipv4_mapped, ip.sixtofour, *(ip.teredo or ())]
    if ip in NAT64 or ip in IPV4_COMPATIBLE:
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return [v4 for v4 in found if v4 is not None]


def _public_one(ip) -> bool:
    return ip.is_global and not (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
                                 or ip.is_reserved or ip.is_unspecified)


def _public(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if ip.version == 6 and ip in NAT64_LOCAL:
        return False
    if ip.version == 6 and ip in NAT64:
        # The well-known NAT64 prefix sits in IPv6's reserved ::/8: judge it by the IPv4 inside.
        return _public_one(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return _public_one(ip) and all(_public_one(v4) for v4 in _embedded_ipv4(ip))


def url_problem(url: str) -> str | None:
    """Why ``url`` may not receive webhooks here, or ``None``."""
    return checked_address(url)[0]


def checked_address(url: str) -> tuple:
    """``(problem, address)``: why ``url`` may not receive webhooks, or the address to connect to.

    Every address the name resolves to must be public; the sender then connects to the
    address checked here rather than resolving the name again, so an answer that changes
    between the check and the connection (DNS rebinding) cannot lead it inside.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return _("Give a full web address (https://…)."), None
    if not allow_private() and parts.scheme != "https":
        return _("Webhooks are sent over https only."), None
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        addresses = sorted({info[4][0] for info in socket.getaddrinfo(parts.hostname, port)})
    except (OSError, ValueError):
        return _("The host “%(host)s” cannot be found.") % {"host": parts.hostname}, None
    if allow_private():
        return None, addresses[0]
    private = [a for a in addresses if not _public(a.split("%")[0])]
    if private:
        return _("“%(host)s” leads to a private, loopback or link-local address (%(address)s): refused.") % {
            "host": parts.hostname, "address": private[0],
        }, None
    return None, addresses[0]
