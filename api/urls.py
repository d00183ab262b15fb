"""The versioned REST API, /api/v1/ (DRF)."""

from django.urls import path
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from . import tokens, views
from .proposals import ProposalViewSet

router = DefaultRouter()
router.register("provinces", views.ProvinceViewSet, basename="v1-province")
router.register("dimensions", views.DimensionViewSet, basename="v1-dimension")
router.register("cities", views.CityViewSet, basename="v1-city")
router.register("proposals", ProposalViewSet, basename="v1-proposal")
router.register("meetings", views.MeetingViewSet, basename="v1-meeting")
router.register("items", views.AgendaItemViewSet, basename="v1-item")

urlpatterns = [
    path("auth/token/", tokens.TokenView.as_view(), name="v1-token"),
    # Split view: the start-up script is a file, so no inline script under the CSP.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="v1-docs"),
    *router.urls,
]
