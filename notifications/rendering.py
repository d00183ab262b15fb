"""Rendering staff-edited templates with Django's engine, restricted to documented placeholders.

The engine loads no tag libraries and the context holds plain strings only, so
a template can say ``{{ proposal_reference }}`` or ``{% if note %}`` and
nothing more: :func:`validators.check` refuses any other tag and any unknown placeholder
by name, before the template is saved.
"""

import functools

from django.conf import settings
from django.template import Context

from . import defaults
from .models import NotificationTemplate
from .validators import ENGINE


def portal_url(path="") -> str:
    base = getattr(settings, "PORTAL_URL", "") or "http://localhost:8000"
    return base.rstrip("/") + path


def language_of(user) -> str:
    """The language a user's notifications are written in: their choice, else the portal's default."""
    return user.preferred_language or settings.LANGUAGE_CODE


@functools.lru_cache(maxsize=256)
def _compiled(source: str):
    return ENGINE.from_string(source)


def render_source(source: str, context: dict, *, html=False) -> str:
    return _compiled(source).render(Context(context, autoescape=html))


def sources(kind, language) -> tuple:
    """(subject, text, html) sources: the admin's row if there is one, else the built-in default."""
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
