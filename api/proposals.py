"""Proposals over REST: one resource, served under both prefixes.

``/api/v1/proposals/`` is the versioned API (signed-in only, paginated with ``page_size``,
``transitions/`` to read and make moves). ``/api/proposals/`` is the first, unversioned
API, kept answering as it always has (anonymous reads of public proposals, ``transition/``
to make a move). Both are the same views over the same selectors and services, and every
move goes through the workflow's one door, ``proposal_move()``.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from accounts.permissions import organisation_ids
from applications import selectors, services
from applications.amendments import selectors as amendment_selectors
from applications.amendments.services import amendment_request
from applications.enums import State
from applications.models import Proposal
from applications.permissions import dossier_visible
from applications.workflow import available_moves, proposal_move
from provinces.models import Organisation

from .pagination import Pages
from .responses import NOT_FOUND, REFUSED, SIGN_IN
from .serializers import (
    AmendmentInput,
    AmendmentOutput,
    MoveOutput,
    ProposalInput,
    ProposalOutput,
    PublicStatusChangeOutput,
    StatusChangeOutput,
    TransitionInput,
    move_data,
)


def _service_call(fn, **kwargs):
    """Turn the model layer's ValidationError into the API's 400, field by field."""
    try:
        return fn(**kwargs)
    except DjangoValidationError as exc:
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        raise serializers.ValidationError(detail) from None


def _move(request, proposal):
    """Make the move the request asks for; 201 with the new history row."""
    data = TransitionInput(data=request.data)
    data.is_valid(raise_exception=True)
    values = data.validated_data
    change = proposal_move(
        proposal=proposal, action=values["action"], by=request.user, note=values["note"],
        deadline=values["deadline"], resolution_id=values["resolution"],
    )
    return Response(StatusChangeOutput(change).data, status=status.HTTP_201_CREATED)


class ProposalFilter(filters.FilterSet):
    status = filters.MultipleChoiceFilter(choices=State.choices)
    province = filters.CharFilter(field_name="provinces__code", distinct=True)
    # A plain number, not a choice of organisations: "invalid choice" for an id that does not
    # exist (and 200 for one that does) told anyone which organisations there are (issue 17).
    organisation = filters.NumberFilter(field_name="organisation_id")

    class Meta:
        model = Proposal
        fields = ["status", "province", "organisation"]


# What both prefixes share: the scoped list, one proposal, drafts through the services, the history.
# (Comments, not docstrings, on this class and the next: a docstring would become the schema's description.)
class _Proposals(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):

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
        proposal = _service_call(
            services.proposal_create, by=request.user, organisation=Organisation.objects.get(pk=org_id), data=values
        )
        proposal = self.get_queryset().get(pk=proposal.pk)
        return Response(ProposalOutput(proposal).data, status=status.HTTP_201_CREATED)

    # A public proposal's names, provinces and area are refused here (409): they change by amendment.
    @extend_schema(request=ProposalInput, responses={200: ProposalOutput, **REFUSED})
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

    def _history(self, request, pk):
        proposal = selectors.get_visible_proposal(request.user, pk)
        if not dossier_visible(request.user, proposal):
            # The public, or a member who declared a conflict of interest: the public steps only.
            return Response(PublicStatusChangeOutput(selectors.public_history_of(proposal), many=True).data)
        return Response(StatusChangeOutput(selectors.history_of(proposal), many=True).data)


# /api/proposals/: the settings' defaults (anonymous reads, plain pages) and ``transition/``.
class UnversionedProposalViewSet(_Proposals):

    @extend_schema(request=TransitionInput, responses=StatusChangeOutput)
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def transition(self, request, pk=None):
        """Make one workflow move; a refused move answers 403/409 with the reason."""
        return _move(request, selectors.get_actionable_proposal(request.user, pk))

    @extend_schema(responses=StatusChangeOutput(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])  # the whole history, as documented
    def history(self, request, pk=None):
        return self._history(request, pk)


@extend_schema_view(
    list=extend_schema(summary="Your proposals (the ones you work on)",
                       responses={200: ProposalOutput(many=True), 403: SIGN_IN}),
    create=extend_schema(summary="Write a new draft"),
    partial_update=extend_schema(summary="Edit a draft (or a proposal returned for revision)"),
)
class ProposalViewSet(_Proposals):
    """The signed-in user's proposals; creating and editing go through the services."""

    permission_classes = [IsAuthenticated]
    pagination_class = Pages
    lookup_value_regex = r"\d+"

    @extend_schema(summary="The proposal's history, oldest first",
                   responses={200: StatusChangeOutput(many=True), 404: NOT_FOUND})
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def history(self, request, pk=None):
        return self._history(request, pk)

    @extend_schema(
        methods=["GET"], summary="The moves you may make now, each with its unmet conditions",
        request=None, responses={200: MoveOutput(many=True), 404: NOT_FOUND},
    )
    @extend_schema(
        methods=["POST"], summary="Make one move (the one transition function decides)",
        request=TransitionInput, responses={201: StatusChangeOutput, **REFUSED},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def transitions(self, request, pk=None):
        proposal = selectors.get_actionable_proposal(request.user, pk)
        if request.method == "GET":
            moves = [move_data(move, problems) for move, problems in available_moves(proposal, request.user)]
            return Response(MoveOutput(moves, many=True).data)
        return _move(request, proposal)

    @extend_schema(
        methods=["GET"], summary="The proposal's amendments of public facts (its organisation and the Office)",
        request=None, responses={200: AmendmentOutput(many=True), 404: NOT_FOUND},
    )
    @extend_schema(
        methods=["POST"],
        summary="Request an amendment of public facts (names, provinces, area, boundary) for the Office to decide",
        request=AmendmentInput, responses={201: AmendmentOutput, **REFUSED},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def amendments(self, request, pk=None):
        proposal = selectors.get_actionable_proposal(request.user, pk)
        if not amendment_selectors.may_see_amendments(request.user, proposal):
            raise Http404
        if request.method == "GET":
            rows = amendment_selectors.amendments_of(proposal).order_by("requested_at", "id")
            return Response(AmendmentOutput(rows, many=True).data)
        data = AmendmentInput(data=request.data)
        data.is_valid(raise_exception=True)
        changes = dict(data.validated_data)
        reason = changes.pop("reason")
        amendment = amendment_request(proposal=proposal, by=request.user, changes=changes, reason=reason)
        return Response(AmendmentOutput(amendment).data, status=status.HTTP_201_CREATED)
