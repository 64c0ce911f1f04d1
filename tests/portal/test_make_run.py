"""`make run` shows the portal as its users see it: its own error pages, its static files.

The server line is taken from `make -n run` itself and started as a real process; Django's
debug pages are for developers who ask for them (`make run DEBUG=true`).
"""

import os
import shlex
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest
from django.conf import settings

needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def _run_line(*assignments: str, env=None) -> str:
    """The command `make run` would start the server with (its last line)."""
    dry_run = subprocess.run(
        ["make", "-s", "-n", "run", *assignments],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return dry_run.stdout.strip().splitlines()[-1]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read().decode()


def _quick_start_env(tmp_path) -> dict:
    """A fresh machine: nothing configured (no DEBUG, no database, no Redis)."""
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL", "REDIS_URL"}}
    return env | {"PORTAL_VAR_DIR": str(tmp_path)}


@pytest.fixture
def served(tmp_path):
    """The server as `make run` starts it, on a free port; yields its base URL."""
    port = _free_port()
    env = _quick_start_env(tmp_path)
    line = _run_line(f"PORT={port}", env=env)
    assert "runserver" in line, line
    server = subprocess.Popen(
        ["sh", "-c", f"exec env {line} --noreload"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            assert server.poll() is None, "the server stopped"
            assert time.monotonic() < deadline, "the server did not start in time"
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)


@needs_make
def test_debug_is_off_unless_a_developer_asks(tmp_path):
    env = _quick_start_env(tmp_path)
    assert shlex.split(_run_line(env=env))[0] == "DEBUG=false"
    assert shlex.split(_run_line("DEBUG=true", env=env))[0] == "DEBUG=true"


@needs_make
def test_an_unknown_url_gets_the_portals_own_404_page(served):
    status, content_type, page = _get(f"{served}/no/such/page/")
    assert status == 404 and content_type.startswith("text/html")
    assert "Page not found" in page and 'aria-label="Main"' in page
    assert "URLconf" not in page and "classification:series-list" not in page
    assert "standards/<slug:series_slug>/" not in page


@needs_make
def test_static_files_are_served_without_collecting_them(served):
    assert not (settings.BASE_DIR / "staticfiles" / "css" / "portal.css").exists()
    status, content_type, body = _get(f"{served}/static/css/portal.css")
    assert status == 200 and content_type.startswith("text/css")
    assert body == (settings.BASE_DIR / "static" / "css" / "portal.css").read_text()
