"""The datasets of the open-data catalogue: what each is, its files, and its DGA metadata.

One table serves the three readers of the catalogue: the DCAT graph (register/catalog.py,
harvested by CKAN), the human page /opendata/ and the URLs of the files. The fields of the
files are described in register/dictionary.py.

The register is split in two datasets whose union is the register: the areas that hold or
have held a certificate, and the promotion zones with the areas on their way to one.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Max, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.enums import PUBLIC_STATES, State
from core.thai import be_year
from monitoring.enums import ReportState
from monitoring.models import AnnualReport

from .resolutions import public_steps
from .selectors import public_proposals

CERTIFIED_STATES = (State.CERTIFIED, State.RENEWAL, State.EXPIRED, State.REVOKED)
ZONE_STATES = tuple(s for s in PUBLIC_STATES if s not in CERTIFIED_STATES)


@dataclass(frozen=True)
class Format:
    code: str  # the file's extension
    label: str
    media_type: str  # IANA
    file_type: str  # the EU file-type authority's code (what DCAT-AP's dct:format names)


CSV = Format("csv", "CSV", "text/csv", "CSV")
JSON = Format("json", "JSON", "application/json", "JSON")
GEOJSON = Format("geojson", "GeoJSON", "application/geo+json", "GEOJSON")


# DCAT-AP's controlled vocabularies (the EU Publications Office's authority tables).
EU = "http://publications.europa.eu/resource/authority/"
CONTINUOUSLY = EU + "frequency/UPDATE_CONT"
ANNUAL = EU + "frequency/ANNUAL"
FREQUENCY_LABELS = {CONTINUOUSLY: _("Updated continuously"), ANNUAL: _("Every year")}


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    keywords: tuple
    formats: tuple
    frequency: str  # an EU frequency IRI
    # The DGA catalogue's metadata that differs between datasets (the rest is shared, below).
    dga: dict
    paged_json: bool = False  # the JSON is paged by city (follow "next"); the CSV is the whole

    def path(self, fmt) -> str:
        return reverse(self.url_name(fmt))

    def url_name(self, fmt) -> str:
        return f"opendata-{self.slug}-{fmt.code}"


_RECORD = "ข้อมูลระเบียน"  # the DGA's data types
_STATISTICS = "ข้อมูลสถิติ"

DATASETS = (
    Dataset(
        slug="certified-cities",
        title=_("Certified smart cities"),
        description=_(
            "Every area of Thailand that holds or has held the smart city certificate: name, province, "
            "proponent organisation, claimed dimensions, round, date of certification and certificate "
            "number. The column status says whether the certificate is in force (certified), being "
            "renewed (renewal), expired or revoked."
        ),
        keywords=(_("smart city"), _("certification"), _("register")),
        formats=(CSV, JSON, GEOJSON),
        frequency=CONTINUOUSLY,
        dga={"data_type": _RECORD, "update_frequency_unit": "ตามเวลาจริง"},
    ),
    Dataset(
        slug="promotion-zones",
        title=_("Smart city promotion zones"),
        description=_(
            "The areas declared smart city promotion zones that are not certified yet, and where each "
            "stands: promotion zone, plan under evaluation, on a subcommittee agenda, approved, or "
            "acknowledged by the committee."
        ),
        keywords=(_("smart city"), _("promotion zone"), _("register")),
        formats=(CSV, JSON, GEOJSON),
        frequency=CONTINUOUSLY,
        dga={"data_type": _RECORD, "update_frequency_unit": "ตามเวลาจริง"},
    ),
    Dataset(
        slug="resolutions",
        title=_("Meetings and resolutions on smart city proposals"),
        description=_(
            "The public decisions on each area of the register: which body decided (working group, "
            "subcommittee, committee), at which meeting (number N/B.E. year) and on which date, and "
            "the resolution. Only what the area's public page shows: no votes, no minutes."
        ),
        keywords=(_("smart city"), _("meeting"), _("resolution")),
        formats=(CSV, JSON),
        frequency=CONTINUOUSLY,
        dga={"data_type": _RECORD, "update_frequency_unit": "ตามเวลาจริง"},
    ),
    Dataset(
        slug="indicators",
        title=_("Indicators of certified smart cities"),
        description=_(
            "The outcome indicators of every certified area: dimension, indicator, unit, baseline, "
            "target and target year, the value reported each year (B.E.) in the annual reports the "
            "Smart City Office accepted, and the progress from baseline to target in per cent."
        ),
        keywords=(_("smart city"), _("indicator"), _("progress")),
        formats=(CSV, JSON),
        frequency=ANNUAL,
        paged_json=True,
        dga={
            "data_type": _STATISTICS,
            "update_frequency_unit": "ปี",
            "unit_of_measure": "ตามตัวชี้วัด (คอลัมน์ unit)",
            "unit_of_multiplier": "หน่วย",
            "disaggregate": ("ขอบเขตเชิงภูมิศาสตร์หรือเชิงพื้นที่",),
            "calculation_method": (
                "ความก้าวหน้า (%) = (ค่าที่รายงาน − ค่าฐาน) ÷ (ค่าเป้าหมาย − ค่าฐาน) × 100 "
                "จำกัดไว้ระหว่าง 0 ถึง 100 และตัด (ไม่ปัดขึ้น) ให้เหลือทศนิยมหนึ่งตำแหน่ง"
            ),
        },
    ),
)

BY_SLUG = {d.slug: d for d in DATASETS}
# Which register states each register dataset holds (the indicators are those of certified areas).
STATES = {
    "certified-cities": CERTIFIED_STATES,
    "promotion-zones": ZONE_STATES,
    "indicators": CERTIFIED_STATES,
}


# --- who publishes, under which licence: configurable, with these defaults ----------------------

PUBLISHER_TH = "สำนักงานเมืองอัจฉริยะประเทศไทย สำนักงานส่งเสริมเศรษฐกิจดิจิทัล (ดีป้า)"
PUBLISHER_EN = "Smart City Thailand Office, Digital Economy Promotion Agency (depa)"

# OPEN_DATA_LICENSE in the settings may name another: url, title and the DGA catalogue's name of it.
DEFAULT_LICENSE = {
    "url": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "dga": "Creative Commons Attributions",
}


def licence() -> dict:
    return {**DEFAULT_LICENSE, **getattr(settings, "OPEN_DATA_LICENSE", {})}


def contact_email() -> str:
    """The open-data desk's address (OPEN_DATA_CONTACT_EMAIL); none is invented when unset."""
    return settings.OPEN_DATA_CONTACT_EMAIL


# --- the DGA catalogue's metadata (data.go.th, GD Catalog: the ckanext-thai_gdc schema) ----------
# The values are the DGA's own Thai choices, as its CKAN forms store them.

DGA_LABELS = {
    "data_type": _("Data type"),
    "data_category": _("Data category (government data governance)"),
    "objective": _("Objective"),
    "data_language": _("Data language"),
    "update_frequency_unit": _("Update frequency unit"),
    "update_frequency_interval": _("Update frequency interval"),
    "geo_coverage": _("Geographic coverage"),
    "data_source": _("Data source"),
    "data_format": _("Data format"),
    "license_id": _("Licence"),
    "accessible_condition": _("Accessible condition"),
    "allow_harvest": _("Allow harvesting to the GD Catalog"),
    "maintainer": _("Contact person"),
    "maintainer_email": _("Contact e-mail"),
    "url": _("URL of more information"),
    "last_updated_date": _("Last updated date"),
    "first_year_of_data": _("First year of data (B.E.)"),
    "last_year_of_data": _("Last year of data (B.E.)"),
    "unit_of_measure": _("Unit of measure"),
    "unit_of_multiplier": _("Unit of multiplier"),
    "disaggregate": _("Disaggregation"),
    "calculation_method": _("Calculation method"),
}


def dga_metadata(dataset, *, landing_page, fresh=None) -> dict:
    """The DGA fields of ``dataset``: name → a string or a tuple of strings, in DGA_LABELS order."""
    formats = tuple(f.label for f in dataset.formats if f is not GEOJSON)
    if GEOJSON in dataset.formats:
        formats += ("อื่นๆ (GeoJSON)",)
    values = {
        "data_category": "ข้อมูลสาธารณะ",
        "objective": ("พันธกิจหน่วยงาน", "เพื่อการให้บริการประชาชน"),
        "data_language": ("ไทย", "อังกฤษ"),
        "update_frequency_interval": "1",
        "geo_coverage": "ประเทศ",
        "data_source": f"{PUBLISHER_TH}: ทะเบียนเมืองอัจฉริยะ และมติที่เผยแพร่ต่อสาธารณะ",
        "data_format": formats,
        "license_id": licence()["dga"],
        "accessible_condition": (
            "เปิดให้ทุกคนดาวน์โหลดได้โดยไม่ต้องลงทะเบียนหรือเข้าสู่ระบบ "
            "ใช้ได้ตามสัญญาอนุญาตโดยอ้างอิงแหล่งที่มา"
        ),
        "allow_harvest": "True",
        "maintainer": PUBLISHER_TH,
        "url": landing_page,
        **dataset.dga,
    }
    if contact_email():
        values["maintainer_email"] = contact_email()
    fresh = fresh or Freshness()
    if fresh.modified:
        values["last_updated_date"] = timezone.localtime(fresh.modified).date().isoformat()
    if dataset.dga.get("data_type") == _STATISTICS and isinstance(fresh.start, int):
        values["first_year_of_data"] = str(be_year(fresh.start))
        values["last_year_of_data"] = str(be_year(fresh.end))
    return {name: values[name] for name in DGA_LABELS if name in values}


# --- when each dataset last changed, and the time it covers --------------------------------------


@dataclass(frozen=True)
class Freshness:
    modified: object = None  # the last change (a datetime), None when the dataset is empty
    start: object = None  # the time covered: dates, or years (int) for yearly data
    end: object = None


def _day(moment):
    return timezone.localtime(moment).date() if moment else None


def freshness() -> dict:
    """{slug: Freshness}: three queries.

    The register's datasets change when an area moves (its status date) and cover the dates
    of certification; the resolutions change and run with the public steps decided by a
    meeting; the indicators change when a report is accepted and cover the reports' years.
    """
    dates = public_proposals().aggregate(
        cities=Max("status_changed_at", filter=Q(status__in=CERTIFIED_STATES)),
        zones=Max("status_changed_at", filter=Q(status__in=ZONE_STATES)),
        first=Min("certified_on", filter=Q(status__in=CERTIFIED_STATES)),
        last=Max("certified_on", filter=Q(status__in=CERTIFIED_STATES)),
    )
    steps = public_steps().aggregate(first=Min("at"), last=Max("at"))
    reports = AnnualReport.objects.filter(
        state=ReportState.ACCEPTED, proposal__status__in=CERTIFIED_STATES
    ).aggregate(last=Max("decided_at"), first_year=Min("year"), last_year=Max("year"))
    return {
        "certified-cities": Freshness(dates["cities"], dates["first"], dates["last"]),
        "promotion-zones": Freshness(dates["zones"]),
        "resolutions": Freshness(steps["last"], _day(steps["first"]), _day(steps["last"])),
        "indicators": Freshness(reports["last"], reports["first_year"], reports["last_year"]),
    }
