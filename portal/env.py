"""Settings read from the environment (12-factor), failing at start with a clear message."""

import os
from urllib.parse import urlsplit

import dj_database_url

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


class ConfigurationError(Exception):
    """A setting from the environment has a value the portal cannot use."""


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ConfigurationError(f"{name}={raw!r}: expected one of true/false/1/0/yes/no/on/off")


def env_int(name: str, default: int, *, minimum: int = 1) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ConfigurationError(f"{name}={raw!r}: expected a whole number") from None
    if value < minimum:
        raise ConfigurationError(f"{name}={raw!r}: must be at least {minimum}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    items = [item.strip() for item in raw.split(",") if item.strip()]
    if not items:
        raise ConfigurationError(f"{name}={raw!r}: expected a comma-separated list of host names")
    return items


def env_database(name: str, default_sqlite_path: str) -> dict:
    raw = os.environ.get(name)
    if not raw:
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": default_sqlite_path}
    try:
        config = dj_database_url.parse(raw, conn_max_age=60, conn_health_checks=True)
    except Exception as exc:  # dj-database-url raises several types for a bad URL
        raise ConfigurationError(f"{name}: not a database URL we can use ({exc})") from exc
    if not config.get("ENGINE"):
        raise ConfigurationError(f"{name}: unsupported database scheme in {_redact(raw)!r}")
    return config


def env_broker_url(*names: str) -> str | None:
    """The first of these variables that is set, checked to be a redis:// or amqp:// URL."""
    for name in names:
        raw = os.environ.get(name)
        if raw:
            scheme = urlsplit(raw).scheme
            if scheme not in {"redis", "rediss", "amqp", "amqps", "memory"}:
                raise ConfigurationError(
                    f"{name}: expected a redis://, rediss:// or amqp:// URL, got {_redact(raw)!r}"
                )
            return raw
    return None


def _redact(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        return url.replace(parts.password, "***")
    return url
