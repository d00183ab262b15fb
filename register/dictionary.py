"""The data dictionary of the open-data files: every column of every CSV, every key of every JSON.

The page /opendata/ shows it; tests/opendata/test_catalog.py reads the header of each CSV
and the keys of each JSON the portal serves and fails for any that this module leaves out.
JSON keys are written as paths: ``results[].provinces[].code`` is the key ``code`` of each
item of the list ``provinces`` of each item of ``results``.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .datasets import CSV, GEOJSON, JSON

KINDS = {
    "integer": _("integer"),
    "decimal": _("decimal number"),
    "text": _("text"),
    "code": _("code"),
    "boolean": _("true or false"),
    "date": _("date (YYYY-MM-DD, A.D.)"),
    "datetime": _("date and time (ISO 8601)"),
    "year": _("year (A.D.)"),
    "year_be": _("year (B.E.)"),
    "url": _("URL"),
    "list": _("list"),
    "object": _("object"),
}


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # a key of KINDS
    description: str


# --- the register (certified cities, promotion zones) --------------------------------------------

_ID = Field("id", "integer", _("The area's number in the portal; its page is /register/cities/<id>/."))
_NAME_TH = Field("name_th", "text", _("Name of the target area in Thai."))
_NAME_EN = Field("name_en", "text", _("Name of the target area in English."))
_ENGLISH_ONLY = _("The public sources give the name in English only (the Thai name repeats it).")
_STATUS = _(
    "Where the area stands: promotion_zone, evaluation, on_agenda, approved, acknowledged, certified, "
    "renewal, expired or revoked."
)
_STATUS_LABEL = _("The status in words, in the language of the request (Thai by default).")
_ROUND = _("Round of certification in the public record (1 = 2021, 2 = 2022, ...); empty for others.")
_CERTIFIED_ON = _("Date of certification.")
_CERTIFIED_BE = _("Year of certification in the Buddhist Era.")
_VALID_UNTIL = _(
    "End of the certificate's validity; empty for areas from the public record, which does not state it."
)
_CERTIFICATE = _("Number of the certificate.")
_SOURCE = _("The public source the row comes from (areas of the public record).")
_URL = _("Address of the area's public page.")
_DIMENSIONS = _(
    "Codes of the claimed smart city dimensions: ENV environment, MOB mobility, LIV living, PEO people, "
    "ENE energy, ECO economy, GOV governance."
)

REGISTER_CSV = (
    _ID, _NAME_TH, _NAME_EN,
    Field("name_known_only_in_english", "text", _(
        "'yes' when the public sources give the name in English only (the Thai name repeats it); else empty."
    )),
    Field("status", "code", _STATUS),
    Field("status_label", "text", _STATUS_LABEL),
    Field("province_codes", "code", _("DOPA codes of the area's provinces, separated by spaces.")),
    Field("provinces_th", "text", _("Thai names of the provinces, separated by semicolons.")),
    Field("provinces_en", "text", _("English names of the provinces, separated by semicolons.")),
    Field("organisation_th", "text", _("The proponent organisation, in Thai.")),
    Field("organisation_en", "text", _("The proponent organisation, in English.")),
    Field("dimensions", "code", _DIMENSIONS),
    Field("round", "integer", _ROUND),
    Field("certified_on", "date", _CERTIFIED_ON),
    Field("certified_year_be", "year_be", _CERTIFIED_BE),
    Field("valid_until", "date", _VALID_UNTIL),
    Field("certificate_number", "text", _CERTIFICATE),
    Field("source", "text", _SOURCE),
    Field("url", "url", _URL),
)

_PROVINCES = (
    Field("provinces", "list", _("The area's provinces.")),
    Field("provinces[].code", "code", _("DOPA code of the province (10 to 96).")),
    Field("provinces[].name_th", "text", _("Name of the province in Thai.")),
    Field("provinces[].name_en", "text", _("Name of the province in English.")),
)

REGISTER_RECORD = (
    _ID, _NAME_TH, _NAME_EN,
    Field("name_known_only_in_english", "boolean", _ENGLISH_ONLY),
    Field("status", "code", _STATUS),
    Field("status_label", "text", _STATUS_LABEL),
    *_PROVINCES,
    Field("organisation", "object", _("The proponent organisation.")),
    Field("organisation.name_th", "text", _("Its name in Thai.")),
    Field("organisation.name_en", "text", _("Its name in English.")),
    Field("dimensions", "list", _DIMENSIONS),
    Field("round", "integer", _ROUND),
    Field("certified_on", "date", _CERTIFIED_ON),
    Field("certified_year_be", "year_be", _CERTIFIED_BE),
    Field("valid_until", "date", _VALID_UNTIL),
    Field("certificate_number", "text", _CERTIFICATE),
    Field("source", "text", _SOURCE),
    Field("url", "url", _URL),
)

_GENERATED = Field("generated", "datetime", _("When the file was made."))
_PUBLISHER = Field("publisher", "text", _("Who publishes the data."))
_RESULTS = Field("results", "list", _("The rows, one object each (below)."))


def _under(prefix, fields):
    return tuple(Field(prefix + f.name, f.kind, f.description) for f in fields)


REGISTER_JSON = (
    _GENERATED, _PUBLISHER, Field("count", "integer", _("Number of areas.")), _RESULTS,
    *_under("results[].", REGISTER_RECORD),
)

REGISTER_GEOJSON = (
    Field("type", "code", _("Always FeatureCollection (GeoJSON, RFC 7946).")),
    Field("features", "list", _("One feature per area.")),
    Field("features[].type", "code", _("Always Feature.")),
    Field("features[].id", "integer", _("The area's number, as id in the properties.")),
    Field("features[].geometry", "object", _(
        "A Point at the centroid of the area's province (a MultiPoint for an area over several provinces); "
        "longitude and latitude in WGS 84. Not the area's boundary."
    )),
    Field("features[].geometry.type", "code", _("Point or MultiPoint.")),
    Field("features[].geometry.coordinates", "list", _("[longitude, latitude], or a list of them.")),
    Field("features[].properties", "object", _("The area's record, as in the JSON file (below).")),
    *_under("features[].properties.", REGISTER_RECORD),
)

# --- meetings and resolutions ---------------------------------------------------------------------

_CITY_ID = _("The area's number in the portal (id in the register's files).")
_BODY = _("Which body decided: working_group, subcommittee or committee.")
_MEETING_NUMBER = _("The meeting's number within its body and B.E. year (the N of N/year).")
_RESOLUTION = _(
    "The resolution: approve, in_principle (approve in principle, with revisions), not_approve, acknowledge "
    "or assign (to the secretariat)."
)

RESOLUTION_FIELDS = (
    Field("city_id", "integer", _CITY_ID),
    Field("city_name_th", "text", _("Name of the area in Thai.")),
    Field("city_name_en", "text", _("Name of the area in English.")),
    Field("step", "code", _("The status the decision moved the area to (as status in the register).")),
    Field("step_label", "text", _STATUS_LABEL),
    Field("step_date", "date", _("Date the step was recorded.")),
    Field("body", "code", _BODY),
    Field("body_th", "text", _("Name of the body in Thai.")),
    Field("body_en", "text", _("Name of the body in English.")),
    Field("meeting_number", "integer", _MEETING_NUMBER),
    Field("meeting_year_be", "year_be", _("The meeting's year in the Buddhist Era.")),
    Field("meeting_label", "text", _("The meeting's official label N/B.E. year, e.g. 1/2565.")),
    Field("meeting_date", "date", _("Date the meeting was held.")),
    Field("resolution", "code", _RESOLUTION),
    Field("resolution_label", "text", _("The resolution in words, in the language of the request.")),
    Field("city_url", "url", _URL),
)

RESOLUTIONS_JSON = (
    _GENERATED, _PUBLISHER, Field("count", "integer", _("Number of decisions.")), _RESULTS,
    *_under("results[].", RESOLUTION_FIELDS),
)

# --- indicators -----------------------------------------------------------------------------------

_BASELINE = _("The indicator's value when the plan was made, in its unit.")
_TARGET = _("The value the plan aims at, in its unit.")
_TARGET_YEAR = _("The year the target is to be reached (A.D.).")
_TARGET_YEAR_BE = _("The same year in the Buddhist Era.")
_REPORT_YEAR = _("Year of the accepted annual report (A.D.); empty when no report has been accepted yet.")
_REPORT_YEAR_BE = _("The same year in the Buddhist Era.")
_VALUE = _("The value the report gave; empty when the city did not report it that year.")
_PROGRESS = _(
    "Share of the way from baseline to target the value covers, in per cent, 0 to 100, cut to one decimal "
    "(a reduction target counts the same way)."
)
_PLAN_PROGRESS = _("Progress of the whole plan that year as the Smart City Office accepted it, in per cent.")

INDICATORS_CSV = (
    Field("city_id", "integer", _CITY_ID),
    Field("city_name_th", "text", _("Name of the area in Thai.")),
    Field("city_name_en", "text", _("Name of the area in English.")),
    Field("city_status", "code", _STATUS),
    Field("province_codes", "code", _("DOPA codes of the area's provinces, separated by spaces.")),
    Field("dimension", "code", _DIMENSIONS),
    Field("dimension_th", "text", _("Name of the dimension in Thai.")),
    Field("dimension_en", "text", _("Name of the dimension in English.")),
    Field("indicator_id", "integer", _("The indicator's number in the portal (one per indicator of a plan).")),
    Field("indicator_code", "code", _("Code of the standard indicator the Office suggests, if the plan used one.")),
    Field("indicator", "text", _("The indicator, as the plan names it.")),
    Field("unit", "text", _("Unit of the baseline, target and values.")),
    Field("baseline", "decimal", _BASELINE),
    Field("target", "decimal", _TARGET),
    Field("target_year", "year", _TARGET_YEAR),
    Field("target_year_be", "year_be", _TARGET_YEAR_BE),
    Field("year", "year", _REPORT_YEAR),
    Field("year_be", "year_be", _REPORT_YEAR_BE),
    Field("value", "decimal", _VALUE),
    Field("progress_percent", "decimal", _PROGRESS),
    Field("plan_progress_percent", "decimal", _PLAN_PROGRESS),
    Field("city_url", "url", _URL),
)

_AREA = (
    _ID, _NAME_TH, _NAME_EN,
    Field("status", "code", _STATUS),
    *_PROVINCES,
    Field("url", "url", _URL),
    Field("plan_progress", "list", _("The plan's progress, one object per accepted report.")),
    Field("plan_progress[].year", "year", _("Year of the report (A.D.).")),
    Field("plan_progress[].year_be", "year_be", _REPORT_YEAR_BE),
    Field("plan_progress[].percent", "decimal", _PLAN_PROGRESS),
    Field("indicators", "list", _("The indicators of the area's plans.")),
    Field("indicators[].id", "integer", _("The indicator's number in the portal (one per indicator of a plan).")),
    Field("indicators[].code", "code", _("Code of the standard indicator the Office suggests, if the plan used one.")),
    Field("indicators[].dimension", "code", _DIMENSIONS),
    Field("indicators[].dimension_th", "text", _("Name of the dimension in Thai.")),
    Field("indicators[].dimension_en", "text", _("Name of the dimension in English.")),
    Field("indicators[].name", "text", _("The indicator, as the plan names it.")),
    Field("indicators[].unit", "text", _("Unit of the baseline, target and values.")),
    Field("indicators[].baseline", "decimal", _BASELINE),
    Field("indicators[].target", "decimal", _TARGET),
    Field("indicators[].target_year", "year", _TARGET_YEAR),
    Field("indicators[].target_year_be", "year_be", _TARGET_YEAR_BE),
    Field("indicators[].values", "list", _("One object per accepted report.")),
    Field("indicators[].values[].year", "year", _("Year of the report (A.D.).")),
    Field("indicators[].values[].year_be", "year_be", _REPORT_YEAR_BE),
    Field("indicators[].values[].value", "decimal", _VALUE),
    Field("indicators[].values[].progress_percent", "decimal", _PROGRESS),
    Field("indicators[].values[].plan_progress_percent", "decimal", _PLAN_PROGRESS),
)

INDICATORS_JSON = (
    _GENERATED, _PUBLISHER,
    Field("count", "integer", _("Number of areas over all pages.")),
    Field("page", "integer", _("This page's number.")),
    Field("pages", "integer", _("Number of pages.")),
    Field("next", "url", _("Address of the next page; null on the last.")),
    Field("previous", "url", _("Address of the previous page; null on the first.")),
    Field("results", "list", _("The areas of this page, one object each (below).")),
    *_under("results[].", _AREA),
)

FILES = {
    ("certified-cities", CSV.code): REGISTER_CSV,
    ("certified-cities", JSON.code): REGISTER_JSON,
    ("certified-cities", GEOJSON.code): REGISTER_GEOJSON,
    ("promotion-zones", CSV.code): REGISTER_CSV,
    ("promotion-zones", JSON.code): REGISTER_JSON,
    ("promotion-zones", GEOJSON.code): REGISTER_GEOJSON,
    ("resolutions", CSV.code): RESOLUTION_FIELDS,
    ("resolutions", JSON.code): RESOLUTIONS_JSON,
    ("indicators", CSV.code): INDICATORS_CSV,
    ("indicators", JSON.code): INDICATORS_JSON,
}


def fields_of(slug, fmt_code):
    return FILES[(slug, fmt_code)]
