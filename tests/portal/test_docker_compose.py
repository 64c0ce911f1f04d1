"""No Docker engine runs here, so the compose file is checked as data."""

from pathlib import Path

import yaml

COMPOSE = Path(__file__).resolve().parents[2] / "docker-compose.yml"


def _services():
    return yaml.safe_load(COMPOSE.read_text())["services"]


def test_the_stack_has_its_five_services():
    assert set(_services()) == {"postgres", "redis", "web", "worker", "beat"}


def test_web_serves_with_gunicorn_after_migrating_and_loading_standards():
    command = _services()["web"]["command"]
    assert command.index("migrate") < command.index("load_series") < command.index("gunicorn")
    assert "portal.wsgi:application" in command


def test_worker_and_beat_run_celery_for_the_portal():
    assert _services()["worker"]["command"][:4] == ["celery", "-A", "portal", "worker"]
    assert _services()["beat"]["command"][:4] == ["celery", "-A", "portal", "beat"]


def test_app_services_point_at_postgres_and_redis_and_require_a_secret():
    for name in ("web", "worker", "beat"):
        env = _services()[name]["environment"]
        assert (
            env["DATABASE_URL"].startswith("postgres://")
            and "@postgres:5432/" in env["DATABASE_URL"]
        )
        assert env["REDIS_URL"] == "redis://redis:6379/0"
        assert env["SECRET_KEY"].startswith("${SECRET_KEY:?")
        assert env["DEBUG"] == "false" and env["HTTPS"] == "true"
        depends = _services()[name]["depends_on"]
        assert depends["postgres"]["condition"] == "service_healthy"
        assert depends["redis"]["condition"] == "service_healthy"


def test_data_services_have_healthchecks_and_postgres_keeps_its_data():
    services = _services()
    assert "pg_isready" in " ".join(services["postgres"]["healthcheck"]["test"])
    assert services["redis"]["healthcheck"]["test"][-1] == "ping"
    assert any(
        volume.endswith(":/var/lib/postgresql/data") for volume in services["postgres"]["volumes"]
    )
