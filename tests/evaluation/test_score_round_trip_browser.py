"""Round trip of every field of the score form, in Thai and in English: scores with decimals and
comments on several lines are saved as a draft, read back exactly as typed (85.5, not 85.50),
then submitted as they are."""

from decimal import Decimal

import pytest

from tests.factories import EvaluatorFactory
from tests.signin import sign_in, with_password

from .helpers import active_subs, assign, in_evaluation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCORES = ["85.5", "70", "92.25", "60.75", "100", "0.5"]
COMMENT = "ข้อมูลครบถ้วน ตัวชี้วัดวัดผลได้\nควรเพิ่มแผนบำรุงรักษาเซนเซอร์ {n}"


@pytest.mark.parametrize("lang", ["th", "en"])
def test_every_score_and_comment_comes_back_as_typed(lang, page, live_server, screenshot_dir):
    evaluator = with_password(EvaluatorFactory(username="env.evaluator"))
    assignment = assign(in_evaluation(), "ENV", evaluator)
    subs = active_subs("ENV")
    assert 1 <= len(subs) <= len(SCORES)
    base = live_server.url
    page.context.add_cookies([{"name": "django_language", "value": lang, "url": base}])
    page.set_default_timeout(30_000)
    url = f"/reviews/assignments/{assignment.pk}/"
    sign_in(page, evaluator.username, base_url=base, next_url=url)

    typed = {sub.pk: (SCORES[n], COMMENT.format(n=n + 1)) for n, sub in enumerate(subs)}
    for pk, (score, comment) in typed.items():
        page.locator(f"#id_score_{pk}").fill(score)
        page.locator(f"#id_comment_{pk}").fill(comment)
    page.locator("button[name=intent][value=draft]").click()
    page.wait_for_url(base + url)
    page.reload()
    shown = {pk: (page.locator(f"#id_score_{pk}").input_value(), page.locator(f"#id_comment_{pk}").input_value())
             for pk in typed}
    assert shown == typed
    page.screenshot(path=str(screenshot_dir / f"score-round-trip-{lang}.png"), full_page=True)

    page.locator("#confirm-scores").check()
    page.locator("button[name=intent][value=submit]").click()
    page.wait_for_url(base + url)
    assignment.refresh_from_db()
    assert assignment.submitted_at is not None
    stored = {s.subcriterion_id: (s.score, s.comment) for s in assignment.scores.all()}
    assert stored == {pk: (Decimal(score), comment) for pk, (score, comment) in typed.items()}
