from django.db import models
from django.utils.translation import gettext_lazy as _

from core.i18n import BilingualName

from .enums import RegionScheme


class Region(BilingualName):
    scheme = models.CharField(_("scheme"), max_length=8, choices=RegionScheme.choices)
    code = models.CharField(_("code"), max_length=16)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["scheme", "order"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="region_scheme_code_unique")
        ]


class Province(BilingualName):
    # DOPA code, 10 (Bangkok) .. 96 (Narathiwat).
    code = models.CharField(_("DOPA code"), max_length=2, unique=True)
    region_six = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("region (6)"),
        limit_choices_to={"scheme": RegionScheme.SIX},
    )
    region_four = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("region (4)"),
        limit_choices_to={"scheme": RegionScheme.FOUR},
    )

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["code"]


class OrganisationKind(BilingualName):
    code = models.CharField(_("code"), max_length=32, unique=True)
    is_local_government = models.BooleanField(_("local government"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("kind of organisation")
        verbose_name_plural = _("kinds of organisation")
        ordering = ["order"]


class Organisation(BilingualName):
    """A proponent: a local government, state enterprise, university or developer."""

    kind = models.ForeignKey(OrganisationKind, on_delete=models.PROTECT, verbose_name=_("kind"))
    province = models.ForeignKey(Province, on_delete=models.PROTECT, verbose_name=_("province"))
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name_th"]
