"""``/sitemap.xml``: the home page, the register, its map, the open data and every public city page."""

from django.contrib.sitemaps import Sitemap

from .maps import register_path, reverse_register
from .opendata import city_path
from .selectors import public_proposals


class PagesSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return ["home", "register", "map", "opendata"]

    def location(self, item):
        from django.urls import reverse

        if item == "home":
            return reverse("home")
        if item == "register":
            return register_path()
        if item == "opendata":
            return reverse("opendata-index")
        return reverse_register("map")


class CitySitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6
    limit = 5000

    def items(self):
        return public_proposals().only("pk", "updated_at").order_by("pk")

    def location(self, item):
        return city_path(item.pk)

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {"pages": PagesSitemap, "cities": CitySitemap}

