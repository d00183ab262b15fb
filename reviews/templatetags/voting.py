"""``{% voting_panel item user as panel %}``: what the agenda-item page shows one person about the vote."""

from django import template

from reviews.voting.selectors import panel

register = template.Library()


@register.simple_tag
def voting_panel(item, user):
    return panel(item, user)
