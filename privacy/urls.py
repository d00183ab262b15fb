from django.urls import path

from . import views

urlpatterns = [
    path("", views.notice, name="privacy-notice"),
    path("answer/", views.answer, name="privacy-answer"),
    path("my-data/", views.my_data, name="privacy-my-data"),
    path("my-data/requests/", views.request_create, name="privacy-request-create"),
    path("people/<int:pk>/data.json", views.export, name="privacy-export"),
    path("requests/", views.queue, name="privacy-queue"),
    path("requests/<int:pk>/", views.request_detail, name="privacy-request"),
    path("notice/edit/", views.notice_edit, name="privacy-notice-edit"),
    path("retention/", views.retention, name="privacy-retention"),
]
