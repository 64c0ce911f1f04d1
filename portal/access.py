"""Who may open what: a view decorator that checks permissions, never role names.

Pages behind a permission show personal or working data and are sent never-cached.
"""

import functools

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.views.decorators.cache import never_cache

# Every permission a view asks for, so that a test can check each one exists.
PERMISSIONS_CHECKED: set[str] = set()


def permission_required(*perms: str, message: str = ""):
    """Signed-in users holding every one of `perms`; anonymous visitors sign in, others 403."""
    for perm in perms:
        if perm.count(".") != 1:
            raise ValueError(f"a permission is written 'app_label.codename', not {perm!r}")
    PERMISSIONS_CHECKED.update(perms)

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perms(perms):
                raise PermissionDenied(message)  # empty: the 403 page says what is missing
            return view(request, *args, **kwargs)

        return never_cache(wrapped)

    return decorator
