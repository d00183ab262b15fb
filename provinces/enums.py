from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionScheme(models.TextChoices):
    SIX = "six", _("6 regions (official)")
    FOUR = "four", _("4 regions (programme)")
