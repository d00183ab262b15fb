"""Included at /accounts/oidc/. The callback URL is what a deployment registers with the provider."""

from django.urls import path

from . import views

urlpatterns = [
    path("<slug:provider>/start/", views.start, name="oidc-start"),
    path("<slug:provider>/callback/", views.callback, name="oidc-callback"),
]
