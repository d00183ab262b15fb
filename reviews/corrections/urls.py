from django.urls import path

from . import views

urlpatterns = [
    path("corrections/<str:kind>/<int:pk>/", views.correction_new, name="correction-new"),
]
