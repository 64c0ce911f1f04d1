"""The portal's three roles, as Django groups with least-privilege permissions."""

from django.contrib.auth.models import Group, Permission

HR_ANALYST = "HR analyst"
PLACEMENT_OFFICER = "Placement officer"
APPLICANT = "Applicant"
ROLES = (HR_ANALYST, PLACEMENT_OFFICER, APPLICANT)

# Analysts maintain standards (in the admin); the other roles get their rights from views.
ROLE_PERMISSIONS = {
    HR_ANALYST: [
        ("classification", action, model)
        for model in (
            "series",
            "standardversion",
            "level",
            "duty",
            "qualificationroute",
            "personalattribute",
            "definition",
            "parenthetic",
        )
        for action in ("view", "add", "change")
    ],
    PLACEMENT_OFFICER: [],
    APPLICANT: [],
}


def roles_of(user) -> frozenset[str]:
    """The role names a user holds (empty for anonymous visitors)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_portal_roles", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._portal_roles = cached
    return cached


def has_role(user, role: str) -> bool:
    return role in roles_of(user) or getattr(user, "is_superuser", False)


def roles_ensure() -> None:
    """Create the role groups and give them exactly their permissions (idempotent)."""
    for role, wanted in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        perms = [
            Permission.objects.get(
                content_type__app_label=app, content_type__model=model, codename=f"{action}_{model}"
            )
            for app, action, model in wanted
        ]
        group.permissions.set(perms)


def roles_ensure_after_migrate(sender, **kwargs) -> None:
    roles_ensure()
