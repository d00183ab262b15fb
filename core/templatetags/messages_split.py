"""The page's messages in two parts: the refusals, said at once and focused (role=alert), and the
rest, said politely (role=status). A message may name the field it is about with the extra tag
``#field-id`` (``messages.error(request, text, extra_tags="#reason-12")``): the page links it there,
as the editor's error summary links each error to its field."""

from django import template
from django.contrib.messages import constants

register = template.Library()


@register.simple_tag
def split_messages(messages):
    refusals, others = [], []
    for m in messages or ():
        anchor = m.extra_tags if (m.extra_tags or "").startswith("#") else ""
        (refusals if m.level >= constants.ERROR else others).append(
            {"text": str(m), "tag": m.level_tag, "anchor": anchor})
    return {"refusals": refusals, "others": others}
