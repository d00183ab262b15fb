from django.urls import path

from . import views

urlpatterns = [
    path("", views.city_list_page, name="city-list"),
    path("cities/<int:pk>/", views.city_page, name="city-detail"),
]

# Map, charts and open data (register/map_page.py, opendata.py, feeds.py).
from . import feeds, map_page, opendata  # noqa: E402

urlpatterns += [
    path("map/", map_page.map_page, name="map"),
    path("export.csv", opendata.export_csv, name="export-csv"),
    path("export.json", opendata.export_json, name="export-json"),
    path("export.geojson", opendata.export_geojson, name="export-geojson"),
    path("feed/", feeds.NewlyCertifiedFeed(), name="feed"),
]
