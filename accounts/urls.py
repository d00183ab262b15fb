"""Included at /accounts/ before django.contrib.auth.urls, so the two reset views here win."""

from django.urls import path

from . import second_factor_views, views

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

# The second factor (accounts/second_factor.py). Verifying and setting up stay open to a session that
# still owes it (accounts/middleware.py names them); the others wait until it is passed.
urlpatterns += [
    path("second-factor/", second_factor_views.manage, name="second-factor"),
    path("second-factor/verify/", second_factor_views.verify, name="second-factor-verify"),
    path("second-factor/set-up/", second_factor_views.enrol, name="second-factor-enrol"),
    path("second-factor/recovery-codes/", second_factor_views.recovery_codes, name="second-factor-recovery-codes"),
    path("second-factor/reset/<int:pk>/", second_factor_views.reset, name="second-factor-reset"),
]
