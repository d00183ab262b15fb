from django.urls import path

from . import views

urlpatterns = [
    path("meetings/<int:pk>/open/", views.meeting_open, name="meeting-open"),
    path("meetings/<int:pk>/join/", views.join, name="meeting-join"),
    path("meetings/<int:pk>/leave/", views.leave, name="meeting-leave"),
    path("meetings/<int:pk>/evidence.zip", views.evidence, name="meeting-evidence"),
    path("meetings/<int:pk>/certify/", views.certify, name="meeting-certify"),
    path("items/<int:pk>/vote-open/", views.vote_open, name="item-vote-open"),
    path("items/<int:pk>/ballot/", views.ballot, name="item-ballot"),
]
