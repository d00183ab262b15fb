"""/api/: the first, unversioned API (proposals only), served by the same views as /api/v1/."""

from rest_framework.routers import DefaultRouter

from .proposals import UnversionedProposalViewSet

router = DefaultRouter()
router.register("proposals", UnversionedProposalViewSet, basename="api-proposal")
urlpatterns = router.urls
