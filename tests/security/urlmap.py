"""Every URL pattern of the portal, found from the resolver, and the table that
classifies it. A pattern missing from the table fails the suite by name, so a
new page cannot be added without saying who may open it."""

from django.urls import URLPattern, URLResolver, get_resolver


def patterns(resolver=None, prefix="", namespace=""):
    """(route, full name) of every pattern, admin included."""
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = namespace + (f"{p.namespace}:" if p.namespace else "")
            yield from patterns(p, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), namespace + (p.name or "")


def has_object(route):
    """A route that names an object (a pk, a code, a token) in its path."""
    route = route.replace("(?P<format>", "")
    return "<" in route


def named_routes():
    """{name: route} of the portal's own object routes (format-suffix twins folded)."""
    found = {}
    for route, name in patterns():
        if ".(?P<format>" in route or "<drf_format_suffix" in route or route.startswith("admin/"):
            continue  # the .json twin of a DRF route, and the Django admin (tested on its own)
        if has_object(route):
            found.setdefault(name, route)
    return found
