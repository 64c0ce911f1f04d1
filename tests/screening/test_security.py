"""Security settings: deploy checks, the Content-Security-Policy, login lockout, CSRF."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessLog
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, applicant_user

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_check_deploy_is_clean_under_production_settings():
    env = {
        key: value
        for key, value in os.environ.items()
        # (the browser tests' conftest sets DJANGO_ALLOW_ASYNC_UNSAFE, which deploy flags)
        if key
        not in {
            "DEBUG",
            "DATABASE_URL",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "HTTPS",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env.update(
        HTTPS="true",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="portal.example.org",
        DJANGO_SETTINGS_MODULE="portal.settings",
    )
    completed = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "no issues" in completed.stdout


def test_every_page_sends_a_self_only_content_security_policy(client, db):
    response = client.get(reverse("screening:selfcheck"))
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert "unsafe-inline" not in policy


def test_templates_have_no_inline_script_or_style():
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text()
        assert "style=" not in text, path
        assert "<style" not in text, path
        assert " on" + "click=" not in text, path
        for line in text.splitlines():
            if "<script" in line:
                assert "src=" in line, f"inline script in {path}"


def test_login_is_locked_after_repeated_failures(db):
    user = applicant_user()
    client = Client()
    url = reverse("login")
    for _ in range(5):
        client.post(url, {"username": user.username, "password": "wrong"})
    locked = client.post(url, {"username": user.username, "password": PASSWORD})
    assert locked.status_code == 429
    assert "temporarily locked" in locked.text
    assert "_auth_user_id" not in client.session


def test_an_empty_sign_in_names_the_missing_fields(db):
    response = Client().post(reverse("login"), {"username": "", "password": ""})
    assert response.status_code == 200
    assert "Username: This field is required." in response.text
    assert "Password: This field is required." in response.text
    assert 'aria-invalid="true"' in response.text and "<title>Error: Sign in" in response.text


def test_a_correct_password_signs_in_before_the_limit(db):
    user = applicant_user()
    client = Client()
    url = reverse("login")
    client.post(url, {"username": user.username, "password": "wrong"})
    response = client.post(url, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert not AccessLog.objects.exists()  # no record of where each sign-in came from


def test_posts_without_a_csrf_token_are_refused(db, loaded_standards):
    from tests.factories import CASEY, officer_user, saved_profile

    client = Client(enforce_csrf_checks=True)
    client.force_login(officer_user())
    profile = saved_profile(CASEY)
    response = client.post(reverse("screening:officer-rescreen", args=[profile.public_id]))
    assert response.status_code == 403
    assert profile.determinations.count() == 1


def test_urls_carry_opaque_ids_not_personal_data(client, loaded_standards):
    from tests.factories import CASEY, officer_user, saved_profile

    profile = saved_profile(CASEY)
    client.force_login(officer_user())
    page = client.get(reverse("casework:queue")).text
    hrefs = [part.split('"', 1)[0] for part in page.split('href="')[1:]]
    assert any(str(profile.public_id) in href for href in hrefs)
    assert not any("casey" in href.lower() or "C-1" in href for href in hrefs)
