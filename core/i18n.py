from django.db import models
from django.utils.translation import get_language


class BilingualName(models.Model):
    """Thai and English names; ``name`` follows the active language (Thai first)."""

    name_th = models.CharField("ชื่อ (ไทย)", max_length=255)
    name_en = models.CharField("name (English)", max_length=255, blank=True)

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        lang = (get_language() or "th")[:2]
        if lang == "en" and self.name_en:
            return self.name_en
        return self.name_th or self.name_en

    def __str__(self):
        return self.name
