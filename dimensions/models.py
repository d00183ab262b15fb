from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.i18n import BilingualName


class Dimension(BilingualName):
    code = models.CharField(_("code"), max_length=3, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # The mandatory set is configurable by staff (announcement 1/2562: Smart Environment).
    is_mandatory = models.BooleanField(_("mandatory in every proposal"), default=False)

    class Meta:
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")
        ordering = ["order"]


class SubCriterion(BilingualName):
    dimension = models.ForeignKey(
        Dimension, on_delete=models.CASCADE, related_name="subcriteria", verbose_name=_("dimension")
    )
    code = models.CharField(_("code"), max_length=16)
    weight = models.DecimalField(
        _("weight"), max_digits=5, decimal_places=2, default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("sub-criterion")
        verbose_name_plural = _("sub-criteria")
        ordering = ["dimension__order", "order"]
        constraints = [
            models.UniqueConstraint(fields=["dimension", "code"], name="subcriterion_code_unique"),
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="subcriterion_weight_positive"),
        ]


class Indicator(BilingualName):
    """An outcome indicator staff suggest for a dimension; proposals set baseline and target."""

    dimension = models.ForeignKey(
        Dimension, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("dimension")
    )
    code = models.CharField(_("code"), max_length=16)
    unit = models.CharField(_("unit"), max_length=64)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["dimension__order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["dimension", "code"], name="indicator_code_unique")
        ]
