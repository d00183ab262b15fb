"""Seed the templates from the defaults: rows staff already have are left as they are."""

from . import defaults


def load(model=None) -> int:
    if model is None:
        from .models import NotificationTemplate as model
    existing = set(model.objects.values_list("kind", "language"))
    rows = []
    for kind, languages in defaults.TEXTS.items():
        for language, (subject, text) in languages.items():
            if (kind.value, language) not in existing:
                rows.append(model(kind=kind.value, language=language, subject=subject, text=text,
                                  html=defaults.html_from_text(text)))
    model.objects.bulk_create(rows)
    return len(rows)
