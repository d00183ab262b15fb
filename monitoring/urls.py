from django.urls import path

from . import views

urlpatterns = [
    path("cities/<int:pk>/reports/", views.city_reports, name="city-reports"),
    path("reports/<int:pk>/", views.report_detail, name="report-detail"),
    path("reports/<int:pk>/edit/", views.report_edit, name="report-edit"),
    path("reports/<int:pk>/submit/", views.report_submit, name="report-submit"),
    path("reports/<int:pk>/decide/", views.report_decide, name="report-decide"),
    path("reports/<int:pk>/evidence/<int:result_pk>/", views.evidence_download, name="report-evidence"),
    path("overview/", views.overview, name="monitoring-overview"),
    path("overview.csv", views.overview_csv, name="monitoring-overview-csv"),
]
