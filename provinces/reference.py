"""Reference data for regions, provinces and kinds of proponent organisation.

Province codes and names are not typed here: they come from the `geothai` package
(DOPA codes 10..96). This module only says which region each DOPA code belongs to,
in the two schemes the portal stores.

Sources for the schemes:
- Six regions: the National Geographical Committee's 1977 grouping (the official
  geographic one): North 9, Northeast 20, Central 22 with Bangkok, East 7, West 5, South 14.
  In it Phitsanulok and the other lower-northern provinces are Central and Tak is West.
- Four regions: the older Ministry of Interior (monthon) grouping, used by the NESDB and
  the National Statistical Office, by television weather maps and by the programme when it
  announces promotion zones by region. It folds East and West into Central and moves the
  lower-northern provinces (Nakhon Sawan, Uthai Thani, Kamphaeng Phet, Tak, Sukhothai,
  Phitsanulok, Phichit, Phetchabun) into North: North 17, Northeast 20, Central 26, South 14.
"""

from dataclasses import dataclass

import geothai


@dataclass(frozen=True)
class RegionRow:
    code: str
    name_th: str
    name_en: str
    order: int


# English names are stored data (shown on English pages), not UI strings, so no gettext.
SIX_REGIONS = (
    RegionRow("north", "ภาคเหนือ", "Northern region", 1),
    RegionRow("northeast", "ภาคตะวันออกเฉียงเหนือ", "Northeastern region", 2),
    RegionRow("central", "ภาคกลาง", "Central region", 3),
    RegionRow("east", "ภาคตะวันออก", "Eastern region", 4),
    RegionRow("west", "ภาคตะวันตก", "Western region", 5),
    RegionRow("south", "ภาคใต้", "Southern region", 6),
)

FOUR_REGIONS = (
    RegionRow("north", "ภาคเหนือ", "Northern region", 1),
    RegionRow("northeast", "ภาคตะวันออกเฉียงเหนือ", "Northeastern region", 2),
    RegionRow("central", "ภาคกลาง", "Central region", 3),
    RegionRow("south", "ภาคใต้", "Southern region", 4),
)


def _codes(*parts: str | range) -> frozenset[str]:
    out: set[str] = set()
    for part in parts:
        if isinstance(part, range):
            out.update(str(c) for c in part)
        else:
            out.add(part)
    return frozenset(out)


# DOPA codes by region, six-region scheme. Ranges follow the DOPA numbering, which
# itself groups provinces roughly by region; the exceptions are listed one by one.
_SIX: dict[str, frozenset[str]] = {
    "north": _codes(range(50, 59)),  # Chiang Mai .. Mae Hong Son
    "northeast": _codes(range(30, 50)),  # Nakhon Ratchasima .. Mukdahan, Bueng Kan 38
    "central": _codes(
        range(10, 20),  # Bangkok, Samut Prakan .. Saraburi
        "26",  # Nakhon Nayok
        "60", "61", "62", "64", "65", "66", "67",  # lower north: Nakhon Sawan .. Phetchabun, not Tak
        "72", "73", "74", "75",  # Suphan Buri, Nakhon Pathom, Samut Sakhon, Samut Songkhram
    ),
    "east": _codes("20", "21", "22", "23", "24", "25", "27"),  # Chon Buri .. Prachin Buri, Sa Kaeo
    "west": _codes("63", "70", "71", "76", "77"),  # Tak, Ratchaburi, Kanchanaburi, Phetchaburi, Prachuap
    "south": _codes(range(80, 87), range(90, 97)),
}

# The lower-northern provinces the four-region scheme counts as North.
_LOWER_NORTH = _codes("60", "61", "62", "63", "64", "65", "66", "67")

_FOUR: dict[str, frozenset[str]] = {
    "north": _SIX["north"] | _LOWER_NORTH,
    "northeast": _SIX["northeast"],
    "central": (_SIX["central"] | _SIX["east"] | _SIX["west"]) - _LOWER_NORTH,
    "south": _SIX["south"],
}

EXPECTED_SIX_COUNTS = {"north": 9, "northeast": 20, "central": 22, "east": 7, "west": 5, "south": 14}
EXPECTED_FOUR_COUNTS = {"north": 17, "northeast": 20, "central": 26, "south": 14}


def _invert(scheme: dict[str, frozenset[str]]) -> dict[str, str]:
    return {code: region for region, codes in scheme.items() for code in codes}


SIX_REGION_OF: dict[str, str] = _invert(_SIX)
FOUR_REGION_OF: dict[str, str] = _invert(_FOUR)


@dataclass(frozen=True)
class ProvinceRow:
    code: str
    name_th: str
    name_en: str
    region_six: str
    region_four: str


def province_rows() -> list[ProvinceRow]:
    """Every province from geothai with its region in both schemes.

    Raises if geothai and the mapping disagree (a new province, a renumbering), so a
    package upgrade cannot silently leave a province without a region.
    """
    rows = []
    for p in geothai.provinces():
        if p.code not in SIX_REGION_OF or p.code not in FOUR_REGION_OF:
            raise ValueError(f"province {p.code} ({p.name_en}) has no region in provinces/reference.py")
        rows.append(ProvinceRow(p.code, p.name_th, p.name_en, SIX_REGION_OF[p.code], FOUR_REGION_OF[p.code]))
    unknown = set(SIX_REGION_OF) - {r.code for r in rows}
    if unknown:
        raise ValueError(f"provinces/reference.py maps codes geothai does not know: {sorted(unknown)}")
    return rows


@dataclass(frozen=True)
class OrganisationKindRow:
    code: str
    name_th: str
    name_en: str
    is_local_government: bool
    order: int


ORGANISATION_KINDS = (
    OrganisationKindRow("pao", "องค์การบริหารส่วนจังหวัด", "Provincial administrative organisation", True, 1),
    OrganisationKindRow("city_municipality", "เทศบาลนคร", "City municipality", True, 2),
    OrganisationKindRow("town_municipality", "เทศบาลเมือง", "Town municipality", True, 3),
    OrganisationKindRow("subdistrict_municipality", "เทศบาลตำบล", "Subdistrict municipality", True, 4),
    OrganisationKindRow("sao", "องค์การบริหารส่วนตำบล", "Subdistrict administrative organisation", True, 5),
    OrganisationKindRow("bma", "กรุงเทพมหานคร", "Bangkok Metropolitan Administration", True, 6),
    OrganisationKindRow("pattaya", "เมืองพัทยา", "Pattaya City", True, 7),
    OrganisationKindRow("state_enterprise", "รัฐวิสาหกิจ", "State enterprise", False, 8),
    OrganisationKindRow("university", "สถาบันอุดมศึกษา", "Higher education institution", False, 9),
    OrganisationKindRow("private_developer", "ผู้พัฒนาเมืองภาคเอกชน", "Private city developer", False, 10),
)
