"""/api/v1/: thin views over the selectors, the services and the one transition function."""

from django.db.models import OuterRef, Prefetch, Subquery
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from applications import selectors
from applications.api.serializers import ProposalOutput, StatusChangeOutput, TransitionInput
from applications.api.views import ProposalViewSet as _ProposalViewSet
from applications.workflow import available_moves, proposal_move
from dimensions.models import Dimension, SubCriterion
from provinces.models import Province
from register.cache import cached_fragment
from register.selectors import city_list
from reviews.meetings.selectors import meetings_visible_to
from reviews.models import AgendaItem
from reviews.selectors import current_memberships
from reviews.voting import selectors as voting_selectors
from reviews.voting.services import VotingError, vote_cast
from smartcity.throttling import SharedAnonRateThrottle

from .filters import CityApiFilter
from .pagination import Pages
from .serializers import (
    CityOutput,
    DimensionOutput,
    MeetingOutput,
    MoveOutput,
    ProvinceOutput,
    RefusalOutput,
    VoteInput,
    VoteOutput,
    move_data,
)

NOT_FOUND = OpenApiResponse(description="Not found, or not yours to see (never 403: existence is not confirmed).")
SIGN_IN = OpenApiResponse(RefusalOutput, description="Not signed in (send a session cookie or a token).")
# A 400 is either the workflow's refusal (detail, code, field) or DRF's field
# errors ({"field": ["message", ...]}): both shapes are documented (found by
# the schemathesis run in tests/security/test_api_fuzz.py).
FIELD_ERRORS = {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}}
INVALID = {"anyOf": [{"$ref": "#/components/schemas/RefusalOutput"}, FIELD_ERRORS]}
REFUSED = {
    400: OpenApiResponse(INVALID, description="Invalid input; the field at fault is named."),
    403: OpenApiResponse(RefusalOutput, description="Not signed in, or your role may not do this."),
    404: NOT_FOUND,
    409: OpenApiResponse(RefusalOutput, description="Not possible in the present state; the reason is given."),
}


@extend_schema_view(list=extend_schema(summary="The 77 provinces with their regions in both schemes"))
class ProvinceViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [AllowAny]
    serializer_class = ProvinceOutput
    queryset = Province.objects.select_related("region_six", "region_four").order_by("code")
    lookup_field = "code"
    pagination_class = None
    filter_backends = []


@extend_schema_view(list=extend_schema(summary="The seven dimensions with their sub-criteria"))
class DimensionViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [AllowAny]
    serializer_class = DimensionOutput
    queryset = Dimension.objects.prefetch_related(
        Prefetch("subcriteria", queryset=SubCriterion.objects.filter(is_active=True).order_by("order", "pk"))
    ).order_by("order")
    lookup_field = "code"
    pagination_class = None
    filter_backends = []


@extend_schema_view(
    list=extend_schema(summary="The public register (the same filters as the register pages)"),
    retrieve=extend_schema(summary="One city of the public register", responses={200: CityOutput, 404: NOT_FOUND}),
)
class CityViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [AllowAny]
    serializer_class = CityOutput
    pagination_class = Pages
    filterset_class = CityApiFilter

    def get_queryset(self):
        return city_list()

    # Anonymous readers share the register's cache, cleared when any proposal changes.
    def list(self, request, *args, **kwargs):
        render = lambda: super(CityViewSet, self).list(request, *args, **kwargs).data  # noqa: E731
        renderer = request.accepted_renderer
        if renderer.format != "json":  # the browsable API renders its page around the data
            return Response(cached_fragment(f"api-cities:{request.get_host()}", request, render))
        # JSON is stored rendered: a cache hit is then a lookup, not a serialisation (the burst
        # of an announcement day). Throttling, authentication and negotiation have run already.
        body = cached_fragment(
            f"api-cities-json:{request.get_host()}:{request.accepted_media_type}", request,
            lambda: renderer.render(render(), request.accepted_media_type, self.get_renderer_context()),
        )
        return HttpResponse(body, content_type=renderer.media_type)

    def retrieve(self, request, *args, **kwargs):
        render = lambda: super(CityViewSet, self).retrieve(request, *args, **kwargs).data  # noqa: E731
        return Response(cached_fragment("api-city", request, render))


@extend_schema_view(
    list=extend_schema(summary="Your proposals (the ones you work on)",
                       responses={200: ProposalOutput(many=True), 403: SIGN_IN}),
    create=extend_schema(summary="Write a new draft"),
    partial_update=extend_schema(summary="Edit a draft (or a proposal returned for revision)"),
)
class ProposalViewSet(_ProposalViewSet):
    """The signed-in user's proposals; creating and editing go through the services."""

    permission_classes = [IsAuthenticated]
    pagination_class = Pages
    http_method_names = ["get", "post", "patch", "head", "options"]
    lookup_value_regex = r"\d+"
    transition = None  # /api/v1/ has the one resource `transitions/` for reading and making moves

    def get_queryset(self):
        return selectors.proposal_list(self.request.user).order_by("-updated_at", "-id")

    @extend_schema(summary="The proposal's history, oldest first",
                   responses={200: StatusChangeOutput(many=True), 404: NOT_FOUND})
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def history(self, request, pk=None):
        return _ProposalViewSet.history(self, request, pk=pk)

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
        data = TransitionInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        change = proposal_move(
            proposal=proposal, action=values["action"], by=request.user, note=values["note"],
            deadline=values["deadline"], resolution_id=values["resolution"],
        )
        return Response(StatusChangeOutput(change).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="Meetings of the bodies you sit on, with their agenda",
                       responses={200: MeetingOutput(many=True), 403: SIGN_IN}),
    retrieve=extend_schema(responses={200: MeetingOutput, 404: NOT_FOUND}),
)
class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [IsAuthenticated]
    serializer_class = MeetingOutput
    pagination_class = Pages
    lookup_value_regex = r"\d+"
    filter_backends = []

    def get_queryset(self):
        user = self.request.user
        role = current_memberships(user, timezone.localdate()).filter(body_id=OuterRef("body_id")).values("role")[:1]
        agenda = AgendaItem.objects.select_related("proposal", "resolution").order_by("order", "pk")
        return (
            meetings_visible_to(user)
            .select_related("body")
            .annotate(my_role=Subquery(role))
            .prefetch_related(Prefetch("agenda", queryset=agenda))
            .order_by("-held_at", "-pk")
        )


VOTE_STATUS = {"invalid": status.HTTP_400_BAD_REQUEST, "not_member": status.HTTP_403_FORBIDDEN}


class AgendaItemViewSet(viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated]
    serializer_class = VoteOutput
    queryset = AgendaItem.objects.none()
    lookup_value_regex = r"\d+"
    filter_backends = []

    @extend_schema(summary="Cast your one vote on an agenda item", request=VoteInput,
                   responses={201: VoteOutput, **REFUSED})
    @action(detail=True, methods=["post"])
    def vote(self, request, pk=None):
        item = voting_selectors.get_item(request.user, pk)
        data = VoteInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            vote = vote_cast(item=item, member=request.user, **data.validated_data)
        except VotingError as exc:
            body = {"detail": exc.message, "code": exc.code}
            if exc.field:
                body["field"] = exc.field
            return Response(body, status=VOTE_STATUS.get(exc.code, status.HTTP_409_CONFLICT))
        return Response(VoteOutput(vote).data, status=status.HTTP_201_CREATED)


LOCKED = gettext_noop(
    "Too many failed sign-in attempts: signing in is locked for one hour. Reset your password to unlock it now."
)


class TokenOutput(serializers.Serializer):
    token = serializers.CharField()


class TokenView(ObtainAuthToken):
    """Exchange a username and password for the user's API token.

    The password is checked through django-axes (the request is passed on), so
    failed attempts count toward the same lockout as the sign-in page.
    """

    authentication_classes = []  # a credentials exchange: no session, so no CSRF check
    throttle_classes = [SharedAnonRateThrottle]

    @extend_schema(
        summary="Get your API token (send it as `Authorization: Token <key>`)",
        auth=[], responses={200: TokenOutput, 400: OpenApiResponse(description="Wrong username or password."),
                            429: OpenApiResponse(description="Locked out after too many failures, or throttled.")},
    )
    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except serializers.ValidationError:
            # axes marks the request it was given (this DRF request) when the pair is locked out.
            if getattr(request, "axes_locked_out", False):
                return Response({"detail": _(LOCKED), "code": "locked_out"}, status=status.HTTP_429_TOO_MANY_REQUESTS)
            raise
