"""The open-data catalogue in DCAT (the DCAT-AP 3 profile), for CKAN's harvesters.

One graph, built by :func:`catalog_graph`, is written as JSON-LD (/opendata/catalog.jsonld)
and as Turtle (/opendata/catalog.ttl). It describes each dataset of register/datasets.py
and each of its files (distributions) with the licence, publisher, update frequency,
languages, spatial coverage and the DGA catalogue's own fields (data.go.th's CKAN,
ckanext-thai_gdc: data_category, update_frequency_unit, geo_coverage, ...), which DCAT
has no words for: they sit under the ``dga:`` prefix, whose terms /opendata/ documents.

Every thing the graph points at is typed (a licence as dct:LicenseDocument, a language as
dct:LinguisticSystem, ...): the DCAT-AP shapes check the classes of the values and a
harvester reads no inference. tests/opendata/test_catalog.py validates the graph against
the official DCAT-AP SHACL shapes.

The resources are hash IRIs of the /opendata/ page (``/opendata/#dataset-indicators``):
each one leads a reader to the section of the page that describes it.
"""

import datetime

from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import override
from django.views.decorators.http import require_safe
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS, XSD

from . import cache
from .datasets import (
    ANNUAL,
    CONTINUOUSLY,
    DATASETS,
    EU,
    PUBLISHER_EN,
    PUBLISHER_TH,
    Freshness,
    contact_email,
    dga_metadata,
    freshness,
    licence,
)

DCATAP = Namespace("http://data.europa.eu/r5r/")
ADMS = Namespace("http://www.w3.org/ns/adms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
IANA = "https://www.iana.org/assignments/media-types/"
LANGUAGES = {"THA": ("ภาษาไทย", "Thai"), "ENG": ("ภาษาอังกฤษ", "English")}
FREQUENCIES = {CONTINUOUSLY: "continuously updated", ANNUAL: "annual"}
THEMES = {"GOVE": "Government and public sector", "REGI": "Regions and cities"}
PAGE = "/opendata/"
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
THAILAND_BBOX = "POLYGON((97.3 5.6, 105.7 5.6, 105.7 20.5, 97.3 20.5, 97.3 5.6))"
THAILAND_CENTROID = "POINT(101.0 15.9)"


def _moment(value) -> Literal:
    """A year (int) as xsd:gYear, a date as xsd:date, a datetime as xsd:dateTime."""
    if isinstance(value, int):
        return Literal(str(value), datatype=XSD.gYear)
    if isinstance(value, datetime.datetime):
        return Literal(value.isoformat(timespec="seconds"), datatype=XSD.dateTime)
    return Literal(value.isoformat(), datatype=XSD.date)


def dga_namespace(base: str) -> Namespace:
    """The DGA fields' terms: anchors of the page's table of them (``/opendata/#dga-geo_coverage``)."""
    return Namespace(f"{base}{PAGE}#dga-")


def _both(message) -> tuple:
    """A translatable text as a Thai and an English literal."""
    texts = []
    for lang in ("th", "en"):
        with override(lang):
            texts.append(Literal(str(message), lang=lang))
    return tuple(texts)


class _Builder:
    def __init__(self, base: str):
        self.base = base
        self.g = Graph()
        self.dga = dga_namespace(base)
        for prefix, ns in (("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF), ("vcard", VCARD), ("skos", SKOS),
                           ("dcatap", DCATAP), ("adms", ADMS), ("dga", self.dga)):
            self.g.bind(prefix, ns)

    def iri(self, fragment: str) -> URIRef:
        return URIRef(f"{self.base}{PAGE}#{fragment}")

    def add(self, subject, predicate, *objects):
        for o in objects:
            self.g.add((subject, predicate, o))

    def typed(self, iri, *classes, **labels) -> URIRef:
        """A node of the given classes (each value the shapes check is typed), with its labels."""
        node = URIRef(iri)
        for cls in classes:
            self.g.add((node, RDF.type, cls))
        for predicate, values in labels.items():
            for value in values if isinstance(values, tuple) else (values,):
                self.g.add((node, {"label": SKOS.prefLabel, "title": DCTERMS.title}[predicate], value))
        return node

    def document(self, iri) -> URIRef:
        return self.typed(iri, FOAF.Document)

    # --- the shared parts ---------------------------------------------------------------------

    def shared(self):
        g = self.g
        self.publisher = self.iri("publisher")
        self.add(self.publisher, RDF.type, FOAF.Agent, FOAF.Organization)
        self.add(self.publisher, FOAF.name, Literal(PUBLISHER_TH, lang="th"), Literal(PUBLISHER_EN, lang="en"))
        self.add(self.publisher, DCTERMS.type, self.typed(
            "http://purl.org/adms/publishertype/NationalAuthority", SKOS.Concept,
            label=Literal("National authority", lang="en"),
        ))
        self.contact = self.iri("contact")
        self.add(self.contact, RDF.type, VCARD.Kind, VCARD.Organization)
        self.add(self.contact, VCARD.fn, Literal(PUBLISHER_TH, lang="th"), Literal(PUBLISHER_EN, lang="en"))
        self.add(self.contact, VCARD.hasURL, URIRef(self.base + PAGE))
        if contact_email():
            self.add(self.contact, VCARD.hasEmail, URIRef(f"mailto:{contact_email()}"))
        terms = licence()
        self.licence = self.typed(terms["url"], DCTERMS.LicenseDocument, title=Literal(terms["title"], lang="en"))
        self.add(self.licence, DCTERMS.type, self.typed(
            "http://purl.org/adms/licencetype/Attribution", SKOS.Concept, label=Literal("Attribution", lang="en"),
        ))
        self.public = self.typed(EU + "access-right/PUBLIC", DCTERMS.RightsStatement)
        g.add((self.public, SKOS.prefLabel, Literal("public", lang="en")))
        self.stable = self.typed(EU + "planned-availability/STABLE", SKOS.Concept, label=Literal("stable", lang="en"))
        self.languages = [
            self.typed(f"{EU}language/{code}", DCTERMS.LinguisticSystem,
                       label=(Literal(th, lang="th"), Literal(en, lang="en")))
            for code, (th, en) in LANGUAGES.items()
        ]
        self.thailand = self.typed(EU + "country/THA", DCTERMS.Location,
                                   label=(Literal("ประเทศไทย", lang="th"), Literal("Thailand", lang="en")))
        # Thailand's extent, rounded outward (for harvesters that map datasets, e.g. ckanext-spatial).
        self.add(self.thailand, DCAT.bbox, Literal(THAILAND_BBOX, datatype=GEO.wktLiteral))
        self.add(self.thailand, DCAT.centroid, Literal(THAILAND_CENTROID, datatype=GEO.wktLiteral))
        self.themes_scheme = self.typed(EU + "data-theme", SKOS.ConceptScheme, title=Literal("Data theme", lang="en"))
        self.themes = []
        for code, label in THEMES.items():
            theme = self.typed(f"{EU}data-theme/{code}", SKOS.Concept, label=Literal(label, lang="en"))
            g.add((theme, SKOS.inScheme, self.themes_scheme))
            self.themes.append(theme)

    # --- the catalogue, its datasets and their files --------------------------------------------

    def catalog(self, fresh):
        catalog = self.iri("catalog")
        self.add(catalog, RDF.type, DCAT.Catalog)
        self.add(catalog, DCTERMS.title, Literal("แคตตาล็อกข้อมูลเปิด ทะเบียนเมืองอัจฉริยะประเทศไทย", lang="th"),
                 Literal("Open data catalogue of Thailand's smart city register", lang="en"))
        self.add(catalog, DCTERMS.description, Literal(
            "ชุดข้อมูลเปิดของทะเบียนเมืองอัจฉริยะ: เมืองที่ได้รับการรับรอง เขตส่งเสริม มติการประชุม "
            "และตัวชี้วัดความก้าวหน้า", lang="th",
        ), Literal(
            "The open data of Thailand's smart city register: certified cities, promotion zones, meetings' "
            "resolutions and progress indicators.", lang="en",
        ))
        self.add(catalog, DCTERMS.publisher, self.publisher)
        self.add(catalog, FOAF.homepage, self.document(self.base + PAGE))
        self.add(catalog, DCTERMS.language, *self.languages)
        self.add(catalog, DCTERMS.license, self.licence)
        self.add(catalog, DCTERMS.spatial, self.thailand)
        self.add(catalog, DCAT.themeTaxonomy, self.themes_scheme)
        changes = [f.modified for f in fresh.values() if f.modified]
        if changes:
            self.add(catalog, DCTERMS.modified, _moment(max(changes)))
        for dataset in DATASETS:
            self.add(catalog, DCAT.dataset, self.dataset(dataset, fresh.get(dataset.slug) or Freshness()))
        return catalog

    def dataset(self, dataset, fresh):
        node = self.iri(f"dataset-{dataset.slug}")
        landing = f"{self.base}{PAGE}#{dataset.slug}"
        self.add(node, RDF.type, DCAT.Dataset)
        self.add(node, DCTERMS.identifier, Literal(dataset.slug))
        self.add(node, DCTERMS.title, *_both(dataset.title))
        self.add(node, DCTERMS.description, *_both(dataset.description))
        for keyword in dataset.keywords:
            self.add(node, DCAT.keyword, *_both(keyword))
        self.add(node, DCAT.theme, *self.themes)
        self.add(node, DCTERMS.publisher, self.publisher)
        self.add(node, DCAT.contactPoint, self.contact)
        self.add(node, DCTERMS.accessRights, self.public)
        self.add(node, DCTERMS.accrualPeriodicity, self.typed(
            dataset.frequency, DCTERMS.Frequency, label=Literal(FREQUENCIES[dataset.frequency], lang="en")
        ))
        self.add(node, DCTERMS.language, *self.languages)
        self.add(node, DCTERMS.spatial, self.thailand)
        self.add(node, DCAT.landingPage, self.document(landing))
        self.add(node, FOAF.page, self.document(f"{self.base}{PAGE}#{dataset.slug}-fields"))
        if fresh.modified:
            self.add(node, DCTERMS.modified, _moment(fresh.modified))
        if fresh.start:
            period = BNode()
            self.add(period, RDF.type, DCTERMS.PeriodOfTime)
            self.add(period, DCAT.startDate, _moment(fresh.start))
            self.add(period, DCAT.endDate, _moment(fresh.end))
            self.add(node, DCTERMS.temporal, period)
        for name, value in dga_metadata(dataset, landing_page=landing, fresh=fresh).items():
            self.add(node, self.dga[name], *(Literal(v) for v in (value if isinstance(value, tuple) else (value,))))
        for fmt in dataset.formats:
            self.add(node, DCAT.distribution, self.distribution(dataset, fmt, fresh.modified))
        return node

    def distribution(self, dataset, fmt, modified):
        node = self.iri(f"{dataset.slug}-{fmt.code}")
        url = URIRef(self.base + dataset.path(fmt))
        self.add(node, RDF.type, DCAT.Distribution)
        self.add(node, DCTERMS.title, *(Literal(f"{t} ({fmt.label})", lang=t.language) for t in _both(dataset.title)))
        paged = dataset.paged_json and fmt.code == "json"
        self.add(node, DCTERMS.description, Literal(
            "แบ่งหน้าตามเมือง: อ่านหน้าถัดไปจากช่อง next" if paged else "ทั้งชุดในไฟล์เดียว", lang="th"
        ), Literal(
            "Paged by area: follow the link in next." if paged else "The whole dataset in one file.", lang="en"
        ))
        self.add(node, DCAT.accessURL, url)
        if not paged:
            self.add(node, DCAT.downloadURL, url)
        self.add(node, DCTERMS.format, self.typed(f"{EU}file-type/{fmt.file_type}", DCTERMS.MediaTypeOrExtent))
        self.add(node, DCAT.mediaType, self.typed(IANA + fmt.media_type, DCTERMS.MediaType))
        self.add(node, DCTERMS.license, self.licence)
        self.add(node, DCATAP.availability, self.stable)
        self.add(node, DCTERMS.language, *self.languages)
        self.add(node, FOAF.page, self.document(f"{self.base}{PAGE}#{dataset.slug}-{fmt.code}-fields"))
        if modified:
            self.add(node, DCTERMS.modified, _moment(modified))
        return node


def catalog_graph(base: str, fresh=None) -> Graph:
    """The whole catalogue for a site at ``base`` (``https://host``, no trailing slash)."""
    builder = _Builder(base.rstrip("/"))
    builder.shared()
    builder.catalog(freshness() if fresh is None else fresh)
    return builder.g


def _base(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def jsonld_context(base: str) -> dict:
    return {
        "dcat": str(DCAT), "dct": str(DCTERMS), "foaf": str(FOAF), "vcard": str(VCARD), "skos": str(SKOS),
        "dcatap": str(DCATAP), "adms": str(ADMS), "xsd": str(XSD), "dga": str(dga_namespace(base)),
    }


SERIALISATIONS = {
    "jsonld": ("application/ld+json", lambda g, base: g.serialize(format="json-ld", context=jsonld_context(base),
                                                                   auto_compact=True)),
    "ttl": ("text/turtle", lambda g, base: g.serialize(format="turtle")),
}


def _catalog(request, kind):
    content_type, write = SERIALISATIONS[kind]
    base = _base(request)
    body = cache.cached_fragment(f"catalog-{kind}:{request.get_host()}", request,
                                 lambda: write(catalog_graph(base), base))
    response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    response["Content-Disposition"] = f'inline; filename="catalog-{timezone.localdate().isoformat()}.{kind}"'
    return response


@require_safe
def catalog_jsonld(request):
    return _catalog(request, "jsonld")


@require_safe
def catalog_ttl(request):
    return _catalog(request, "ttl")


@require_safe
def catalog_negotiated(request):
    """``/opendata/catalog``: the serialisation the reader's Accept asks for, else the page."""
    accept = request.headers.get("Accept", "")
    if "text/turtle" in accept:
        response = redirect("opendata-catalog-ttl", permanent=False)
    elif "application/ld+json" in accept or "application/json" in accept:
        response = redirect("opendata-catalog-jsonld", permanent=False)
    else:
        response = redirect("opendata-index", permanent=False)
    patch_vary_headers(response, ["Accept"])  # a cache must not give one reader's answer to another
    return response
