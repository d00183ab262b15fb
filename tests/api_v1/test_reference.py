"""Public reference data: the 77 provinces (both region schemes) and the 7 dimensions."""

import pytest

pytestmark = pytest.mark.django_db


def test_provinces_are_the_77_with_both_region_schemes(api):
    response = api.get("/api/v1/provinces/")
    assert response.status_code == 200
    rows = response.json()
    assert len(rows) == 77
    assert rows[0] == {
        "code": "10", "name_th": "กรุงเทพมหานคร", "name_en": "Bangkok",
        "region_six": {"scheme": "six", "code": "central", "name_th": "ภาคกลาง", "name_en": "Central region"},
        "region_four": {"scheme": "four", "code": "central", "name_th": "ภาคกลาง", "name_en": "Central region"},
    }
    assert rows[-1]["code"] == "96" and rows[-1]["name_en"] == "Narathiwat"
    assert len({r["code"] for r in rows}) == 77


def test_one_province_by_code(api):
    body = api.get("/api/v1/provinces/50/").json()
    assert (body["name_en"], body["region_six"]["code"], body["region_four"]["scheme"]) == (
        "Chiang Mai", "north", "four",
    )
    assert api.get("/api/v1/provinces/99/").status_code == 404


def test_dimensions_are_the_seven_with_sub_criteria(api):
    response = api.get("/api/v1/dimensions/")
    assert response.status_code == 200
    rows = response.json()
    assert [(d["code"], len(d["subcriteria"])) for d in rows] == [
        ("ENV", 5), ("MOB", 5), ("LIV", 4), ("PEO", 4), ("ENE", 4), ("ECO", 4), ("GOV", 4),
    ]
    assert rows[0]["subcriteria"][0] == {
        "code": "ENV-WATER", "name_th": "การบริหารจัดการน้ำและคุณภาพน้ำ",
        "name_en": "Water management and water quality", "weight": "1.00", "order": 1,
    }


def test_reference_data_is_read_only(api):
    assert api.post("/api/v1/provinces/", {"code": "99"}, format="json").status_code == 405
    assert api.delete("/api/v1/dimensions/ENV/").status_code == 405
