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
    class Meta:
        model = StatusChange
        fields = ["id", "action", "from_state", "to_state", "actor_role", "at", "note", "deadline", "resolution"]
