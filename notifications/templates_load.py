"""Seed the templates from the defaults: rows staff already have are left as they are."""

from . import defaults
from .models import NotificationTemplate


def load(model=NotificationTemplate) -> int:
    """``model``: the migration that seeds the templates passes its historical model."""
    existing = set(model.objects.values_list("kind", "language"))
    rows = []
    for kind, languages in defaults.TEXTS.items():
        for language, (subject, text) in languages.items():
            if (kind.value, language) not in existing:
                rows.append(model(kind=kind.value, language=language, subject=subject, text=text,
                                  html=defaults.html_from_text(text)))
    model.objects.bulk_create(rows)
    return len(rows)
