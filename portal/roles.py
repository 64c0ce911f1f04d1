"""The portal's three roles: Django groups holding least-privilege permissions.

This is the one module that knows roles by name. Everything else asks
`user.has_perm("app.codename")`; the table below says which role holds which permission.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS
from django.utils.translation import gettext_lazy

HR_ANALYST = "HR analyst"
PLACEMENT_OFFICER = "Placement officer"
APPLICANT = "Applicant"
ROLES = (HR_ANALYST, PLACEMENT_OFFICER, APPLICANT)
# The roles' names as people read them, in the page's language (groups keep the English name).
ROLE_LABELS = {
    HR_ANALYST: gettext_lazy("HR analyst"),
    PLACEMENT_OFFICER: gettext_lazy("Placement officer"),
    APPLICANT: gettext_lazy("Applicant"),
}

_STANDARD_MODELS = (
    "series",
    "standardversion",
    "level",
    "duty",
    "qualificationroute",
    "personalattribute",
    "definition",
    "parenthetic",
    "standarddraft",
)

# role -> the permissions it holds, as "app_label.codename"; nobody may delete anything but
# officers a document on file (one put on the wrong applicant is personal data out of place).
ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    # Analysts maintain standards (the edit page, the admin site) and read the outcome counts.
    HR_ANALYST: (
        *(
            f"classification.{action}_{model}"
            for model in _STANDARD_MODELS
            for action in ("view", "add", "change")
        ),
        "classification.approve_standarddraft",
        "screening.view_outcome_report",
    ),
    # Officers work the applicant queue: read, import, verify entries, re-screen, report.
    PLACEMENT_OFFICER: (
        "screening.view_applicantprofile",
        "screening.add_applicantprofile",
        "screening.verify_entry",
        "screening.rescreen_profile",
        "screening.view_outcome_report",
        # Casework: the queue's cases, moved between statuses and given to an officer.
        "casework.view_case",
        "casework.change_case",
        "casework.assign_case",
        # Documents on file (any applicant's) and the whole audit trail, with its export.
        "casework.view_supportingdocument",
        "casework.add_supportingdocument",
        "casework.delete_supportingdocument",
        "casework.view_audit",
        # Casework: notices of results and eligible lists (a second officer certifies).
        "casework.add_notice",
        "casework.view_notice",
        "casework.view_eligiblelist",
        "casework.add_eligiblelist",
        "casework.certify_eligiblelist",
    ),
    # Applicants save their self-check and read their own profiles, nobody else's.
    APPLICANT: ("screening.screen_own_profile",),
}


def roles_of(user) -> frozenset[str]:
    """The role names a user holds, for display (empty for anonymous visitors)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_portal_roles", None)
    if cached is None:
        cached = frozenset(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
        user._portal_roles = cached
    return cached


def role_grant(*, user, role: str) -> None:
    """Give `user` the role `role` (its group must exist: it is made on migrate)."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; the roles are {', '.join(ROLES)}")
    user.groups.add(Group.objects.get(name=role))
    user.__dict__.pop("_portal_roles", None)
    for cache in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        user.__dict__.pop(cache, None)


def _permission(name: str, *, using: str) -> Permission:
    app_label, codename = name.split(".", 1)
    try:
        return Permission.objects.using(using).get(
            content_type__app_label=app_label, codename=codename
        )
    except Permission.DoesNotExist:
        raise LookupError(f"role permission {name!r} does not exist") from None


def roles_ensure(*, using: str = DEFAULT_DB_ALIAS) -> None:
    """Create the role groups and give each exactly its permissions (idempotent)."""
    # post_migrate runs app by app: make sure every app's permissions exist before we look.
    app_labels = {name.split(".", 1)[0] for perms in ROLE_PERMISSIONS.values() for name in perms}
    for app_label in sorted(app_labels):
        create_permissions(global_apps.get_app_config(app_label), verbosity=0, using=using)
    for role, wanted in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.using(using).get_or_create(name=role)
        group.permissions.set([_permission(name, using=using) for name in wanted])


def roles_ensure_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    roles_ensure(using=using)
