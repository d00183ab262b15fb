"""The public facts of a proposal, and the rule that guards them (issue 14, item 6).

Once a proposal is public (declared a promotion zone, and every state after it), the
register and its open data publish its names, provinces, area and boundary. From then on
those facts change only through a recorded amendment that the Office accepts
(:mod:`applications.amendments.services`); the editor, the API and the admin refuse a
direct change with :class:`PublicFactError`, which names the amendment as the way.
"""

from decimal import Decimal, InvalidOperation

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.errors import STATUS_OF_CODE, DomainError

from ..enums import PUBLIC_STATES, State
from ..models import Proposal

# What the register shows of the target area (criterion 1): its names, where it lies and how big it is.
PUBLIC_FACTS = ("name_th", "name_en", "provinces", "area_km2", "boundary_description")
# Once public, these are never emptied: the register always shows them.
KEPT_FILLED = frozenset({"name_th", "provinces", "area_km2", "boundary_description"})


class PublicFactError(DomainError):
    """A direct change of a public fact, or a refused amendment.

    ``amendment_required`` (a direct change of a public fact) is a conflict with the
    proposal's state (409), as a move refused in its state is.
    """

    statuses = {**STATUS_OF_CODE, "amendment_required": 409}


def facts_are_public(proposal) -> bool:
    """Whether the public has seen the proposal's facts (the register shows it, or did before
    a revision was asked for in evaluation or on the agenda)."""
    if proposal.status in PUBLIC_STATES:
        return True
    if proposal.status == State.REVISION_REQUESTED:
        return proposal.history.filter(to_state__in=PUBLIC_STATES).exists()
    return False


def label_of(name) -> str:
    return str(capfirst(Proposal._meta.get_field(name).verbose_name))


def normal(name, value):
    """A fact's value in the form the record keeps (JSON): text stripped, the area to the
    satang-like two places the column holds, provinces as sorted codes."""
    if name == "provinces":
        return sorted({str(getattr(c, "code", c)).strip() for c in (value or ())})
    if name == "area_km2":
        if value is None or value == "":
            return None
        try:
            return format(Decimal(str(value)).quantize(Decimal("0.01")), "f")
        except (InvalidOperation, ValueError):
            return str(value)  # unreadable: it differs from any stored value
    return "" if value is None else str(value).strip()


def facts_of(proposal) -> dict:
    """The current public facts of ``proposal``, in their recorded form."""
    values = {name: getattr(proposal, name) for name in PUBLIC_FACTS if name != "provinces"}
    values["provinces"] = [p.code for p in proposal.provinces.all()] if proposal.pk else []
    return {name: normal(name, values[name]) for name in PUBLIC_FACTS}


def changed_facts(proposal, data) -> list:
    """The public facts that ``data`` (what a writer sends) would change, in PUBLIC_FACTS order."""
    asked = [name for name in PUBLIC_FACTS if name in data]
    if not asked:
        return []
    current = facts_of(proposal)
    return [name for name in asked if normal(name, data[name]) != current[name]]


def refuse_direct_change(proposal, data) -> None:
    """Raise :class:`PublicFactError` if ``data`` changes a public fact of a public proposal.

    Sending a public fact unchanged is allowed (a form or a client that sends the whole proposal).
    """
    if not any(name in data for name in PUBLIC_FACTS) or not facts_are_public(proposal):
        return
    changed = changed_facts(proposal, data)
    if not changed:
        return
    labels = [label_of(name) for name in changed]
    raise PublicFactError(
        _("The proposal is public: %(facts)s can no longer be changed directly. Request an amendment "
          "of the public facts from the proposal's page (with your reason); the Smart City Office "
          "accepts or rejects it, and the register changes only once it is accepted.")
        % {"facts": ", ".join(labels)},
        code="amendment_required", field=changed[0], problems=labels,
    )
