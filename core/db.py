"""Database helpers every app's loaders share."""

from django.db import models


def sync_row(
    model: type[models.Model], lookup: dict, values: dict, create_only: dict | None = None
) -> tuple[models.Model, str]:
    """Create the row, or bring `values` up to date; return it with "created", "updated" or "unchanged".

    Like update_or_create, but an unchanged row is not written at all, so a re-run leaves
    no trace, and `create_only` holds fields staff may change later (set once, never reset).
    Pass foreign keys by attname (`region_six_id`) so comparing costs no query.
    """
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values, **(create_only or {})), "created"
    changed = [field for field, value in values.items() if getattr(obj, field) != value]
    if not changed:
        return obj, "unchanged"
    for field in changed:
        setattr(obj, field, values[field])
    obj.save(update_fields=changed)
    return obj, "updated"
