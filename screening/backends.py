"""Login lockout: django-axes' backend, tolerant of authenticate() calls made without a request.

The sign-in page always passes its request, so every failure there is counted and a locked-out
user name is refused. Calls without a request (the shell, Django's test client `login`) cannot be
attributed to an address and are left to the next backend instead of raising.
"""

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
