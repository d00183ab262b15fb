from django.urls import path

from . import verify_views

urlpatterns = [
    path("", verify_views.verify_index, name="verify"),
    path("minutes/<int:pk>", verify_views.verify_minutes, name="verify-minutes"),
    path("<str:number>", verify_views.verify_certificate, name="verify-certificate"),
]
