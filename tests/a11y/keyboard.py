"""Moving through a page as a keyboard user does: Tab and Shift+Tab, Enter, Space, arrows, typing;
never a mouse click nor element.click(). Every control that takes the focus on the way is checked
for a visible focus indicator (a computed outline or box-shadow that is not none)."""

# What has the focus, and whether it shows: one round trip per key press.
_FOCUSED = """(selector) => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const shadow = !!s.boxShadow && s.boxShadow !== 'none';
  return {
    what: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.name ? '[name=' + el.name + ']' : ''),
    shown: outline || shadow,
    match: selector ? el.matches(selector) : false,
  };
}"""


class Keyboard:
    def __init__(self, page):
        self.page = page
        self.stops = 0  # controls the focus passed through
        self.unseen = []  # those of them whose focus did not show

    def focused(self, selector=None):
        return self.page.evaluate(_FOCUSED, selector)

    def _note(self, info):
        if info is None:
            return
        self.stops += 1
        if not info["shown"] and info["what"] not in self.unseen:
            self.unseen.append(info["what"])

    def tab_to(self, selector, *, back=False, limit=300):
        """Press Tab (or Shift+Tab) until the focus is on ``selector``; fail if it never gets there."""
        for _ in range(limit):
            self.page.keyboard.press("Shift+Tab" if back else "Tab")
            info = self.focused(selector)
            self._note(info)
            if info and info["match"]:
                return info
        raise AssertionError(f"{selector} is not reached with {'Shift+' if back else ''}Tab")

    def sweep(self, limit=120):
        """Tab from the top of the page to its end (or ``limit`` stops), noting every stop."""
        self.page.evaluate("window.__kbFirst = null")
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            back_round = self.page.evaluate(
                "() => { const el = document.activeElement; if (el === window.__kbFirst) return true;"
                " window.__kbFirst = window.__kbFirst || el; return el === document.body; }")
            if back_round:
                return
            self._note(self.focused())

    def press(self, key):
        self.page.keyboard.press(key)

    def type(self, text):
        self.page.keyboard.type(text)

    def replace(self, text):
        """Select what the focused box holds and type over it."""
        self.page.keyboard.press("Control+A")
        self.page.keyboard.type(text)

    def fill(self, selector, text, *, back=False):
        self.tab_to(selector, back=back)
        self.replace(text)

    def submit_with(self, selector, key="Enter"):
        """Focus a button and press it; wait for the page that answers."""
        self.tab_to(selector)
        with self.page.expect_navigation():
            self.page.keyboard.press(key)
        return self.focused()
