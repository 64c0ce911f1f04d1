"""Roles are groups with least privilege; demo accounts exist for each."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command

from classification.roles import APPLICANT, HR_ANALYST, PLACEMENT_OFFICER, has_role, roles_of


@pytest.mark.django_db
def test_the_three_role_groups_exist_after_migrating():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        HR_ANALYST,
        PLACEMENT_OFFICER,
        APPLICANT,
    }


@pytest.mark.django_db
def test_only_analysts_may_change_standards():
    analysts = Group.objects.get(name=HR_ANALYST)
    codenames = set(analysts.permissions.values_list("codename", flat=True))
    assert {"view_level", "change_level", "add_standardversion"} <= codenames
    assert not any(code.startswith("delete_") for code in codenames)
    assert Group.objects.get(name=PLACEMENT_OFFICER).permissions.count() == 0
    assert Group.objects.get(name=APPLICANT).permissions.count() == 0


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
    assert has_role(User.objects.get(username="analyst"), HR_ANALYST)


@pytest.mark.django_db
def test_demo_accounts_are_refused_in_production(settings):
    settings.HTTPS = True
    with pytest.raises(CommandError, match="local use"):
        call_command("demo_accounts")


def test_anonymous_visitors_have_no_roles():
    from django.contrib.auth.models import AnonymousUser

    assert roles_of(AnonymousUser()) == frozenset()
