"""WCAG 2.1 AA, measured: axe-core on the pages of the main journey, as each role, in Thai and
in English, at 1280 px and 360 px. No serious or critical violation is allowed; English pages
show no Thai outside data marked lang="th"; nothing sticks out sideways at 360 px."""

import pytest

from accounts.models import User
from applications.models import DimensionPlan, Initiative, PlanIndicator, Proposal
from reviews.models import Resolution
from tests.signin import sign_in

from .axe import THAI, install, thai_outside_lang_th, violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 360)
STEPS = ("area", "infrastructure", "platform", "dimensions", "management", "review")


def journeys(w):
    """(who signs in, [paths]) for each role; None for a visitor."""
    draft, submitted, city = w["draft"].pk, w["submitted"].pk, w["city"].pk
    return [
        (None, ["/", "/accounts/login/", "/register/", f"/register/cities/{city}/", "/register/map/"]),
        (w["writer"], ["/", "/proposals/", "/proposals/new/", f"/proposals/{draft}/",
                       *[f"/proposals/{draft}/edit/{s}/" for s in STEPS], "/notifications/",
                       "/notifications/preferences/"]),
        (w["city_member"], [f"/proposals/{city}/", f"/monitoring/cities/{city}/reports/",
                            f"/monitoring/reports/{w['report'].pk}/edit/", f"/proposals/{city}/versions/1/",
                            f"/proposals/{city}/versions/compare/"]),
        (w["evaluator"], ["/reviews/assignments/", f"/reviews/assignments/{w['assignment'].pk}/"]),
        (w["staff"], ["/reviews/screening/", f"/reviews/screening/{submitted}/", "/reviews/matrix/",
                      "/monitoring/overview/", f"/proposals/{submitted}/"]),
    ]


def typed_data() -> list[str]:
    """What people typed (in Thai, whatever the page's language), longest first: data, not the page's words."""
    texts = set()
    for row in Proposal.objects.all():
        texts |= {row.name_th, row.boundary_description, row.vision, row.goals, row.infrastructure_plan,
                  row.investment_plan, row.data_platform, row.management_model}
    texts |= set(DimensionPlan.objects.values_list("summary", flat=True))
    for title, description in Initiative.objects.values_list("title", "description"):
        texts |= {title, description}
    for name, unit in PlanIndicator.objects.values_list("name", "unit"):
        texts |= {name, unit}
    for first, last in User.objects.values_list("first_name", "last_name"):
        texts |= {f"{first} {last}", first, last}
    texts |= set(Resolution.objects.values_list("text", flat=True))
    lines = {line.strip() for text in texts for line in (text or "").splitlines()}
    return sorted((t for t in lines if t), key=len, reverse=True)


def leaks(found, data) -> list[str]:
    """The Thai words left once every piece of typed data is taken out."""
    out = []
    for text in found:
        rest = text
        for piece in data:
            rest = rest.replace(piece, "")
        if THAI.search(rest):
            out.append(text)
    return out


@pytest.mark.parametrize("lang", ["th", "en"])
def test_every_page_of_the_journey_passes_axe(lang, chromium, live_server, world, screenshot_dir):
    findings = []
    data = typed_data()
    for user, pages in journeys(world):
        context = chromium.new_context(locale="th-TH", viewport={"width": 1280, "height": 900})
        context.add_cookies([{"name": "django_language", "value": lang, "url": live_server.url}])
        context.set_default_timeout(15_000)
        install(context)
        page = context.new_page()
        if user is not None:
            sign_in(page, user.username, base_url=live_server.url)
        for path in pages:
            response = page.goto(live_server.url + path)
            assert response.status == 200, (path, response.status)
            assert page.locator("html").get_attribute("lang") == lang, path
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 900 if width > 400 else 800})
                who = user.username if user else "visitor"
                findings += [f"{lang} {width}px {who} {path}: {line}" for line in violations(page)]
                over = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                if over > 0:
                    findings.append(f"{lang} {width}px {who} {path}: {over}px wider than the window")
                if lang == "en" and width == 1280:
                    found = thai_outside_lang_th(page)
                    findings += [f"en {who} {path}: Thai text: {t}" for t in leaks(found, data)]
                name = path.strip("/").replace("/", "-") or "home"
                page.screenshot(path=str(screenshot_dir / f"a11y-{lang}-{width}-{name}.png"), full_page=True)
            page.set_viewport_size({"width": 1280, "height": 900})
        context.close()
    print("\n" + "\n".join(findings))
    assert findings == []
