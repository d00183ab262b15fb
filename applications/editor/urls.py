from django.urls import path

from . import views

urlpatterns = [
    path("new/", views.proposal_new, name="proposal-create"),
    path("<int:pk>/checklist/", views.proposal_checklist, name="proposal-checklist"),
    path("<int:pk>/edit/<slug:step>/", views.proposal_edit, name="proposal-edit"),
    path("<int:pk>/edit/<slug:step>/autosave/", views.proposal_autosave, name="proposal-autosave"),
]
