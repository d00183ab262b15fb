"""Loading reference data: regions, provinces, kinds of organisation.

Every loader is idempotent and returns a Counter of what it did ("created", "updated"),
so `load_reference_data` can say whether a re-run touched anything.
"""

from collections import Counter

from core.db import sync_row

from .enums import RegionScheme
from .models import OrganisationKind, Province, Region
from .reference import FOUR_REGIONS, ORGANISATION_KINDS, SIX_REGIONS, province_rows


def load_regions_and_provinces() -> Counter:
    done: Counter = Counter()
    regions: dict[tuple[str, str], Region] = {}
    for scheme, rows in ((RegionScheme.SIX, SIX_REGIONS), (RegionScheme.FOUR, FOUR_REGIONS)):
        for row in rows:
            region, status = sync_row(
                Region, {"scheme": scheme, "code": row.code},
                {"name_th": row.name_th, "name_en": row.name_en, "order": row.order},
            )
            regions[scheme, row.code] = region
            done[status] += 1
    for row in province_rows():
        _obj, status = sync_row(
            Province, {"code": row.code},
            {
                "name_th": row.name_th,
                "name_en": row.name_en,
                "region_six_id": regions[RegionScheme.SIX, row.region_six].pk,
                "region_four_id": regions[RegionScheme.FOUR, row.region_four].pk,
            },
        )
        done[status] += 1
    return done


def load_organisation_kinds() -> Counter:
    done: Counter = Counter()
    for row in ORGANISATION_KINDS:
        _obj, status = sync_row(
            OrganisationKind, {"code": row.code},
            {
                "name_th": row.name_th,
                "name_en": row.name_en,
                "is_local_government": row.is_local_government,
                "order": row.order,
            },
        )
        done[status] += 1
    return done
