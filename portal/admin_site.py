"""The admin site: Django's own, answering only the methods its pages serve."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.views.decorators.http import require_http_methods

ADMIN_METHODS = ["GET", "HEAD", "POST"]


class PortalAdminSite(admin.AdminSite):
    """Every admin page refuses TRACE, OPTIONS, PUT, DELETE... with 405 (as the portal's do)."""

    def admin_view(self, view, cacheable=False):
        return require_http_methods(ADMIN_METHODS)(super().admin_view(view, cacheable))


class PortalAdminConfig(AdminConfig):
    default_site = "portal.admin_site.PortalAdminSite"
