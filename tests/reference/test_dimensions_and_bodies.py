"""The seven dimensions, their sub-criteria and indicators, and the three bodies."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from dimensions.models import Dimension, Indicator, SubCriterion
from reviews.models import Body

pytestmark = pytest.mark.django_db


def test_load_reference_data_twice_keeps_7_dimensions_in_order():
    call_command("load_reference_data", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    assert list(Dimension.objects.values_list("code", "name_th", "name_en", "order")) == [
        ("ENV", "สิ่งแวดล้อมอัจฉริยะ", "Smart Environment", 1),
        ("MOB", "การเดินทางและขนส่งอัจฉริยะ", "Smart Mobility", 2),
        ("LIV", "การดำรงชีวิตอัจฉริยะ", "Smart Living", 3),
        ("PEO", "พลเมืองอัจฉริยะ", "Smart People", 4),
        ("ENE", "พลังงานอัจฉริยะ", "Smart Energy", 5),
        ("ECO", "เศรษฐกิจอัจฉริยะ", "Smart Economy", 6),
        ("GOV", "การบริหารภาครัฐอัจฉริยะ", "Smart Governance", 7),
    ]


def test_environment_only_mandatory_dimension_by_default():
    assert list(Dimension.objects.filter(is_mandatory=True).values_list("code", flat=True)) == ["ENV"]


def test_mobility_has_exactly_the_five_domain_subcriteria():
    mobility = Dimension.objects.get(code="MOB")
    assert list(mobility.subcriteria.values_list("order", "name_en", "weight")) == [
        (1, "Access to public transport", Decimal("1")),
        (2, "Convenience and connectivity", Decimal("1")),
        (3, "Safety", Decimal("1")),
        (4, "Eco-friendly travel and energy-efficient vehicles", Decimal("1")),
        (5, "Logistics management", Decimal("1")),
    ]
    assert mobility.subcriteria.get(order=1).name_th == "การเข้าถึงระบบขนส่งสาธารณะ"


def test_every_dimension_has_four_or_five_active_subcriteria():
    per_dimension = {
        d.code: d.subcriteria.filter(is_active=True).count() for d in Dimension.objects.all()
    }
    assert per_dimension == {"ENV": 5, "MOB": 5, "LIV": 4, "PEO": 4, "ENE": 4, "ECO": 4, "GOV": 4}


def test_every_subcriterion_and_indicator_has_thai_and_english_names():
    assert not SubCriterion.objects.filter(name_th="").exists()
    assert not SubCriterion.objects.filter(name_en="").exists()
    assert not Indicator.objects.filter(name_th="").exists()
    assert not Indicator.objects.filter(name_en="").exists()


def test_reference_codes_fit_their_columns():
    # SQLite ignores max_length; PostgreSQL would reject a longer code at load time.
    for model in (SubCriterion, Indicator):
        limit = model._meta.get_field("code").max_length
        too_long = [c for c in model.objects.values_list("code", flat=True) if len(c) > limit]
        assert too_long == []


def test_environment_co2_indicator_unit_per_year():
    co2 = Indicator.objects.get(dimension__code="ENV", code="ENV-CO2")
    assert (co2.name_en, co2.unit) == ("Reduction in CO2 emissions", "% ต่อปี")


def test_mobility_road_deaths_indicator():
    deaths = Indicator.objects.get(dimension__code="MOB", code="MOB-DEATHS")
    assert (deaths.name_th, deaths.name_en) == ("ผู้เสียชีวิตจากอุบัติเหตุทางถนน", "Road deaths")


def test_every_dimension_has_indicators():
    per_dimension = {d.code: d.indicators.count() for d in Dimension.objects.all()}
    assert per_dimension == {"ENV": 3, "MOB": 2, "LIV": 2, "PEO": 2, "ENE": 2, "ECO": 2, "GOV": 2}


def test_three_bodies_with_thai_names_and_procedure_act_defaults():
    assert list(Body.objects.order_by("kind").values_list("kind", "name_th", "notice_days", "quorum_fraction")) == [
        ("committee", "คณะกรรมการขับเคลื่อนการพัฒนาเมืองอัจฉริยะ", 3, Decimal("0.50")),
        ("subcommittee", "คณะอนุกรรมการขับเคลื่อนและบริหารโครงการเมืองอัจฉริยะ", 3, Decimal("0.50")),
        ("working_group", "คณะทำงานประเมินแผนการเป็นเมืองอัจฉริยะ 7 ด้าน", 3, Decimal("0.50")),
    ]


def test_body_english_name_subcommittee():
    assert Body.objects.get(kind="subcommittee").name_en == "Subcommittee for driving and managing smart city projects"
