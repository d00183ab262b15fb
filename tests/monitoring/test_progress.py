"""Progress from baseline to target: the edge cases named in issue 7."""

from decimal import Decimal as D

import pytest

from monitoring.progress import Item, cut, indicator_progress, plan_progress


@pytest.mark.parametrize(
    "baseline,target,value,expected",
    [
        ("10", "20", "15", "50"),  # half way up
        ("10", "20", "10", "0"),  # still at the baseline
        ("10", "20", "20", "100"),  # target met
        ("10", "20", "35", "100"),  # beyond the target: capped
        ("10", "20", "5", "0"),  # worse than the baseline: not negative
        # A reduction goal (CO2 tonnes, road deaths): the target is below the baseline.
        ("100", "50", "75", "50"),
        ("100", "50", "90", "20"),
        ("100", "50", "40", "100"),  # reduced further than the target
        ("100", "50", "120", "0"),  # went up instead of down
        ("0", "1000", "499", "49.9"),
    ],
)
def test_indicator_progress(baseline, target, value, expected):
    assert indicator_progress(D(baseline), D(target), D(value)) == D(expected)


def test_missing_value_is_none_not_zero():
    assert indicator_progress(D(10), D(20), None) is None


@pytest.mark.parametrize("value,expected", [("0", "100"), ("0.0", "100"), ("1", "0"), ("-1", "0")])
def test_zero_width_counts_only_when_the_target_is_met(value, expected):
    # "Keep road deaths at 0": no direction, so only the target itself counts.
    assert indicator_progress(D(0), D(0), D(value)) == D(expected)


def test_plan_progress_is_the_mean_without_missing_values():
    result = plan_progress(
        [
            Item("a", D(10), D(20), D(15)),  # 50
            Item("b", D(100), D(50), D(50)),  # 100 (reduction reached)
            Item("c", D(0), D(10), None),  # missing
        ]
    )
    assert result.percent == D(75)
    assert result.missing == ["c"]
    assert result.per_indicator == {"a": D(50), "b": D(100), "c": None}


def test_plan_progress_weights():
    result = plan_progress(
        [
            Item("a", D(0), D(10), D(10), weight=D(3)),  # 100 x 3
            Item("b", D(0), D(10), D(0)),  # 0 x 1
            Item("c", D(0), D(10), D(0), weight=D(0)),  # left out
        ]
    )
    assert result.percent == D(75)
    assert result.missing == []


def test_plan_progress_without_any_value_is_unknown():
    result = plan_progress([Item("a", D(0), D(10), None)])
    assert result.percent is None and result.shown is None
    assert result.missing == ["a"]
    assert plan_progress([]).percent is None


def test_figures_are_cut_not_rounded_up():
    assert cut(D("49.96")) == D("49.9")
    assert cut(D(50)) == D("50.0")
    thirds = plan_progress([Item("a", D(0), D(3), D(1)), Item("b", D(0), D(3), D(1))])
    assert thirds.shown == D("33.3")
