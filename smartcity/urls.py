from django.contrib import admin
from django.contrib.auth.views import LoginView
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from accounts import signin
from accounts.views import PasswordReset
from register.sitemaps import SITEMAPS

from . import health, metrics, views

urlpatterns = [
    path("healthz/live", health.live, name="health-live"),
    path("healthz/ready", health.ready, name="health-ready"),
    path("metrics", metrics.metrics, name="metrics"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("i18n/", include("django.conf.urls.i18n")),
    # Every sign-in door keeps the one policy (accounts/signin.py): these are listed before
    # the includes that define the same paths, so these win.
    path("admin/login/", signin.door(signin.SIGN_IN)(admin.site.login)),
    path("admin/", admin.site.urls),
    path("accounts/login/", signin.door(signin.SIGN_IN)(LoginView.as_view()), name="login"),
    path("accounts/password_reset/", signin.door(signin.RESET_REQUEST)(PasswordReset.as_view()),
         name="password_reset"),
    # Sign-in with ThaiD / DGA Digital ID: the callback is a sign-in door too (identity/views.py).
    path("accounts/oidc/", include("identity.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's start-up script as a file, so the page
    # needs no inline script under the Content Security Policy.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/v1/", include("api.urls")),
    path("api/", include("api.unversioned_urls")),
    path("register/", include("register.urls")),
    path("opendata/", include("register.opendata_urls")),
    path("proposals/", include("applications.urls")),
    path("reviews/", include("reviews.urls")),
    path("verify/", include("reviews.documents.verify_urls")),
    path("notifications/", include("notifications.urls")),
    path("monitoring/", include("monitoring.urls")),
    path("privacy/", include("privacy.urls")),
    path("", views.home, name="home"),
]
# Uploaded files are never served as plain media: attachments go through a
# view that checks the reader may see the proposal.

# A database outage answers 503 with a clear message instead of the 500 page.
handler500 = "smartcity.errors.handler500"
