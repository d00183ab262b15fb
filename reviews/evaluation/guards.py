"""The condition reviews puts on a recommendation: every claimed dimension scored at the pass mark.

Registered with the workflow for ``Action.RECOMMEND`` in ReviewsConfig.ready().
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from applications.models import ProgrammeSettings
from dimensions.models import Dimension

from ..selectors import dimension_scores


def score_problems(proposal) -> list:
    mark = Decimal(ProgrammeSettings.load().pass_mark_percent)
    scores = dimension_scores(proposal)
    if not scores:
        return [_("No dimension has been claimed.")]
    names = {d.pk: d.name for d in Dimension.objects.filter(pk__in=scores)}
    problems = []
    for dimension_id, score in sorted(scores.items()):
        if score is None:
            problems.append(_("%(dimension)s has not been scored yet.") % {"dimension": names[dimension_id]})
        elif score < mark:
            problems.append(
                _("%(dimension)s scored %(score)s%%, below the pass mark of %(mark)s%%.")
                % {"dimension": names[dimension_id], "score": score, "mark": mark}
            )
    return problems
