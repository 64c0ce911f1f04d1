"""Template context shared by every page."""

from django.conf import settings
from django.utils.translation import gettext

from portal.roles import ROLE_LABELS, roles_of


def portal(request):
    """The signed-in user's roles, for navigation; nothing personal beyond that."""
    return {
        "portal_name": gettext("Classification & Qualification Portal"),
        "user_roles": sorted(str(ROLE_LABELS.get(role, role)) for role in roles_of(request.user)),
        "debug": settings.DEBUG,
    }
