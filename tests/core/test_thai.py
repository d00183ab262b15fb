import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from core.thai import (
    baht,
    local_date,
    local_year,
    meeting_number,
    numeric_date,
    parse_typed_date,
    thai_date,
    year_from_typed,
)


def test_thai_date_long_is_buddhist_era():
    assert thai_date(datetime.date(2022, 3, 8)) == "8 มีนาคม 2565"


def test_thai_date_short():
    assert thai_date(datetime.date(2022, 11, 9), short=True) == "9 พ.ย. 65"


def test_meeting_number():
    assert meeting_number(1, 2565) == "1/2565"


def test_localdate_filter_follows_language():
    template = Template("{% load thai %}{{ d|localdate }}")
    d = datetime.date(2022, 3, 8)
    with translation.override("th"):
        assert template.render(Context({"d": d})) == "8 มีนาคม 2565"
    with translation.override("en"):
        assert template.render(Context({"d": d})) == "8 March 2022"


def test_baht_filter_groups_thousands():
    template = Template("{% load thai %}{{ a|baht }}|{{ b|baht }}")
    assert template.render(Context({"a": 1500000, "b": "1234.5"})) == "1,500,000|1,234.50"


# --- The library itself: typed dates and years, the reader's calendar ---------------------------

def test_a_thai_reader_types_buddhist_era_and_a_christian_era_year_is_understood_too():
    assert parse_typed_date("17/12/2569") == datetime.date(2026, 12, 17)
    assert parse_typed_date("17/12/2026") == datetime.date(2026, 12, 17)


def test_iso_dates_as_the_api_and_older_pages_send_them_are_accepted():
    assert parse_typed_date("2026-12-17") == datetime.date(2026, 12, 17)
    assert parse_typed_date(" 2026-1-7 ") == datetime.date(2026, 1, 7)


def test_thai_digits_single_digit_day_and_month_and_other_separators_are_accepted():
    assert parse_typed_date("๑๗/๑๒/๒๕๖๙") == datetime.date(2026, 12, 17)
    assert parse_typed_date(" 7/1/2569 ") == datetime.date(2026, 1, 7)
    assert parse_typed_date("17.12.2569") == datetime.date(2026, 12, 17)
    assert parse_typed_date("17-12-2569") == datetime.date(2026, 12, 17)


@pytest.mark.parametrize("text", ["31/02/2569", "29/02/2569", "17/13/2569", "00/12/2569", "17/12/69", "17/12",
                                  "yesterday", "", None])
def test_what_is_not_a_date_is_refused(text):
    # 2569 B.E. is 2026, not a leap year: 29 February does not exist.
    with pytest.raises(ValueError):
        parse_typed_date(text)


def test_29_february_of_a_leap_year_in_buddhist_era():
    assert parse_typed_date("29/02/2567") == datetime.date(2024, 2, 29)


def test_year_from_typed_reads_2400_and_up_as_buddhist_era():
    assert year_from_typed(2569) == 2026
    assert year_from_typed(2026) == 2026
    assert year_from_typed(2400) == 1857
    assert year_from_typed(2399) == 2399


def test_numeric_date_and_local_year_follow_the_language():
    d = datetime.date(2026, 12, 17)
    with translation.override("th"):
        assert (numeric_date(d), local_year(2026)) == ("17/12/2569", 2569)
    with translation.override("en"):
        assert (numeric_date(d), local_year(2026)) == ("17/12/2026", 2026)
    assert (numeric_date(None), numeric_date(""), local_year(None)) == ("", "", None)


def test_numeric_date_pads_day_and_month_and_round_trips():
    d = datetime.date(2026, 1, 7)
    with translation.override("th"):
        assert numeric_date(d) == "07/01/2569"
        assert parse_typed_date(numeric_date(d)) == d


def test_an_aware_datetime_is_dated_in_bangkok():
    # 20:00 UTC on 7 March is 03:00 on 8 March in Bangkok (UTC+7).
    moment = datetime.datetime(2022, 3, 7, 20, 0, tzinfo=datetime.UTC)
    with translation.override("th"):
        assert local_date(moment) == "8 มีนาคม 2565"
        assert numeric_date(moment) == "08/03/2565"
    with translation.override("en"):
        assert local_date(moment, "short") == "8 Mar 22"


def test_baht_leaves_what_is_not_a_number_alone():
    assert (baht(1500000), baht("1234.5"), baht(None), baht("n/a")) == ("1,500,000", "1,234.50", "", "n/a")
