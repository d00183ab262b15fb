from django.urls import path

from . import version_views, views

urlpatterns = [
    path("<int:pk>/annexes/", views.annex_upload, name="annex-upload"),
    path("<int:pk>/annexes/<int:attachment_id>/", views.annex_download, name="annex-download"),
    path("<int:pk>/annexes/<int:attachment_id>/delete/", views.annex_delete, name="annex-delete"),
    path("<int:pk>/versions/compare/", version_views.version_compare, name="version-compare"),
    path("<int:pk>/versions/<int:number>/", version_views.version_detail, name="version-detail"),
]
