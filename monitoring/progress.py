"""How far a plan has moved: pure functions over Decimals, no database.

Per indicator, progress is the share of the way from the baseline to the
target that the reported value has covered, in per cent, capped to 0..100:

* it works the same for a reduction goal (target below baseline: CO2, road
  deaths): both the distance covered and the full distance are negative;
* a value beyond the target counts as 100 %, a value on the wrong side of the
  baseline as 0 % (a city cannot bank over-achievement on one indicator
  against another);
* a missing value is not a zero: it is left out of the mean and reported as
  missing, so staff see what was not reported when they review;
* a zero-width indicator (baseline == target, "keep it at ...") has no
  direction, so we cannot tell whether a value above the target is better or
  worse: it counts as 100 % only when the value equals the target, else 0 %.

The plan's progress is the weighted mean over the indicators that have a
value (weight 1 unless staff set another; weight 0 leaves one out). Figures
shown and compared are cut (not rounded) to one decimal, so a figure never
claims more than was reached: 49.95 % shows, and counts, as 49.9 %.
"""

from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal

HUNDRED = Decimal(100)
ZERO = Decimal(0)
ONE_PLACE = Decimal("0.1")


def cut(value: Decimal | None) -> Decimal | None:
    """One decimal place, never rounded up."""
    if value is None:
        return None
    return Decimal(value).quantize(ONE_PLACE, rounding=ROUND_DOWN)


def indicator_progress(baseline, target, value) -> Decimal | None:
    """Per cent of the way from ``baseline`` to ``target`` reached by ``value``; None if missing."""
    if value is None:
        return None
    baseline, target, value = Decimal(baseline), Decimal(target), Decimal(value)
    width = target - baseline
    if width == ZERO:
        return HUNDRED if value == target else ZERO
    share = (value - baseline) / width * HUNDRED
    return max(ZERO, min(HUNDRED, share))


@dataclass(frozen=True)
class Item:
    """One indicator's figures; ``key`` identifies it to the caller (a pk, a name)."""

    key: object
    baseline: Decimal
    target: Decimal
    value: Decimal | None
    weight: Decimal = Decimal(1)


@dataclass
class PlanProgress:
    percent: Decimal | None  # None when no indicator has a value
    per_indicator: dict = field(default_factory=dict)  # key -> Decimal | None
    missing: list = field(default_factory=list)  # keys without a value

    @property
    def shown(self) -> Decimal | None:
        return cut(self.percent)


def plan_progress(items) -> PlanProgress:
    result = PlanProgress(percent=None)
    total = ZERO
    weights = ZERO
    for item in items:
        share = indicator_progress(item.baseline, item.target, item.value)
        result.per_indicator[item.key] = share
        if share is None:
            result.missing.append(item.key)
            continue
        weight = Decimal(item.weight)
        if weight <= ZERO:
            continue
        total += share * weight
        weights += weight
    if weights > ZERO:
        result.percent = total / weights
    return result
