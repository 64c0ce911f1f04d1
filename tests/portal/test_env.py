"""Settings from the environment: good values parse, bad ones stop the start clearly."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from portal.env import ConfigurationError, env_bool, env_broker_url, env_database, env_list

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("raw", "expected"), [("true", True), ("1", True), ("Off", False), ("", False)]
)
def test_env_bool_reads_the_usual_words(monkeypatch, raw, expected):
    monkeypatch.setenv("X_FLAG", raw)
    assert env_bool("X_FLAG", default=not expected) is expected


def test_env_bool_refuses_anything_else(monkeypatch):
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(ConfigurationError, match="X_FLAG='maybe'"):
        env_bool("X_FLAG", default=False)


def test_env_list_splits_and_trims(monkeypatch):
    monkeypatch.setenv("X_HOSTS", " a.example , b.example,")
    assert env_list("X_HOSTS", default=[]) == ["a.example", "b.example"]


def test_env_list_refuses_an_empty_list(monkeypatch):
    monkeypatch.setenv("X_HOSTS", " , ")
    with pytest.raises(ConfigurationError, match="X_HOSTS"):
        env_list("X_HOSTS", default=[])


def test_database_defaults_to_the_embedded_sqlite_file(monkeypatch):
    monkeypatch.delenv("X_DB", raising=False)
    config = env_database("X_DB", "/tmp/portal.sqlite3")
    assert config == {"ENGINE": "django.db.backends.sqlite3", "NAME": "/tmp/portal.sqlite3"}


def test_database_url_for_postgres(monkeypatch):
    monkeypatch.setenv("X_DB", "postgres://postgres@127.0.0.1:5432/portal")
    config = env_database("X_DB", "unused")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["HOST"], config["PORT"]) == ("portal", "127.0.0.1", 5432)


def test_database_url_with_an_unknown_scheme_is_refused_without_its_password(monkeypatch):
    monkeypatch.setenv("X_DB", "oracle2://me:hunter2@db/x")
    with pytest.raises(ConfigurationError, match="X_DB") as caught:
        env_database("X_DB", "unused")
    assert "hunter2" not in str(caught.value)


def test_broker_url_takes_the_first_set_variable(monkeypatch):
    monkeypatch.delenv("X_BROKER", raising=False)
    monkeypatch.setenv("X_REDIS", "redis://127.0.0.1:6379/0")
    assert env_broker_url("X_BROKER", "X_REDIS") == "redis://127.0.0.1:6379/0"


def test_broker_url_unset_means_none(monkeypatch):
    monkeypatch.delenv("X_BROKER", raising=False)
    assert env_broker_url("X_BROKER") is None


def test_broker_url_with_a_wrong_scheme_is_refused(monkeypatch):
    monkeypatch.setenv("X_BROKER", "http://:secret@localhost:6379")
    with pytest.raises(ConfigurationError, match="X_BROKER") as caught:
        env_broker_url("X_BROKER")
    assert "secret" not in str(caught.value)


def _manage_check(**env):
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DATABASE_URL": "nosuchdb://x"}, "DATABASE_URL"),
        ({"REDIS_URL": "http://localhost"}, "REDIS_URL"),
        ({"DEBUG": "perhaps"}, "DEBUG='perhaps'"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"HTTPS": "true", "SECRET_KEY": ""}, "SECRET_KEY must be set"),
        ({"ALLOWED_HOSTS": ","}, "ALLOWED_HOSTS"),
        ({"REEVALUATION_BATCH_SIZE": "lots"}, "REEVALUATION_BATCH_SIZE='lots'"),
        ({"AXES_FAILURE_LIMIT": "0"}, "AXES_FAILURE_LIMIT"),
    ],
)
def test_a_bad_setting_stops_the_start_with_a_clear_message(env, message):
    result = _manage_check(**env)
    assert result.returncode != 0
    assert result.stderr.startswith("Configuration error:"), result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_with_nothing_set_the_portal_starts_embedded():
    result = _manage_check()
    assert result.returncode == 0, result.stderr
