"""Regions in both schemes, provinces from geothai, kinds of organisation."""

from collections import Counter

import pytest
from django.core.management import call_command

from provinces.models import OrganisationKind, Province, Region

pytestmark = pytest.mark.django_db


def load_twice():
    # The session fixture has loaded once already; two more runs make sure re-runs are harmless.
    call_command("load_reference_data", verbosity=0)
    call_command("load_reference_data", verbosity=0)


def counts(scheme):
    field = "region_six__code" if scheme == "six" else "region_four__code"
    return dict(Counter(Province.objects.values_list(field, flat=True)))


def test_load_reference_data_twice_keeps_77_provinces():
    load_twice()
    assert Province.objects.count() == 77
    assert Province.objects.order_by("code").first().code == "10"
    assert Province.objects.order_by("code").last().code == "96"


def test_regions_twice_keeps_six_plus_four():
    load_twice()
    assert list(Region.objects.filter(scheme="six").values_list("code", flat=True)) == [
        "north", "northeast", "central", "east", "west", "south",
    ]
    assert list(Region.objects.filter(scheme="four").values_list("code", flat=True)) == [
        "north", "northeast", "central", "south",
    ]


def test_six_region_scheme_counts_official():
    assert counts("six") == {"north": 9, "northeast": 20, "central": 22, "east": 7, "west": 5, "south": 14}


def test_four_region_scheme_counts_sum_to_77():
    assert counts("four") == {"north": 17, "northeast": 20, "central": 26, "south": 14}
    assert sum(counts("four").values()) == 77


def test_bangkok_code_10_in_central_both_schemes():
    bangkok = Province.objects.get(code="10")
    assert (bangkok.name_th, bangkok.name_en) == ("กรุงเทพมหานคร", "Bangkok")
    assert bangkok.region_six.code == "central"
    assert bangkok.region_four.code == "central"


def test_phitsanulok_65_north_in_four_region_scheme():
    phitsanulok = Province.objects.get(code="65")
    assert phitsanulok.name_th == "พิษณุโลก"
    assert phitsanulok.region_four.code == "north"
    # The official geographic scheme puts the lower north in Central.
    assert phitsanulok.region_six.code == "central"


def test_tak_west_in_six_north_in_four():
    tak = Province.objects.get(code="63")
    assert (tak.region_six.code, tak.region_four.code) == ("west", "north")


def test_eastern_province_central_in_four_region_scheme():
    chon_buri = Province.objects.get(code="20")
    assert (chon_buri.name_en, chon_buri.region_six.code, chon_buri.region_four.code) == (
        "Chon Buri", "east", "central",
    )


def test_four_region_north_lists_lower_north_provinces():
    north = Province.objects.filter(region_four__code="north").values_list("code", flat=True)
    assert list(north) == [
        "50", "51", "52", "53", "54", "55", "56", "57", "58",
        "60", "61", "62", "63", "64", "65", "66", "67",
    ]


def test_region_names_thai_and_english():
    northeast = Region.objects.get(scheme="six", code="northeast")
    assert (northeast.name_th, northeast.name_en, northeast.order) == (
        "ภาคตะวันออกเฉียงเหนือ", "Northeastern region", 2,
    )


def test_province_renamed_by_hand_restored_on_rerun():
    # Provinces are fixed reference rows: the loader puts the official name back.
    Province.objects.filter(code="50").update(name_en="Chiangmai")
    call_command("load_reference_data", verbosity=0)
    assert Province.objects.get(code="50").name_en == "Chiang Mai"


def test_organisation_kinds_ten_with_seven_local_governments():
    load_twice()
    assert OrganisationKind.objects.count() == 10
    assert list(OrganisationKind.objects.filter(is_local_government=True).values_list("code", flat=True)) == [
        "pao", "city_municipality", "town_municipality", "subdistrict_municipality", "sao", "bma", "pattaya",
    ]
    assert list(OrganisationKind.objects.filter(is_local_government=False).values_list("code", flat=True)) == [
        "state_enterprise", "university", "private_developer",
    ]


def test_organisation_kind_thai_name_sao():
    sao = OrganisationKind.objects.get(code="sao")
    assert (sao.name_th, sao.name_en) == ("องค์การบริหารส่วนตำบล", "Subdistrict administrative organisation")
