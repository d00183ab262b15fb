from django.urls import path

from . import views

urlpatterns = [
    path("", views.city_list_page, name="city-list"),
    path("cities/<int:pk>/", views.city_page, name="city-detail"),
]
