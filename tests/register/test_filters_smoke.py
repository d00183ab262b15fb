import pytest

from register.filters import CityFilter
from register.selectors import city_list

pytestmark = pytest.mark.django_db


def test_every_filter_builds_a_valid_query():
    data = {"q": "เชียงราย", "province": "57", "region": "north", "region_scheme": "four",
            "dimension": "ENV", "round": "1", "year": "2565", "state": "certified"}
    f = CityFilter(data, queryset=city_list())
    assert f.is_valid(), f.errors
    assert list(f.qs) == []
    assert list(city_list(data)) == []
