"""The link between an announced group of promotion zones and its zones, kept on this side.

``applications.Proposal`` names its group by a plain id (``zone_group_id``): the bottom of the
domain does not point at this app (issue 13). What the foreign key did is done here: a page of
groups gets its zones in one query, and a group that a proposal still names cannot be
deleted (as ``on_delete=PROTECT`` refused it), in code, the admin and a queryset's delete.
"""

from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from applications.models import Proposal
from applications.selectors import LONG_TEXTS


def zones_of(groups):
    """The proposals of each group, most readable first, in one query (the zone list page)."""
    groups = list(groups)
    zones = {group.pk: [] for group in groups}
    rows = (
        Proposal.objects.filter(zone_group_id__in=zones).select_related("organisation__province")
        .defer(*LONG_TEXTS).order_by("name_th")
    )
    for proposal in rows:
        zones[proposal.zone_group_id].append(proposal)
    for group in groups:
        group.zones = zones[group.pk]
    return groups


def named_by(group_ids):
    return Proposal.objects.filter(zone_group_id__in=group_ids)


def keep_named_groups(sender, instance, **kwargs):
    """pre_delete of ZoneGroup: refuse while a proposal is in the group (the key's PROTECT)."""
    named = named_by([instance.pk])
    if named.exists():
        raise ProtectedError(
            _("The group %(group)s holds promotion zones; it cannot be deleted.") % {"group": instance},
            set(named),
        )
