"""Corrections in the minutes (issue 14): what was recorded stays, and each correction is printed
beside it with its reason, who recorded it, when, and the meeting that ordered it.

Kept apart from ``minutes.py`` (which calls these two functions) so the minutes' own layout
can change without touching this.
"""

from django.utils.translation import gettext as _

from core.thai import local_date

from ..corrections.selectors import described, meeting_corrections
from .pdf import GREY


def _line(doc, shown, *, indent):
    c = shown.correction
    doc.paragraph(
        _("Corrected on %(date)s: %(what)s: “%(original)s” → “%(value)s”")
        % {"date": local_date(c.at), "what": shown.what, "original": shown.original, "value": shown.value},
        indent=indent, space=0,
    )
    doc.set_text_color(*GREY)
    reason = _("Reason: %(reason)s (recorded by %(by)s)") % {
        "reason": c.reason, "by": c.by.get_full_name() or c.by.username}
    if c.ordered_by_id:
        reason += " " + _("by the resolution of meeting no. %(label)s") % {"label": c.ordered_by.label}
    doc.paragraph(reason, size=12, indent=indent + 6, space=0)
    doc.set_text_color(0, 0, 0)


def resolution_corrections(doc, resolution) -> None:
    """Under an item's resolution as recorded: its corrections, oldest first (the last one stands)."""
    rows = list(resolution.corrections.select_related("by", "ordered_by").order_by("at", "id"))
    if not rows:
        return
    doc.paragraph(_("Corrections of the resolution"), bold=True, indent=4, space=0)
    for row in rows:
        _line(doc, described(row), indent=10)
    # The text again only when it was corrected: otherwise it reads as recorded above.
    words = resolution.effective_kind_display
    if any(row.field == "text" for row in rows) and resolution.effective_text:
        words = f"{words}: {resolution.effective_text}"
    doc.labelled(_("Resolution as corrected"), words, indent=4, label_width=41)


def record_corrections(doc, meeting) -> None:
    """After the items: corrections of the attendance and of the conflicts declared, if any."""
    rows = meeting_corrections(meeting, resolutions=False)
    if not rows:
        return
    doc.rule()
    doc.heading(_("Corrections to the record"), size=15, align="L", space=0)
    for shown in rows:
        _line(doc, shown, indent=6)
