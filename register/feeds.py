"""Atom feed of newly certified cities (``/register/feed/``)."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .maps import CERTIFIED_STATES, register_path
from .opendata import city_path
from .selectors import city_list

FEED_SIZE = 50


def _at_noon(day):
    # A certificate carries a date, not a time: noon Bangkok time, so no reader's
    # time zone moves it to another day.
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


class NewlyCertifiedFeed(Feed):
    feed_type = Atom1Feed
    title = _("Smart City Thailand: newly certified cities")
    subtitle = _("Areas certified as smart cities by the Smart City Thailand Office, newest first.")
    author_name = _("Smart City Thailand Office, depa")

    def link(self):
        return register_path()

    def items(self):
        return (
            city_list()
            .filter(status__in=CERTIFIED_STATES, certified_on__isnull=False)
            .order_by("-certified_on", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.name

    def item_description(self, item):
        provinces = ", ".join(p.name for p in item.provinces.all())
        dims = ", ".join(plan.dimension.name for plan in item.plans.all())
        parts = [str(_("Province: %(p)s") % {"p": provinces})]
        if dims:
            parts.append(str(_("Dimensions: %(d)s") % {"d": dims}))
        if item.certificate_number:
            parts.append(str(_("Certificate %(n)s") % {"n": item.certificate_number}))
        return " · ".join(parts)

    def item_link(self, item):
        return city_path(item.pk)

    def item_pubdate(self, item):
        return _at_noon(item.certified_on)

    def item_updateddate(self, item):
        return _at_noon(item.certified_on)

    def item_categories(self, item):
        return [plan.dimension.code for plan in item.plans.all()]
