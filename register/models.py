from django.db import models
from django.utils.translation import gettext_lazy as _


class Confidence(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed by a public source")
    THAI_NAME_PARTIAL = "thai-name-partial", _("Thai name partly known")
    ENGLISH_NAME_ONLY = "english-name-only", _("Name known only in English")


class PublicRecord(models.Model):
    """Where a preloaded area of the register comes from (the published record)."""

    proposal = models.OneToOneField(
        "applications.Proposal", on_delete=models.CASCADE, related_name="public_record",
        verbose_name=_("proposal"),
    )
    round = models.PositiveSmallIntegerField(_("round"), db_index=True)
    source = models.CharField(_("source"), max_length=255)
    confidence = models.CharField(
        _("confidence"), max_length=32, choices=Confidence.choices, default=Confidence.CONFIRMED
    )
    english_name_only = models.BooleanField(_("name known only in English"), default=False)
    # The natural key of a CSV row: the English name is always present in the file.
    key = models.CharField(_("key"), max_length=255, unique=True)

    class Meta:
        verbose_name = _("public record row")
        verbose_name_plural = _("public record rows")
        ordering = ["round", "pk"]

    def __str__(self):
        return f"{self.round}: {self.key}"
