"""``{% voting_panel item user as panel %}``: what the agenda-item page shows one person about the vote."""

from django import template

from applications.permissions import dossier_visible
from reviews.voting.selectors import panel
from reviews.voting.summary import in_reader_language

register = template.Library()


@register.simple_tag
def voting_panel(item, user):
    return panel(item, user)


@register.filter
def dossier_visible_to(proposal, user):
    """The dossier rule (applications.permissions): the reasons of the votes are part of the dossier,
    withheld from a member who declared a conflict of interest on the proposal."""
    return dossier_visible(user, proposal)


@register.filter
def reader_language(text):
    """A resolution's text with the portal's own lines in the page's language (voting.summary)."""
    return in_reader_language(text)
