from django.urls import path

from . import views

urlpatterns = [
    path("", views.proposal_list, name="proposal-list"),
    path("<int:pk>/", views.proposal_detail, name="proposal-detail"),
    path("<int:pk>/transition/", views.proposal_transition, name="proposal-transition"),
]
