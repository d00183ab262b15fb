from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from applications.enums import Action
from applications.models import Proposal, StatusChange


class ProposalOutput(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    organisation = serializers.CharField(source="organisation.name", read_only=True)
    provinces = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    dimensions = serializers.SerializerMethodField()

    class Meta:
        model = Proposal
        fields = [
            "id", "reference", "name_th", "name_en", "organisation", "provinces", "city_type",
            "status", "status_display", "status_changed_at", "revision_deadline", "dimensions",
        ]

    def get_dimensions(self, obj) -> list[str]:
        return [plan.dimension.code for plan in obj.plans.all()]


class TransitionInput(serializers.Serializer):
    action = serializers.ChoiceField(choices=[c for c in Action.choices if c[0] != Action.CREATE])
    note = serializers.CharField(required=False, allow_blank=True, default="")
    deadline = serializers.DateField(required=False, allow_null=True, default=None)
    resolution = serializers.IntegerField(required=False, allow_null=True, default=None)


class StatusChangeOutput(serializers.ModelSerializer):
    # The id of the meeting's resolution that decided the move (a generic link in the model).
    resolution = serializers.IntegerField(
        source="resolution_id", allow_null=True, required=False, label=_("meeting resolution")
    )

    class Meta:
        model = StatusChange
        fields = ["id", "action", "from_state", "to_state", "actor_role", "at", "note", "deadline", "resolution"]


class InitiativeInput(serializers.Serializer):
    title = serializers.CharField(max_length=255)
    description = serializers.CharField(required=False, allow_blank=True)
    budget_thb = serializers.DecimalField(max_digits=16, decimal_places=2)
    start_date = serializers.DateField(required=False, allow_null=True)
    end_date = serializers.DateField(required=False, allow_null=True)


class IndicatorInput(serializers.Serializer):
    indicator = serializers.CharField(required=False, allow_blank=True, help_text="code of a standard indicator")
    name = serializers.CharField(max_length=255, required=False, allow_blank=True)
    unit = serializers.CharField(max_length=64, required=False, allow_blank=True)
    baseline = serializers.DecimalField(max_digits=16, decimal_places=4)
    target = serializers.DecimalField(max_digits=16, decimal_places=4)
    target_year = serializers.IntegerField(help_text="A.D. year")


class PlanInput(serializers.Serializer):
    dimension = serializers.CharField(max_length=3, help_text="ENV MOB LIV PEO ENE ECO GOV")
    summary = serializers.CharField(required=False, allow_blank=True)
    initiatives = InitiativeInput(many=True, required=False)
    indicators = IndicatorInput(many=True, required=False)


class ProposalInput(serializers.Serializer):
    """The shape of a proposal as written by its proponent; the rules live in the service."""

    organisation = serializers.IntegerField(required=False)
    name_th = serializers.CharField(max_length=255)
    name_en = serializers.CharField(max_length=255, required=False, allow_blank=True)
    provinces = serializers.ListField(child=serializers.CharField(max_length=2), required=False)
    boundary_description = serializers.CharField(required=False, allow_blank=True)
    area_km2 = serializers.DecimalField(max_digits=10, decimal_places=2, required=False, allow_null=True)
    population = serializers.IntegerField(required=False, allow_null=True)
    city_type = serializers.CharField(required=False, allow_blank=True)
    vision = serializers.CharField(required=False, allow_blank=True)
    goals = serializers.CharField(required=False, allow_blank=True)
    infrastructure_plan = serializers.CharField(required=False, allow_blank=True)
    investment_plan = serializers.CharField(required=False, allow_blank=True)
    total_budget_thb = serializers.DecimalField(max_digits=16, decimal_places=2, required=False, allow_null=True)
    data_platform = serializers.CharField(required=False, allow_blank=True)
    management_model = serializers.CharField(required=False, allow_blank=True)
    plans = PlanInput(many=True, required=False)
