"""Rendering staff-edited templates with Django's engine, restricted to documented placeholders.

The engine loads no tag libraries and the context holds plain strings only, so
a template can say ``{{ proposal_reference }}`` or ``{% if note %}`` and
nothing more: :func:`check` refuses any other tag and any unknown placeholder
by name, before the template is saved.
"""

import functools

from django.core.exceptions import ValidationError
from django.template import Context, Engine, TemplateSyntaxError
from django.template.base import FilterExpression, TextNode, Variable, VariableNode
from django.template.defaulttags import CommentNode, IfNode
from django.utils.translation import gettext as _

from . import defaults
from .kinds import PLACEHOLDERS, Kind

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


@functools.lru_cache(maxsize=256)
def _compiled(source: str):
    return ENGINE.from_string(source)


def render_source(source: str, context: dict, *, html=False) -> str:
    return _compiled(source).render(Context(context, autoescape=html))


def sources(kind, language) -> tuple:
    """(subject, text, html) sources: the admin's row if there is one, else the built-in default."""
    from .models import NotificationTemplate

    row = NotificationTemplate.objects.filter(kind=kind, language=language).first()
    if row is not None:
        return row.subject, row.text, row.html or defaults.html_from_text(row.text)
    return defaults.default(kind, language)


def render(kind, language, context, *, cache=None) -> tuple:
    """(subject, text, html) of ``kind`` in ``language``; ``cache`` spares a query per recipient."""
    key = (kind, language)
    if cache is not None and key in cache:
        subject_src, text_src, html_src = cache[key]
    else:
        subject_src, text_src, html_src = sources(kind, language)
        if cache is not None:
            cache[key] = (subject_src, text_src, html_src)
    subject = " ".join(render_source(subject_src, context).split())[:255]
    text = render_source(text_src, context).strip()
    html = render_source(html_src, context, html=True).strip()
    return subject, text, html
