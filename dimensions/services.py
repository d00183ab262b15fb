"""Loading the seven dimensions with their starting sub-criteria and indicators."""

from collections import Counter

from core.db import sync_row

from .models import Dimension, Indicator, SubCriterion
from .reference import DIMENSIONS, INDICATORS, SUBCRITERIA


def load_dimensions() -> Counter:
    """Create or refresh the dimensions; create only the sub-criteria and indicators that are missing.

    Staff maintain sub-criteria and indicators (names, weights, active flags) in the admin,
    and which dimensions are mandatory is configurable, so a re-run must not undo their edits:
    those fields are set when a row is created and never again.
    """
    done: Counter = Counter()
    for row in DIMENSIONS:
        dimension, status = sync_row(
            Dimension, {"code": row.code},
            {"name_th": row.name_th, "name_en": row.name_en, "order": row.order},
            create_only={"is_mandatory": row.is_mandatory},
        )
        done[status] += 1
        for order, sub in enumerate(SUBCRITERIA[row.code], start=1):
            _obj, created = SubCriterion.objects.get_or_create(
                dimension=dimension, code=sub.code,
                defaults={"name_th": sub.name_th, "name_en": sub.name_en, "order": order},
            )
            done["created" if created else "unchanged"] += 1
        for ind in INDICATORS[row.code]:
            _obj, created = Indicator.objects.get_or_create(
                dimension=dimension, code=ind.code,
                defaults={"name_th": ind.name_th, "name_en": ind.name_en, "unit": ind.unit},
            )
            done["created" if created else "unchanged"] += 1
    return done
