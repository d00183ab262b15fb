from django.shortcuts import get_object_or_404
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from applications import selectors
from applications.enums import State
from applications.models import Proposal
from applications.workflow import transition

from .serializers import ProposalOutput, StatusChangeOutput, TransitionInput


class ProposalFilter(filters.FilterSet):
    status = filters.MultipleChoiceFilter(choices=State.choices)
    province = filters.CharFilter(field_name="provinces__code", distinct=True)

    class Meta:
        model = Proposal
        fields = ["status", "province", "organisation"]


class ProposalViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ProposalOutput
    filterset_class = ProposalFilter

    def get_queryset(self):
        return selectors.proposal_list(self.request.user).order_by("-updated_at", "-id")

    @extend_schema(request=TransitionInput, responses=StatusChangeOutput)
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def transition(self, request, pk=None):
        """Make one workflow move; a refused move answers 403/409 with the reason."""
        proposal = selectors.get_actionable_proposal(request.user, pk)
        data = TransitionInput(data=request.data)
        data.is_valid(raise_exception=True)
        resolution = None
        if data.validated_data["resolution"] is not None:
            from reviews.models import Resolution

            resolution = get_object_or_404(
                Resolution.objects.select_related("meeting__body"),
                pk=data.validated_data["resolution"], proposal=proposal,
            )
        change = transition(
            proposal, data.validated_data["action"], by=request.user,
            note=data.validated_data["note"], deadline=data.validated_data["deadline"],
            resolution=resolution,
        )
        return Response(StatusChangeOutput(change).data, status=201)

    @extend_schema(responses=StatusChangeOutput(many=True))
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        proposal = selectors.get_visible_proposal(request.user, pk)
        rows = selectors.history_of(proposal)
        return Response(StatusChangeOutput(rows, many=True).data)
