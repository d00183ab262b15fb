"""Services for the review bodies; for now, loading the three bodies as reference data."""

from collections import Counter

from core.db import sync_row

from .enums import BodyKind
from .models import Body

# Official Thai names; English names are stored data shown on English pages.
BODIES = (
    (BodyKind.WORKING_GROUP, "คณะทำงานประเมินแผนการเป็นเมืองอัจฉริยะ 7 ด้าน", "Working group on the 7-dimension plans"),
    (
        BodyKind.SUBCOMMITTEE, "คณะอนุกรรมการขับเคลื่อนและบริหารโครงการเมืองอัจฉริยะ",
        "Subcommittee for driving and managing smart city projects",
    ),
    (BodyKind.COMMITTEE, "คณะกรรมการขับเคลื่อนการพัฒนาเมืองอัจฉริยะ", "Smart City Development Committee"),
)


def load_bodies() -> Counter:
    """One Body per kind. Notice days and quorum are configurable per body, so only names are refreshed."""
    done: Counter = Counter()
    for kind, name_th, name_en in BODIES:
        _obj, status = sync_row(Body, {"kind": kind}, {"name_th": name_th, "name_en": name_en})
        done[status] += 1
    return done
