from django.urls import include, path

# One module per area of the committees' work, each with its own pages.
urlpatterns = [
    path("", include("reviews.evaluation.urls")),
    path("", include("reviews.meetings.urls")),
    path("", include("reviews.meetings.desk_urls")),
    path("", include("reviews.voting.urls")),
    path("", include("reviews.sitting.urls")),
    path("", include("reviews.documents.urls")),
    path("", include("reviews.corrections.urls")),
]
