"""Included at /accounts/ before django.contrib.auth.urls, so the two reset views here win."""

from django.urls import path

from . import views

urlpatterns = [
    path("password_reset/", views.PasswordReset.as_view(), name="password_reset"),
    path("reset/<uidb64>/<token>/", views.PasswordResetConfirm.as_view(), name="password_reset_confirm"),
    path("organisation/", views.my_organisation, name="organisation"),
    path("organisation/<int:pk>/invite/", views.invite, name="organisation-invite"),
    path("invitations/<int:pk>/cancel/", views.invitation_cancel, name="invitation-cancel"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation-accept"),
    path("organisations/", views.organisation_list, name="organisation-list"),
    path("organisations/new/", views.organisation_create, name="organisation-create"),
    path("tokens/", views.api_tokens, name="api-tokens"),
    path("tokens/<int:pk>/revoke/", views.api_token_revoke, name="api-token-revoke"),
    path("tokens/revoke-all/", views.api_tokens_revoke_all, name="api-tokens-revoke-all"),
]
