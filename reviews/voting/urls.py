from django.urls import path

from . import views

urlpatterns = [
    path("items/<int:pk>/vote/", views.vote_cast, name="vote-cast"),
    path("items/<int:pk>/conflict/", views.conflict_declare, name="conflict-declare"),
    path("items/<int:pk>/close/", views.item_close, name="item-close"),
]
