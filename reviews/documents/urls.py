from django.urls import path

from . import views

urlpatterns = [
    path("meetings/<int:pk>/minutes.pdf", views.meeting_minutes, name="meeting-minutes"),
    path("certificates/<int:pk>.pdf", views.certificate, name="certificate-pdf"),
    path("committee/", views.committee, name="committee-acknowledge"),
]
