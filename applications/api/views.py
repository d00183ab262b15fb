from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from accounts.permissions import organisation_ids
from applications import selectors, services
from applications.enums import State
from applications.models import Proposal
from applications.workflow import proposal_move

from .serializers import ProposalInput, ProposalOutput, StatusChangeOutput, TransitionInput


def _service_call(fn, **kwargs):
    """Turn the model layer's ValidationError into the API's 400, field by field."""
    try:
        return fn(**kwargs)
    except DjangoValidationError as exc:
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        raise serializers.ValidationError(detail) from None


class ProposalFilter(filters.FilterSet):
    status = filters.MultipleChoiceFilter(choices=State.choices)
    province = filters.CharFilter(field_name="provinces__code", distinct=True)

    class Meta:
        model = Proposal
        fields = ["status", "province", "organisation"]


class ProposalViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ProposalOutput
    filterset_class = ProposalFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.proposal_list(self.request.user).order_by("-updated_at", "-id")

    @extend_schema(request=ProposalInput, responses={201: ProposalOutput})
    def create(self, request):
        """Write a new draft for one of the user's organisations; all of it is saved, or none."""
        data = ProposalInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        mine = sorted(organisation_ids(request.user))
        org_id = values.pop("organisation", mine[0] if len(mine) == 1 else None)
        if org_id not in mine:
            raise serializers.ValidationError({"organisation": [_("Choose one of your organisations.")]})
        from provinces.models import Organisation

        proposal = _service_call(
            services.proposal_create, by=request.user, organisation=Organisation.objects.get(pk=org_id), data=values
        )
        proposal = self.get_queryset().get(pk=proposal.pk)
        return Response(ProposalOutput(proposal).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ProposalInput, responses=ProposalOutput)
    def partial_update(self, request, pk=None):
        proposal = selectors.get_actionable_proposal(request.user, pk)
        data = ProposalInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values.pop("organisation", None)
        _service_call(services.proposal_update, proposal=proposal, by=request.user, data=values)
        return Response(ProposalOutput(self.get_queryset().get(pk=proposal.pk)).data)

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(request=TransitionInput, responses=StatusChangeOutput)
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def transition(self, request, pk=None):
        """Make one workflow move; a refused move answers 403/409 with the reason."""
        proposal = selectors.get_actionable_proposal(request.user, pk)
        data = TransitionInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        change = proposal_move(
            proposal=proposal, action=values["action"], by=request.user, note=values["note"],
            deadline=values["deadline"], resolution_id=values["resolution"],
        )
        return Response(StatusChangeOutput(change).data, status=201)

    @extend_schema(responses=StatusChangeOutput(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])  # the whole history, as documented
    def history(self, request, pk=None):
        proposal = selectors.get_visible_proposal(request.user, pk)
        rows = selectors.history_of(proposal)
        return Response(StatusChangeOutput(rows, many=True).data)
