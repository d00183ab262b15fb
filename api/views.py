"""/api/v1/: thin views over the selectors and the services (proposals and their moves: api/proposals.py)."""

from django.db.models import OuterRef, Prefetch, Subquery
from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from dimensions.models import Dimension, SubCriterion
from provinces.models import Province
from register.cache import cached_fragment
from register.selectors import city_list
from reviews.meetings.selectors import meetings_visible_to
from reviews.models import AgendaItem
from reviews.selectors import current_memberships
from reviews.voting import selectors as voting_selectors
from reviews.voting.services import VotingError, vote_cast

from .filters import CityApiFilter
from .pagination import Pages
from .responses import NOT_FOUND, REFUSED, SIGN_IN
from .serializers import (
    CityOutput,
    DimensionOutput,
    MeetingOutput,
    ProvinceOutput,
    VoteInput,
    VoteOutput,
)


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
        agenda = (
            AgendaItem.objects.select_related("proposal", "resolution").prefetch_related("resolution__corrections")
            .order_by("order", "pk")
        )
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
        if item.is_secret:
            # A secret ballot answers only that the vote was taken: never the choice, nor an id or a time.
            return Response({"agenda_item": item.pk, "ballot": "secret", "voted": True},
                            status=status.HTTP_201_CREATED)
        return Response(VoteOutput(vote).data, status=status.HTTP_201_CREATED)
