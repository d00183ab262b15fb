from django.urls import path

from . import views

urlpatterns = [
    path("meetings/", views.my_meetings, name="my-meetings"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/attendance/", views.attendance, name="meeting-attendance"),
    path("meetings/<int:pk>/publish/<str:what>/", views.publish, name="meeting-publish"),
    path("items/<int:pk>/", views.agenda_item, name="agenda-item"),
]
