"""Roles are groups with least privilege, checked by permission; demo accounts exist for each."""

import ast
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import CommandError, call_command
from django.urls import get_resolver

from portal.access import PERMISSIONS_CHECKED
from portal.roles import (
    APPLICANT,
    HR_ANALYST,
    PLACEMENT_OFFICER,
    ROLE_PERMISSIONS,
    role_grant,
    roles_ensure,
    roles_of,
)
from tests.factories import UserFactory, analyst_user, applicant_user, officer_user

ROOT = Path(__file__).resolve().parents[2]


def _held(role: str) -> set[str]:
    group = Group.objects.get(name=role)
    return {
        f"{app}.{codename}"
        for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    }


@pytest.mark.django_db
def test_the_three_role_groups_exist_after_migrating():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        HR_ANALYST,
        PLACEMENT_OFFICER,
        APPLICANT,
    }


@pytest.mark.django_db
def test_each_role_holds_exactly_its_permissions_and_none_may_delete_but_documents():
    for role, wanted in ROLE_PERMISSIONS.items():
        assert _held(role) == set(wanted), role
        deletes = {name for name in _held(role) if name.split(".")[1].startswith("delete_")}
        expected = {"casework.delete_supportingdocument"} if role == PLACEMENT_OFFICER else set()
        assert deletes == expected, role


@pytest.mark.django_db
def test_least_privilege_between_the_roles():
    analyst, officer, applicant = analyst_user(), officer_user(), applicant_user()
    assert analyst.has_perm("classification.change_standardversion")
    assert not analyst.has_perm("screening.view_applicantprofile")
    assert not analyst.has_perm("screening.verify_entry")
    assert officer.has_perm("screening.verify_entry")
    assert officer.has_perm("screening.view_applicantprofile")
    assert not officer.has_perm("classification.change_standardversion")
    assert not officer.has_perm("screening.change_applicantprofile")
    assert applicant.get_all_permissions() == {"screening.screen_own_profile"}
    for user in (analyst, officer):
        assert user.has_perm("screening.view_outcome_report")
        assert not user.has_perm("screening.screen_own_profile")


@pytest.mark.django_db
def test_setting_up_the_roles_again_restores_their_permissions():
    officers = Group.objects.get(name=PLACEMENT_OFFICER)
    officers.permissions.add(Permission.objects.get(codename="delete_applicantprofile"))
    Permission.objects.filter(codename="verify_entry").delete()  # as on a half-migrated base
    roles_ensure()
    roles_ensure()
    assert _held(PLACEMENT_OFFICER) == set(ROLE_PERMISSIONS[PLACEMENT_OFFICER])


@pytest.mark.django_db
def test_granting_a_role_takes_effect_on_the_same_user_object():
    user = UserFactory()
    assert not user.has_perm("screening.verify_entry")
    role_grant(user=user, role=PLACEMENT_OFFICER)
    assert user.has_perm("screening.verify_entry")
    assert roles_of(user) == {PLACEMENT_OFFICER}
    with pytest.raises(ValueError, match="unknown role 'Officer'"):
        role_grant(user=user, role="Officer")


@pytest.mark.django_db
def test_every_permission_a_view_checks_exists_and_a_role_holds_it():
    get_resolver().url_patterns  # noqa: B018  (imports every view module, so their decorators)
    held = {name for names in ROLE_PERMISSIONS.values() for name in names}
    existing = {
        f"{app}.{codename}"
        for app, codename in Permission.objects.values_list("content_type__app_label", "codename")
    }
    assert len(PERMISSIONS_CHECKED) >= 6
    assert sorted(PERMISSIONS_CHECKED - existing) == []
    assert sorted(PERMISSIONS_CHECKED - held) == []


def _python_files(*folders: str):
    for folder in folders:
        yield from (ROOT / folder).rglob("*.py")


def test_no_module_checks_role_names_but_the_role_setup():
    """Access is decided by permissions; only portal/roles.py looks groups up by name."""
    suspicious = ("has_role", "Group.objects", "groups.filter", "groups.values_list", "user_roles")
    found = []
    for path in _python_files("classification", "screening", "portal"):
        if path.relative_to(ROOT).as_posix() in ("portal/roles.py", "portal/context_processors.py"):
            continue
        text = path.read_text()
        found += [f"{path.relative_to(ROOT)}: {word}" for word in suspicious if word in text]
    for path in (ROOT / "templates").rglob("*.html"):
        if "in user_roles" in path.read_text():
            found.append(f"{path.relative_to(ROOT)}: in user_roles")
    assert found == []


def _imports(path: Path) -> set[str]:
    """Every module `path` imports, at any depth of the file (lazy imports too)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_classification_imports_nothing_from_screening_but_its_engine():
    found = set()
    for path in _python_files("classification"):
        for name in _imports(path):
            if name == "screening" or (
                name.startswith("screening.") and not name.startswith("screening.engine")
            ):
                found.add((str(path.relative_to(ROOT)), name))
    assert sorted(found) == []


def test_the_import_check_sees_lazy_and_web_imports(tmp_path):
    module = tmp_path / "m.py"
    module.write_text(
        "import screening.views_officer\n"
        "def f():\n"
        "    from screening.api import X\n"
        "    from screening.engine import describe\n"
    )
    assert _imports(module) == {"screening.views_officer", "screening.api", "screening.engine"}


@pytest.mark.django_db
def test_demo_accounts_print_log_ins_that_work(client):
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    lines = [line.split() for line in out.getvalue().splitlines() if " user " in line]
    assert len(lines) == 3
    for words in lines:
        username, password = words[words.index("user") + 1], words[words.index("password") + 1]
        assert client.login(username=username, password=password)
        client.logout()
    assert roles_of(User.objects.get(username="officer")) == {PLACEMENT_OFFICER}
    assert User.objects.get(username="analyst").is_staff
    assert not User.objects.get(username="applicant").is_staff
    assert User.objects.get(username="analyst").has_perm("classification.change_standardversion")


@pytest.mark.django_db
def test_demo_accounts_are_refused_in_production(settings):
    settings.HTTPS = True
    with pytest.raises(CommandError, match="local use"):
        call_command("demo_accounts")


def test_anonymous_visitors_have_no_roles():
    from django.contrib.auth.models import AnonymousUser

    assert roles_of(AnonymousUser()) == frozenset()
