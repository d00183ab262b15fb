"""Real rows, built through the same models the portal uses (no mocks)."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from accounts.models import Membership, User
from applications.models import DimensionPlan, Initiative, PlanIndicator, Proposal
from privacy.selectors import current_notice, current_version
from privacy.services import notice_answer
from provinces.models import Organisation, OrganisationKind, Province, Region
from reviews.models import Body, BodyMembership


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.go.th")
    first_name = "สมชาย"
    last_name = factory.Sequence(lambda n: f"ใจดี{n}")
    password = factory.django.Password("pw-123456")

    @factory.post_generation
    def privacy_notice_accepted(obj, create, extracted, **kwargs):
        """Whoever the factories make has accepted the privacy notice in force, where one is published
        (the tests of the notice itself pass ``privacy_notice_accepted=False``)."""
        if not create or extracted is False:
            return
        notice = current_notice() if current_version() else None
        if notice is not None:
            notice_answer(user=obj, notice=notice, accepted=True)


class StaffFactory(UserFactory):
    is_office_staff = True
    is_staff = True


class EvaluatorFactory(UserFactory):
    """An expert the Office may assign to score a dimension."""

    is_evaluator = True


class BodyMembershipFactory(factory.django.DjangoModelFactory):
    """A seat on the subcommittee (or ``body``), held for the last 400 days and still running."""

    class Meta:
        model = BodyMembership

    body = factory.LazyFunction(lambda: Body.objects.get(kind="subcommittee"))
    user = factory.SubFactory(UserFactory)
    role = "member"
    term_start = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=400))


def region(scheme, code):
    return Region.objects.get_or_create(
        scheme=scheme, code=code, defaults={"name_th": code, "name_en": code}
    )[0]


def province(code="50", name_th="เชียงใหม่", name_en="Chiang Mai"):
    """The real reference row if it was loaded, else a minimal one."""
    obj = Province.objects.filter(code=code).first()
    if obj:
        return obj
    return Province.objects.create(
        code=code, name_th=name_th, name_en=name_en,
        region_six=region("six", "north"), region_four=region("four", "north"),
    )


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name_th = factory.Sequence(lambda n: f"เทศบาลนครทดสอบ {n}")
    name_en = factory.Sequence(lambda n: f"Test City Municipality {n}")
    kind = factory.LazyFunction(
        lambda: OrganisationKind.objects.get_or_create(
            code="city_municipality", defaults={"name_th": "เทศบาลนคร", "name_en": "City municipality"}
        )[0]
    )
    province = factory.LazyFunction(province)


def proponent(organisation=None, **kwargs):
    user = UserFactory(**kwargs)
    Membership.objects.create(user=user, organisation=organisation or OrganisationFactory())
    return user


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    organisation = factory.SubFactory(OrganisationFactory)
    name_th = factory.Sequence(lambda n: f"เมืองอัจฉริยะทดสอบ {n}")
    name_en = factory.Sequence(lambda n: f"Test Smart City {n}")


def complete_proposal(proposal, dimensions=("ENV", "MOB"), with_plan=True):
    """Fill every criterion so the proposal passes submission and plan checks."""
    from dimensions.models import Dimension

    proposal.boundary_description = "ตำบลในเมือง ทั้งตำบล"
    proposal.area_km2 = Decimal("40.21")
    proposal.population = 127000
    proposal.city_type = "livable"
    proposal.vision = "เมืองน่าอยู่ ปลอดภัย"
    proposal.goals = "ลดการปล่อยคาร์บอน"
    proposal.infrastructure_plan = "โครงข่ายไฟเบอร์และเซนเซอร์"
    proposal.investment_plan = "ร่วมลงทุนภาครัฐและเอกชน"
    proposal.data_platform = "แพลตฟอร์มข้อมูลเมืองแบบเปิด"
    proposal.management_model = "บริษัทพัฒนาเมือง"
    proposal.total_budget_thb = Decimal(1_000_000) * len(dimensions) if with_plan else None
    proposal.save()
    proposal.provinces.add(proposal.organisation.province)
    for code in dimensions:
        dim = Dimension.objects.get(code=code)
        plan = DimensionPlan.objects.create(proposal=proposal, dimension=dim, summary=f"แผน {code}")
        if with_plan:
            Initiative.objects.create(
                plan=plan, title=f"โครงการ {code}", budget_thb=Decimal(1_000_000),
                start_date=datetime.date(2026, 1, 1), end_date=datetime.date(2028, 12, 31),
            )
            PlanIndicator.objects.create(
                plan=plan, name=f"ตัวชี้วัด {code}", unit="%", baseline=Decimal(10), target=Decimal(20),
                target_year=timezone.localdate().year + 2,
            )
    return proposal
