from django import template
from django.utils.translation import get_language

from accounts.permissions import is_member_of, is_office_staff
from applications.models import ProgrammeSettings

from ..charts import as_number, progress_chart
from ..progress import cut
from ..selectors import public_progress

register = template.Library()


@register.inclusion_tag("monitoring/_city_progress.html")
def city_progress(city):
    """The public page's progress over the years: accepted reports only."""
    data = public_progress(city)
    thai = (get_language() or "th")[:2] == "th"
    threshold = ProgrammeSettings.load().renewal_min_progress_percent
    return {
        "data": data,
        "chart": progress_chart(data["points"], thai=thai, threshold=threshold) if data["points"] else None,
        "thai": thai,
        "threshold": threshold,
    }


@register.filter
def number(value):
    return as_number(value)


@register.filter
def be(year):
    """A Gregorian year shown as B.E. on Thai pages."""
    if year in (None, ""):
        return ""
    thai = (get_language() or "th")[:2] == "th"
    return int(year) + 543 if thai else year


@register.filter
def get_share(per_indicator, key):
    """A cut (one decimal) share from a PlanProgress.per_indicator dict."""
    return cut(per_indicator.get(key))


@register.filter
def may_see_reports(proposal, user):
    """The link to a city's reports: its own proponents and the Office (others would get 404)."""
    return bool(proposal.certified_on) and (is_office_staff(user) or is_member_of(user, proposal.organisation_id))
