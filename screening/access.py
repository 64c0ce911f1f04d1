"""Who may see what: view decorators by role. Personal pages are never cached."""

import functools

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.views.decorators.cache import never_cache

from classification.roles import APPLICANT, HR_ANALYST, PLACEMENT_OFFICER, has_role


def role_required(*roles: str):
    """Signed-in users holding one of `roles` (superusers too); others: sign in, or 403."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not any(has_role(request.user, role) for role in roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return never_cache(wrapped)

    return decorator


officer_required = role_required(PLACEMENT_OFFICER)
applicant_required = role_required(APPLICANT)
reports_required = role_required(HR_ANALYST, PLACEMENT_OFFICER)
