"""Thai in narrow table cells wraps between words, never inside one (no break within a syllable).

Chromium breaks Thai lines with ICU's dictionary, as Intl.Segmenter('th') splits words; a rule
such as ``word-break: break-all`` or ``overflow-wrap: anywhere`` lets a narrow cell cut a word
in two instead. Each wrapped line in a table cell must start where a Thai word starts.
"""

import pytest

from applications.enums import State
from tests import paths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# For every text in a table cell: where its lines wrap, and whether each wrap is at a word start.
_BREAKS_INSIDE_WORDS = r"""() => {
  const seg = new Intl.Segmenter('th', {granularity: 'word'}), out = [];
  for (const cell of document.querySelectorAll('main td, main th')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.data;
      if (!/[\u0e00-\u0e7f]/.test(text)) continue;
      const starts = new Set([...seg.segment(text)].map(s => s.index));
      const range = document.createRange();
      let top = null;
      for (let i = 0; i < text.length; i++) {
        if (/\s/.test(text[i])) continue;
        range.setStart(n, i); range.setEnd(n, i + 1);
        const r = range.getClientRects()[0];
        if (!r) continue;
        if (top !== null && r.top > top + 4 && !starts.has(i) && !/\s/.test(text[i - 1] || ' ')) {
          out.push(text.slice(Math.max(0, i - 6), i) + '|' + text.slice(i, i + 6));
        }
        top = r.top;
      }
    }
  }
  return out;
}"""


@pytest.fixture
def cities():
    return [paths.bring_to(State.CERTIFIED) for _ in range(3)]


def test_thai_wraps_between_words_in_narrow_cells(page, live_server, cities, screenshot_dir):
    page.set_viewport_size({"width": 360, "height": 800})
    page.set_default_timeout(30_000)
    found = {}
    for path in ("/register/", "/register/map/", f"/register/cities/{cities[0].pk}/", "/opendata/"):
        page.goto(live_server.url + path)
        assert page.locator("html").get_attribute("lang") == "th"
        found[path] = page.evaluate(_BREAKS_INSIDE_WORDS)
        name = path.strip("/").replace("/", "-")
        page.screenshot(path=str(screenshot_dir / f"thai-breaks-360-{name}.png"), full_page=True)
    assert found == {path: [] for path in found}


def test_the_check_sees_a_cell_that_cuts_words(page):
    cell = "<main><table><tr><td style='width:70px;{rule}'>การเดินทางและขนส่งอัจฉริยะ</td></tr></table></main>"
    page.set_content(f"<html lang='th'><body>{cell.format(rule='word-break: break-all')}</body></html>")
    assert page.evaluate(_BREAKS_INSIDE_WORDS) != []
    page.set_content(f"<html lang='th'><body>{cell.format(rule='')}</body></html>")
    assert page.evaluate(_BREAKS_INSIDE_WORDS) == []
