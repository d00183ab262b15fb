"""Each filter of the register narrows the list to exactly the cities it names, alone and together."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from applications.enums import State
from provinces.models import Province
from register.filters import CityFilter
from register.models import PublicRecord
from register.selectors import city_list
from tests import paths

BANGKOK = ZoneInfo("Asia/Bangkok")
IN_2565 = datetime.datetime(2022, 10, 3, 9, 0, tzinfo=BANGKOK)  # certified the same day: B.E. 2565
IN_2566 = datetime.datetime(2023, 10, 3, 9, 0, tzinfo=BANGKOK)

DATA = {"q": "เชียงราย", "province": "57", "region": "north", "region_scheme": "four",
        "dimension": "ENV", "round": "1", "year": "2565", "state": "certified"}


def city(name_th, *, province="57", dimensions=("ENV", "MOB"), round_=1, start=IN_2565, state=State.CERTIFIED):
    proposal = paths.bring_to(state, start=start, dimensions=dimensions)
    proposal.name_th = name_th
    proposal.save(update_fields=["name_th"])
    proposal.provinces.set([Province.objects.get(code=province)])
    PublicRecord.objects.create(proposal=proposal, round=round_, source="ราชกิจจานุเบกษา", key=name_th)
    return name_th


@pytest.fixture(scope="module")
def cities_once(built_once):
    with built_once():
        return _cities()


@pytest.fixture
def cities(db, cities_once):
    """One city that every filter keeps, and beside it one city that each filter alone drops
    (built once for the module's tests)."""
    return cities_once


def _cities():
    return {
        "all": city("นครเชียงรายสู่เมืองอัจฉริยะ"),
        "no_env": city("เชียงรายเมืองน่าอยู่", dimensions=("MOB",)),
        "round_2": city("เชียงรายรอบสอง", round_=2),
        "in_2566": city("เชียงรายปีถัดมา", start=IN_2566),
        "revoked": city("เชียงรายถูกเพิกถอน", state=State.REVOKED),
        "lamphun": city("ลำพูนเมืองอัจฉริยะ", province="51"),  # also the north, another province and name
        "phuket": city("ภูเก็ตเมืองอัจฉริยะ", province="83"),  # the south
    }


def names(data):
    return set(city_list(data).values_list("name_th", flat=True))


def test_all_filters_together_keep_exactly_the_one_city(cities):
    f = CityFilter(DATA, queryset=city_list())
    assert f.is_valid(), f.errors
    assert list(f.qs.values_list("name_th", flat=True)) == [cities["all"]]
    assert names(DATA) == {cities["all"]}


@pytest.mark.parametrize(("key", "dropped"), [
    ("q", {"lamphun", "phuket"}),
    ("province", {"lamphun", "phuket"}),
    ("region", {"phuket"}),
    ("dimension", {"no_env"}),
    ("round", {"round_2"}),
    ("year", {"in_2566"}),
    ("state", {"revoked"}),
])
def test_each_filter_alone_drops_exactly_its_cities(cities, key, dropped):
    data = {key: DATA[key]}
    if key == "region":
        data["region_scheme"] = DATA["region_scheme"]
    assert names(data) == {name for label, name in cities.items() if label not in dropped}
    assert names({}) == set(cities.values())
