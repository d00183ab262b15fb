from django.urls import path

from . import views

urlpatterns = [
    path("<int:pk>/amendments/new/", views.amendment_request, name="amendment-request"),
    path("amendments/", views.amendment_list, name="amendment-list"),
    path("amendments/<int:pk>/", views.amendment_detail, name="amendment-detail"),
    path("amendments/<int:pk>/decide/", views.amendment_decide, name="amendment-decide"),
]
