"""Template context shared by every page."""

from django.conf import settings

from portal.roles import roles_of


def portal(request):
    """The signed-in user's roles, for navigation; nothing personal beyond that."""
    return {
        "portal_name": "Classification & Qualification Portal",
        "user_roles": roles_of(request.user),
        "debug": settings.DEBUG,
    }
