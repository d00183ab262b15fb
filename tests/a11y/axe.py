"""axe-core in the page under test: the WCAG 2.1 A and AA rules, serious and critical findings.

axe.min.js is vendored from the npm registry (vendor/axe-core/README.txt) and injected by the
test itself, so the site never serves it and no page loads anything from elsewhere.
"""

import re
from pathlib import Path

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
THAI = re.compile(r"[\u0e00-\u0e7f]")

# Text in Thai script on an English page, outside any element that declares lang="th"
# (data people typed is marked so; WCAG 3.1.2, language of parts): the page leaks Thai.
_THAI_OUTSIDE_LANG_TH = r"""() => {
  const out = [], walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const thai = /[\u0e00-\u0e7f]/;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!thai.test(n.data) || !el || el.closest('[lang|="th"], script, style, [hidden]')) continue;
    if (!el.getClientRects().length) continue;
    out.push(n.data.trim());
  }
  return out;
}"""


def install(context) -> None:
    """Load axe into every document of ``context`` before the page's own scripts. An init script
    comes through the browser's debugging channel, not a <script> tag, so the pages' Content
    Security Policy (script-src 'self') stays as it is and is tested with it."""
    context.add_init_script(path=str(AXE))


def violations(page) -> list[str]:
    """One line per serious or critical violation: rule, impact, and the first few elements."""
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", TAGS
    )
    lines = []
    for v in result["violations"]:
        if v["impact"] not in BLOCKING:
            continue
        targets = [" ".join(map(str, n["target"])) for n in v["nodes"][:4]]
        lines.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])}): {targets}")
    return lines


def thai_outside_lang_th(page) -> list[str]:
    return page.evaluate(_THAI_OUTSIDE_LANG_TH)
