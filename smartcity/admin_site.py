"""The portal's admin site: Django's, which also asks for the second factor.

``smartcity.apps.PortalAdminConfig`` makes it the default ``admin.site``, so every
``@admin.register`` of the apps lands here. The middleware already sends a person who
decides and has not passed the second factor to the verification page; the site asks
again, so the admin stays shut even if a path were left out of the middleware's list.
"""

from django.contrib import admin

from accounts.second_factor import pending


class PortalAdminSite(admin.AdminSite):
    def has_permission(self, request):
        return super().has_permission(request) and not pending(request.user)
