"""load_reference_data: idempotent, quiet at verbosity 0, keeps staff edits."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from applications.models import ProgrammeSettings
from dimensions.models import Dimension, Indicator, SubCriterion
from provinces.models import OrganisationKind, Province, Region
from reviews.models import Body

pytestmark = pytest.mark.django_db

REFERENCE_MODELS = (Region, Province, OrganisationKind, Dimension, SubCriterion, Indicator, Body, ProgrammeSettings)


def snapshot():
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in REFERENCE_MODELS}


def run(verbosity=1):
    out = StringIO()
    call_command("load_reference_data", verbosity=verbosity, stdout=out)
    return out.getvalue()


def test_second_run_changes_no_row():
    before = snapshot()
    run(verbosity=0)
    after = snapshot()
    assert after == before
    assert {name: len(rows) for name, rows in after.items()} == {
        "Region": 10, "Province": 77, "OrganisationKind": 10, "Dimension": 7,
        "SubCriterion": 30, "Indicator": 15, "Body": 3, "ProgrammeSettings": 1,
    }


def test_second_run_summary_reports_nothing_created():
    assert run() == (
        "Reference data: 10 regions, 77 provinces, 10 kinds of organisation, 7 dimensions, "
        "30 sub-criteria, 15 indicators, 3 bodies; 0 created, 0 updated.\n"
    )


def test_verbosity_zero_prints_nothing():
    assert run(verbosity=0) == ""


def test_run_on_empty_tables_reports_created():
    SubCriterion.objects.all().delete()
    Indicator.objects.all().delete()
    Province.objects.all().delete()
    output = run()
    assert output.endswith("; 122 created, 0 updated.\n")
    assert Province.objects.count() == 77
    assert SubCriterion.objects.count() == 30


def test_staff_edit_of_subcriterion_survives_rerun():
    sub = SubCriterion.objects.get(dimension__code="MOB", code="MOB-SAFETY")
    sub.name_th = "ความปลอดภัยทางถนน"
    sub.name_en = "Road safety"
    sub.weight = Decimal("2.50")
    sub.is_active = False
    sub.save()
    run(verbosity=0)
    sub.refresh_from_db()
    assert (sub.name_th, sub.name_en, sub.weight, sub.is_active) == (
        "ความปลอดภัยทางถนน", "Road safety", Decimal("2.50"), False,
    )
    assert SubCriterion.objects.filter(dimension__code="MOB").count() == 5


def test_staff_added_subcriterion_kept_on_rerun():
    mob = Dimension.objects.get(code="MOB")
    SubCriterion.objects.create(dimension=mob, code="MOB-PARKING", name_th="การจัดการที่จอดรถ", order=6)
    run(verbosity=0)
    assert list(mob.subcriteria.values_list("code", flat=True)) == [
        "MOB-ACCESS", "MOB-CONNECT", "MOB-SAFETY", "MOB-GREEN", "MOB-LOGISTICS", "MOB-PARKING",
    ]


def test_staff_edit_of_indicator_unit_survives_rerun():
    Indicator.objects.filter(code="ENV-CO2").update(unit="ตันต่อปี")
    run(verbosity=0)
    assert Indicator.objects.get(code="ENV-CO2").unit == "ตันต่อปี"


def test_mandatory_dimension_setting_survives_rerun():
    # Which dimensions are mandatory is configurable by staff.
    Dimension.objects.filter(code="MOB").update(is_mandatory=True)
    run(verbosity=0)
    assert list(Dimension.objects.filter(is_mandatory=True).values_list("code", flat=True)) == ["ENV", "MOB"]


def test_body_quorum_and_notice_survive_rerun():
    Body.objects.filter(kind="subcommittee").update(notice_days=7, quorum_fraction=Decimal("0.67"))
    run(verbosity=0)
    body = Body.objects.get(kind="subcommittee")
    assert (body.notice_days, body.quorum_fraction) == (7, Decimal("0.67"))


def test_programme_settings_edit_survives_rerun():
    settings = ProgrammeSettings.load()
    settings.pass_mark_percent = 75
    settings.save()
    run(verbosity=0)
    assert ProgrammeSettings.objects.get().pass_mark_percent == 75


def test_dimension_renamed_by_hand_restored_and_counted():
    Dimension.objects.filter(code="GOV").update(name_en="Governance")
    assert run().endswith("; 0 created, 1 updated.\n")
    assert Dimension.objects.get(code="GOV").name_en == "Smart Governance"
