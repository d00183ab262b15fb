"""Shapes of the API: proposals and their moves, reference data, the public register, meetings and votes.

One definition each, used under both prefixes (/api/v1/ and the unversioned /api/).
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from applications.enums import Action, State
from applications.models import Proposal, ProposalAmendment, StatusChange
from dimensions.models import Dimension, SubCriterion
from provinces.models import Province, Region
from reviews.enums import VoteChoice
from reviews.models import AgendaItem, Meeting, Vote


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


class PublicStatusChangeOutput(StatusChangeOutput):
    """A public step, for a reader the dossier is not for: the same shape, no note, no deadline."""

    def to_representation(self, instance):
        return {**super().to_representation(instance), "note": "", "deadline": None}


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


class RegionOutput(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["scheme", "code", "name_th", "name_en"]


class ProvinceOutput(serializers.ModelSerializer):
    region_six = RegionOutput(read_only=True)
    region_four = RegionOutput(read_only=True)

    class Meta:
        model = Province
        fields = ["code", "name_th", "name_en", "region_six", "region_four"]


class SubCriterionOutput(serializers.ModelSerializer):
    class Meta:
        model = SubCriterion
        fields = ["code", "name_th", "name_en", "weight", "order"]


class DimensionOutput(serializers.ModelSerializer):
    subcriteria = SubCriterionOutput(many=True, read_only=True)

    class Meta:
        model = Dimension
        fields = ["code", "name_th", "name_en", "order", "is_mandatory", "subcriteria"]


class CityOutput(ProposalOutput):
    """A row of the public register: what the public may know of a proposal."""

    round = serializers.SerializerMethodField()
    source = serializers.SerializerMethodField()

    class Meta(ProposalOutput.Meta):
        fields = [
            "id", "reference", "name_th", "name_en", "organisation", "provinces", "city_type",
            "status", "status_display", "dimensions", "certified_on", "valid_until",
            "certificate_number", "round", "source",
        ]

    def _record(self, obj):
        try:
            return obj.public_record
        except AttributeError:  # no such relation, or no row for this proposal
            return None

    def get_round(self, obj) -> int | None:
        record = self._record(obj)
        return record.round if record else None

    def get_source(self, obj) -> str:
        record = self._record(obj)
        return record.source if record else ""


class MoveOutput(serializers.Serializer):
    """One move the user may make now; ``problems`` lists its unmet conditions (empty: ready)."""

    action = serializers.ChoiceField(choices=Action.choices)
    label = serializers.CharField()
    target = serializers.ChoiceField(choices=State.choices)
    target_display = serializers.CharField()
    needs_note = serializers.BooleanField()
    needs_deadline = serializers.BooleanField()
    needs_resolution = serializers.BooleanField()
    is_final = serializers.BooleanField()
    problems = serializers.ListField(child=serializers.CharField())


def move_data(move, problems) -> dict:
    return {
        "action": move.action.value,
        "label": str(move.action.label),
        "target": move.target.value,
        "target_display": str(move.target.label),
        "needs_note": move.needs_note,
        "needs_deadline": move.needs_deadline,
        "needs_resolution": move.resolution is not None,
        "is_final": move.is_final,
        "problems": [str(p) for p in problems],
    }


class AgendaItemOutput(serializers.ModelSerializer):
    proposal = serializers.IntegerField(source="proposal_id", read_only=True)
    proposal_reference = serializers.CharField(source="proposal.reference", read_only=True)
    proposal_name_th = serializers.CharField(source="proposal.name_th", read_only=True)
    proposal_name_en = serializers.CharField(source="proposal.name_en", read_only=True)
    # The resolution as it stands: its latest correction of the kind, if any (reviews' Correction).
    resolution = serializers.CharField(
        source="resolution.effective_kind", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = AgendaItem
        fields = [
            "id", "order", "proposal", "proposal_reference", "proposal_name_th", "proposal_name_en",
            "closed_at", "resolution",
        ]


class MeetingOutput(serializers.ModelSerializer):
    body = serializers.CharField(source="body.kind", read_only=True)
    body_name = serializers.CharField(source="body.name", read_only=True)
    label = serializers.CharField(read_only=True)
    my_role = serializers.CharField(read_only=True, allow_null=True)
    agenda = AgendaItemOutput(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "body", "body_name", "label", "year_be", "number", "held_at", "place", "my_role", "agenda"]


class VoteInput(serializers.Serializer):
    choice = serializers.ChoiceField(choices=VoteChoice.choices)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class VoteOutput(serializers.ModelSerializer):
    class Meta:
        model = Vote
        fields = ["id", "agenda_item", "choice", "reason", "cast_at"]


class RefusalOutput(serializers.Serializer):
    """A refused request: the reason in the user's language, a stable code and the input at fault."""

    detail = serializers.CharField()
    code = serializers.CharField(required=False, help_text="absent when DRF itself refused (not signed in)")
    field = serializers.CharField(required=False)
    problems = serializers.ListField(child=serializers.CharField(), required=False)


class AmendmentInput(serializers.Serializer):
    """A request to change public facts: the new values of those that change, and the reason."""

    name_th = serializers.CharField(max_length=255, required=False)
    name_en = serializers.CharField(max_length=255, required=False, allow_blank=True)
    provinces = serializers.ListField(child=serializers.CharField(max_length=2), required=False)
    area_km2 = serializers.DecimalField(max_digits=10, decimal_places=2, required=False, allow_null=True)
    boundary_description = serializers.CharField(required=False, allow_blank=True)
    reason = serializers.CharField()


class AmendmentOutput(serializers.ModelSerializer):
    """``changes`` is ``{fact: {"before": value, "after": value}}``."""

    proposal = serializers.IntegerField(source="proposal_id", read_only=True)

    class Meta:
        model = ProposalAmendment
        fields = ["id", "proposal", "changes", "reason", "state", "requested_at", "decided_at", "decision_note"]
