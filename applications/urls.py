from django.urls import include, path

from . import trail_views, views

urlpatterns = [
    path("", views.proposal_list, name="proposal-list"),
    path("<int:pk>/", views.proposal_detail, name="proposal-detail"),
    path("<int:pk>/transition/", views.proposal_transition, name="proposal-transition"),
    # The Office's audit trail of the proposal and its parts (issue 14).
    path("<int:pk>/trail/", trail_views.proposal_trail, name="proposal-trail"),
    # The step-by-step editor, autosave and checklist.
    path("", include("applications.editor.urls")),
    # Annexes (upload, download) and frozen versions (list, compare).
    path("", include("applications.annexes.urls")),
    # Amendments of a public proposal's facts (request, the Office's queue and decision).
    path("", include("applications.amendments.urls")),
]
