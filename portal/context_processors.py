"""Template context shared by every page."""

from django.conf import settings
from django.urls import get_script_prefix, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, gettext_noop

from portal.access import permissions_load
from portal.process_kept import ProcessKept
from portal.roles import ROLE_LABELS, roles_of

# The header's links shown only to those holding a permission, in the header's order:
# (permission, URL name, text, URL name marked as the current page or "").
PERMISSION_LINKS = (
    ("screening.screen_own_profile", "screening:my-profiles", gettext_noop("My profiles"), ""),
    ("screening.view_applicantprofile", "casework:queue", gettext_noop("Applicants"), ""),
    ("casework.view_audit", "casework:audit-trail", gettext_noop("Audit trail"), "audit-trail"),
    ("screening.view_outcome_report", "screening:reports", gettext_noop("Reports"), ""),
)
# The context's name for the signed-in user's role names (portal/frame.py writes a stand-in).
ROLE_NAMES_KEY = "user_roles"
# The header's links as written: the same for everyone of one language, page and set of
# permissions, so written once per process for each (no user's name is in them).
_NAV_KEPT = ProcessKept(limit=2000)  # never reached with the portal's pages; a bound


def portal(request):
    """The signed-in user's roles, for navigation; nothing personal beyond that."""
    permissions_load(request.user)  # one query for the permissions and roles the page reads
    return {
        "portal_name": gettext("Classification & Qualification Portal"),
        ROLE_NAMES_KEY: role_names(request),
        "main_nav": lambda: main_nav(request),
        "debug": settings.DEBUG,
    }


def role_names(request) -> list[str]:
    """The names of the signed-in user's roles, as the header shows them."""
    return sorted(str(ROLE_LABELS.get(role, role)) for role in roles_of(request.user))


def main_nav(request) -> SafeString:
    """The header's links (the base template's `<li>`s before the signed-in user's)."""
    user = request.user
    match = request.resolver_match
    key = (
        get_language(),
        get_script_prefix(),
        getattr(match, "app_name", ""),
        getattr(match, "url_name", ""),
        tuple(user.has_perm(perm) for perm, *_ in PERMISSION_LINKS),
        bool(getattr(user, "is_staff", False)),
    )
    return _NAV_KEPT.get_or_make(key, lambda: _nav_written(*key[2:]))


def _nav_written(app_name, url_name, held: tuple, is_staff: bool) -> SafeString:
    indent = "\n          "
    standards = app_name == "classification" and url_name not in ("search", "compare")
    items = [
        _link("classification:series-list", gettext("Class standards"), standards),
        _link("classification:search", gettext("Search"), url_name == "search"),
        _link("classification:compare", gettext("Compare"), url_name == "compare"),
        _link("screening:selfcheck", gettext("Check your qualifications"), url_name == "selfcheck"),
    ]
    for (_perm, name, text, current), holds in zip(PERMISSION_LINKS, held, strict=True):
        here = bool(current) and url_name == current
        items.append(_link(name, gettext(text), here) if holds else "")
    items.append(_link("admin:index", gettext("Administration"), False) if is_staff else "")
    return mark_safe(indent.join(items))


def _link(url_name: str, text: str, current: bool) -> str:
    """One link; its text is the template's literal translated, which it did not escape."""
    marked = mark_safe(' aria-current="page"') if current else ""
    return format_html('<li><a href="{}"{}>{}</a></li>', reverse(url_name), marked, mark_safe(text))
