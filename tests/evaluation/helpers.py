"""Shared set-ups for the evaluation tests: real rows, real moves."""

import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from dimensions.models import Dimension, SubCriterion
from reviews.evaluation import services
from tests import paths
from tests.factories import StaffFactory


def in_evaluation(dimensions=("ENV", "MOB")):
    """A proposal brought to evaluation claiming ``dimensions`` (submit, screen, zone, plan)."""
    return paths.bring_to("evaluation", dimensions=dimensions)


def assign(proposal, code, user, *, due_on=None, staff=None, reason=""):
    dimension = Dimension.objects.get(code=code)
    return services.assign_evaluators(
        proposal=proposal, by=staff or StaffFactory(), choices={dimension: [user]},
        due_on=due_on or timezone.localdate() + datetime.timedelta(days=14), reason=reason,
    )[0]


def assign_on_page(client, proposal, data):
    """Post the assign page's choice, then confirm the summary it shows (the two steps staff take)."""
    url = reverse("assign-evaluators", args=[proposal.pk])
    shown = client.post(url, data)
    assert shown.status_code == 200, shown.content.decode()[:2000]
    return client.post(url, {**data, "intent": "confirm", "confirm": "yes", "plan": shown.context["plan"].digest})


def active_subs(code):
    return list(SubCriterion.objects.filter(dimension__code=code, is_active=True).order_by("order", "id"))


def score(assignment, value, *, submit=True):
    """Score every active sub-criterion of the assignment's dimension with ``value``."""
    entries = {s.pk: (Decimal(value), "") for s in active_subs(assignment.dimension.code)}
    return services.save_scores(assignment=assignment, by=assignment.evaluator, entries=entries, submit=submit)


def weights(code, *values):
    """Keep exactly ``len(values)`` active sub-criteria in dimension ``code``, with these weights."""
    subs = list(SubCriterion.objects.filter(dimension__code=code).order_by("order", "id"))
    for i, sub in enumerate(subs):
        sub.is_active = i < len(values)
        if i < len(values):
            sub.weight = Decimal(values[i])
        sub.save()
    return subs[: len(values)]
