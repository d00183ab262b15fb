import datetime

from django.template import Context, Template
from django.utils import translation

from core.thai import meeting_number, thai_date


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
