"""The texts a page shows, read from the translation catalogue in the page's language.

``Texts("th")("Saved at %(time)s")`` is what a Thai page says. In Thai a message
that comes back untranslated fails the test at once: the journey relies on the
catalogue, so a missing translation is a finding, not a silent pass.
"""

from django.utils import translation
from django.utils.translation import gettext

from core.thai import local_date
from dimensions.models import Dimension


class Texts:
    def __init__(self, lang):
        self.lang = lang

    def _checked(self, msgid, text):
        if self.lang != "en":
            assert text != msgid, f"not translated into {self.lang!r}: {msgid!r}"
        return text

    def __call__(self, msgid, **params):
        with translation.override(self.lang):
            text = self._checked(msgid, gettext(msgid))
        return text % params if params else text

    def before(self, msgid, placeholder):
        """The part of a message before its placeholder (for texts ending in a time, say)."""
        return self(msgid).split(placeholder)[0].rstrip()

    def label(self, choice):
        """The label of a TextChoices member (a state, an action), in this language."""
        with translation.override("en"):
            english = str(choice.label)
        with translation.override(self.lang):
            return self._checked(english, str(choice.label))

    def dimension(self, code):
        with translation.override(self.lang):
            return Dimension.objects.get(code=code).name

    def date(self, value):
        """A date as the pages write it: ``8 มีนาคม 2569`` in Thai, ``8 March 2026`` in English."""
        with translation.override(self.lang):
            return local_date(value)
