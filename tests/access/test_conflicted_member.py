"""One dossier rule everywhere: a person who declared a conflict of interest on a proposal gets
nothing of its confidential dossier from any URL of the portal (pages, API, PDFs, files), while
its public facts stay public; the same person still reads the dossier of a proposal they have
no conflict on, through the same URLs.

The URLs are not listed by hand: every route of the URLconf is walked (tests/security/urlmap.py).
A route with a proposal, a version, an annex, an assignment, an agenda item, a meeting or a
report in its path is filled from the world (tests/access/dossier_world.py) by KWARGS; a route
added later that KWARGS does not know fails here by name until it is classified.
"""

import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from tests.security.urlmap import has_object, named_routes, patterns

from . import dossier_world

# --- How each object route is filled for one city of the world -----------------------------------


def _proposal(w, c):
    return {"pk": c.proposal.pk}


def _step(w, c):
    return {"pk": c.proposal.pk, "step": "area"}


def _annex(w, c):
    return {"pk": c.proposal.pk, "attachment_id": c.annex.pk}


def _item(w, c):
    return {"pk": c.item.pk}


def _meeting(w, c):
    return {"pk": w.meeting.pk}


def _report(w, c):
    return {"pk": c.report.pk}


KWARGS = {
    "proposal-detail": _proposal,
    "proposal-transition": _proposal,
    "proposal-checklist": _proposal,
    "proposal-edit": _step,
    "proposal-autosave": _step,
    "annex-upload": _proposal,
    "annex-download": _annex,
    "annex-delete": _annex,
    "version-compare": _proposal,
    "version-detail": lambda w, c: {"pk": c.proposal.pk, "number": c.proposal.versions.count()},
    "screening-detail": _proposal,
    "assign-evaluators": _proposal,
    "assignment-score": lambda w, c: {"pk": c.assignment.pk},
    "matrix-recommend": _proposal,
    "matrix-in-principle": _proposal,
    "meeting-detail": _meeting,
    "meeting-attendance": _meeting,
    "meeting-minutes": _meeting,
    "meeting-publish": lambda w, c: {"pk": w.meeting.pk, "what": "minutes"},
    "agenda-item": _item,
    "vote-cast": _item,
    "conflict-declare": _item,
    "item-close": _item,
    # Running the meeting (issue 15): the meeting's own pages, and the chair's controls of an item.
    "meeting-open": _meeting,
    "meeting-join": _meeting,
    "meeting-leave": _meeting,
    "meeting-evidence": _meeting,
    "meeting-certify": _meeting,
    "item-vote-open": _item,
    "item-ballot": _item,
    "certificate-pdf": _proposal,
    # The public verification pages (issue 19): a 404 for a proposal with no certificate number.
    "verify-certificate": lambda w, c: {"number": c.proposal.certificate_number or "SCT-0000-00000"},
    "verify-minutes": _meeting,
    "city-detail": _proposal,
    "city-reports": _proposal,
    "report-detail": _report,
    "report-edit": _report,
    "report-submit": _report,
    "report-decide": _report,
    "report-evidence": lambda w, c: {"pk": c.report.pk, "result_pk": c.evidence.pk},
    "api-proposal-detail": _proposal,
    "api-proposal-history": _proposal,
    "api-proposal-transition": _proposal,
    "v1-proposal-detail": _proposal,
    "v1-proposal-history": _proposal,
    "v1-proposal-transitions": _proposal,
    "v1-meeting-detail": _meeting,
    "v1-item-vote": _item,
    "v1-city-detail": _proposal,
    "v1-proposal-amendments": _proposal,
    "amendment-request": _proposal,
    "proposal-trail": _proposal,
    "desk-meeting": _meeting,
    "desk-agenda-add": _meeting,
    "desk-postpone": _meeting,
    "desk-cancel": _meeting,
    "desk-agenda-item": lambda w, c: {"pk": c.item.pk, "act": "up"},
    "correction-new": lambda w, c: {"kind": "resolution", "pk": c.proposal.resolutions.order_by("pk").first().pk},
}

# Object routes that show nothing of any proposal, each with why.
NOT_ABOUT_A_PROPOSAL = {
    "invitation-accept": "an invitation to an organisation",
    "invitation-cancel": "an invitation to an organisation",
    "organisation-invite": "an organisation's members",
    "password_reset_confirm": "a password reset link",
    "notification-read": "POST only: marks one's own notification read (the inbox is walked)",
    "v1-province-detail": "reference data",
    "v1-dimension-detail": "reference data",
    "amendment-detail": "an amendment of the public facts only (names, provinces, area): none in this world",
    "amendment-decide": "an amendment of the public facts only (names, provinces, area): none in this world",
    "second-factor-reset": "a person's second factor, the Office's page",
    "api-token-revoke": "one's own API token (POST only; a stranger's token is a 404)",
    "oidc-start": "signing in through a state digital ID provider (ThaiD, DGA)",
    "oidc-callback": "the way back from a state digital ID provider (ThaiD, DGA)",
    "privacy-export": "one's own personal data (anybody else's is a 404)",
    "privacy-request": "a request about personal data, the Office's page",
}

# The public record: what an anonymous visitor reads. A person the dossier is withheld from
# may read here exactly what the anonymous visitor reads, and no more.
PUBLIC = {
    "city-detail", "v1-city-detail", "certificate-pdf", "verify-certificate", "verify-minutes",
    "city-list", "map", "export-csv", "export-json", "export-geojson", "feed", "sitemap", "v1-city-list",
}
# Routes that open for the conflicted person, without the dossier: the proposal's public facts
# (its page and its public history, as the anonymous visitor has them), and the meeting's pages
# (they still sit on the body; the item shows they declared a conflict).
OPENS_WITHOUT_DOSSIER = {
    "proposal-detail", "api-proposal-history", "v1-proposal-history",
    "meeting-detail", "meeting-attendance", "meeting-minutes", "meeting-publish", "agenda-item",
    "v1-meeting-detail",
    # The meeting desk opens for a conflicted officer (the Office's secretary), listing the
    # proposal without a link to its dossier (reviews/meetings/desk.py).
    "desk-meeting", "desk-postpone", "desk-cancel",
    # Joining (an identity check) and certifying the previous minutes (a link to the reader's own copy).
    "meeting-join", "meeting-certify",
}
# Any other object route about the proposal must refuse (or redirect, or want a POST).
REFUSED = {302, 403, 404, 405}

# The three people who declared a conflict on P (see dossier_world): the walk is run as each.
CONFLICTED = ("conflicted", "evaluator", "secretary")


@pytest.fixture(scope="module")
def one_world(built_once):
    with built_once():
        return dossier_world.build()


@pytest.fixture
def world(db, one_world):
    return one_world


# --- Reading a response --------------------------------------------------------------------------

TOKEN = re.compile(r"[PQ]-[A-Z-]+-[0-9a-f]{4}")


def _needle(marker: str) -> str:
    """The marker's ASCII token when it has one (robust to how Thai is shaped in a PDF)."""
    found = TOKEN.search(marker)
    return found.group(0) if found else marker


def readable(response) -> str:
    """Everything a response tells its reader: its body as text, and a PDF's text."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = content.decode("utf-8", "ignore") + content.decode("latin-1")
    if content.startswith(b"%PDF"):
        try:
            text += "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
        except Exception:  # an annex need not be a PDF pypdf can read: its bytes were searched above
            pass
        text += _decoded_streams(content)
    return text


def _decoded_streams(content) -> str:
    """The decoded streams of a PDF: an uploaded annex is stored rewritten, its streams compressed."""
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(content)) as pdf:
            return "\n".join(obj.read_bytes().decode("utf-8", "ignore") for obj in pdf.objects
                             if isinstance(obj, pikepdf.Stream))
    except Exception:  # not a PDF pikepdf reads: its bytes were searched above
        return ""


def leaked(city, text) -> set:
    return {name for name, marker in city.markers.items() if _needle(marker) in text}


def client_as(world, who):
    client = Client()
    if who != "anonymous":
        client.force_login(world.people[who])
    return client


def routes():
    """(name, kwargs function or None) of every route of the portal worth a GET, admin aside."""
    objects = named_routes()
    found = {}
    for route, name in patterns():
        if not name or route.startswith("admin/") or ".(?P<format>" in route or "<drf_format_suffix" in route:
            continue
        if has_object(route):
            if name in NOT_ABOUT_A_PROPOSAL:
                continue
            found[name] = KWARGS.get(name, "unclassified")
        else:
            found.setdefault(name, None)
    assert set(objects) - set(found) <= set(NOT_ABOUT_A_PROPOSAL)
    return found


def url_for(world, city, name, fill):
    return reverse(name, kwargs=fill(world, city)) if fill else reverse(name)


# --- The tests -------------------------------------------------------------------------------------


def test_every_route_with_an_object_is_classified():
    unclassified = sorted(name for name, fill in routes().items() if fill == "unclassified")
    assert not unclassified, (
        "Routes with an object in their path that tests/access/test_conflicted_member.py does not know: "
        f"add them to KWARGS (or NOT_ABOUT_A_PROPOSAL, saying why): {unclassified}"
    )
    assert set(KWARGS).isdisjoint(NOT_ABOUT_A_PROPOSAL)


def _walk(world, who, city):
    """{route name: (status, markers of ``city`` the response shows)} for every route, as ``who``."""
    client = client_as(world, who)
    seen = {}
    for name, fill in sorted(routes().items()):
        response = client.get(url_for(world, city, name, fill))
        seen[name] = (response.status_code, leaked(city, readable(response)))
    return seen


@pytest.mark.parametrize("who", CONFLICTED)
def test_a_conflicted_person_gets_nothing_of_the_dossier_from_any_url(world, who):
    p = world.p
    mine = _walk(world, who, p)
    public = {name: _walk_one(world, "anonymous", p, name) for name in PUBLIC if name in mine}
    problems = []
    for name, (status, found) in mine.items():
        fill = routes()[name]
        if name in PUBLIC:
            beyond = found - public[name][1]
            if beyond:
                problems.append(f"{name}: shows {sorted(beyond)}, which an anonymous visitor does not see")
        elif found:
            problems.append(f"{name} ({status}): shows {sorted(found)}")
        elif fill is not None and name not in OPENS_WITHOUT_DOSSIER and status not in REFUSED:
            problems.append(f"{name}: answers {status}, expected one of {sorted(REFUSED)}")
    assert not problems, f"{who} declared a conflict on {p.proposal.reference}:\n" + "\n".join(problems)


def _walk_one(world, who, city, name):
    response = client_as(world, who).get(url_for(world, city, name, routes()[name]))
    return response.status_code, leaked(city, readable(response))


def test_the_anonymous_visitor_reads_only_the_public_record(world):
    """The yardstick of the walk: what the public reads of P is the public record only."""
    shown = {name: sorted(found) for name, (_status, found) in _walk(world, "anonymous", world.p).items()
             if found and name not in PUBLIC}
    assert not shown, f"shown to anyone: {shown}"
    # The register publishes a city's vision: the only marker the public reads.
    assert _walk_one(world, "anonymous", world.p, "city-detail") == (200, {"vision"})


# What each of them must still read of Q, on which nobody declared a conflict: proof that the
# walk sees a dossier when one is shown (so its silence on P means something).
SEEN_ON_Q = {
    "proposal-detail": {"vision", "budget", "Office note"},
    "version-detail": {"vision", "budget", "infrastructure plan", "annex name"},
    "annex-download": {"annex content"},
    "meeting-minutes": {"dissent"},
    "agenda-item": {"dissent"},
    "api-proposal-history": {"Office note"},
    "v1-proposal-history": {"Office note"},
}
SEEN_ON_Q_BY = {
    "conflicted": SEEN_ON_Q,
    "evaluator": {**SEEN_ON_Q, "assignment-score": {"score", "score comment", "vision"}},
    "secretary": {
        **SEEN_ON_Q, "report-detail": {"report summary"}, "report-evidence": {"evidence"},
        "city-reports": set(),
    },
}


@pytest.mark.parametrize("who", CONFLICTED)
def test_the_same_person_reads_the_dossier_of_a_proposal_without_conflict(world, who):
    for name, expected in SEEN_ON_Q_BY[who].items():
        status, found = _walk_one(world, who, world.q, name)
        assert status == 200, (name, status)
        assert expected <= found, f"{name}: {who} should read {sorted(expected - found)} of Q"


@pytest.mark.parametrize("who", CONFLICTED)
def test_the_proposal_page_says_the_dossier_is_withheld_for_the_conflict(world, who):
    client = client_as(world, who)
    url = reverse("proposal-detail", args=[world.p.proposal.pk])
    page = client.get(url).content.decode()
    assert "คุณได้แจ้งว่ามีส่วนได้เสียในข้อเสนอนี้" in page
    assert world.p.proposal.name_th in page and world.p.proposal.organisation.name_th in page
    assert world.p.proposal.certificate_number in page
    client.cookies["django_language"] = "en"
    page = client.get(url).content.decode()
    assert "You declared a conflict of interest on this proposal" in page
    # Not the wrong reason: versions were handed in, they are withheld.
    assert "no version has been frozen" not in page
    assert "Not handed in yet" not in page


def test_the_public_page_does_not_speak_of_a_conflict(world):
    page = client_as(world, "stranger").get(reverse("proposal-detail", args=[world.p.proposal.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "ส่วนได้เสีย" not in text
    assert world.p.proposal.name_th in text
    assert not leaked(world.p, text)


def test_the_minutes_of_a_conflicted_member_say_what_is_withheld(world):
    from tests.documents.conftest import pdf_text

    response = client_as(world, "conflicted").get(reverse("meeting-minutes", args=[world.meeting.pk]))
    text = pdf_text(response.content)
    # P's item is in the record (its name, the conflicts, the tally), without its reasons.
    assert f"{world.p.proposal.reference} {world.p.proposal.name_th}" in text
    assert "ไม่แสดงข้อความมติและความเห็นแย้งของวาระนี้แก่ท่าน" in text
    assert _needle(world.p.markers["dissent"]) not in text
    assert _needle(world.q.markers["dissent"]) in text
