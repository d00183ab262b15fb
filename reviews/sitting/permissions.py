"""Who may download a meeting's evidence pack: a plain predicate, used by the page and the view."""

from accounts.permissions import is_office_staff
from applications.permissions import dossier_withheld

from ..models import AgendaItem


def evidence_readable(user, meeting) -> bool:
    """The Office's alone, and not an officer who declared a conflict of interest on a proposal of
    the meeting: the pack is the whole record (every reason of every open vote, every resolution's
    text), which the dossier rule withholds from them (applications.permissions)."""
    if not is_office_staff(user):
        return False
    items = AgendaItem.objects.filter(meeting=meeting).select_related("proposal")
    return not any(dossier_withheld(user, item.proposal) for item in items)
