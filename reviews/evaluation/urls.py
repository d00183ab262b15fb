from django.urls import path

from . import views

urlpatterns = [
    path("screening/", views.screening_list, name="screening"),
    path("screening/<int:pk>/", views.screening_detail, name="screening-detail"),
    path("zones/", views.zone_list, name="zone-groups"),
    path("proposals/<int:pk>/assign/", views.assign, name="assign-evaluators"),
    path("assignments/", views.my_assignments, name="my-assignments"),
    path("assignments/<int:pk>/", views.assignment_score, name="assignment-score"),
    path("matrix/", views.score_matrix, name="score-matrix"),
    path("matrix/<int:pk>/recommend/", views.matrix_recommend, name="matrix-recommend"),
    path("matrix/<int:pk>/in-principle/", views.matrix_in_principle, name="matrix-in-principle"),
]
