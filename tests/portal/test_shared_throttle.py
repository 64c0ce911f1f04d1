"""The anonymous API throttle holds across gunicorn workers: they count in one shared cache.

Real processes: gunicorn with two sync workers on a free loopback port, Redis as configured.
"""

import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest
from django.conf import settings

IN_CI = os.environ.get("CI") == "true"
RATE = 5
MAX_REQUESTS = 100  # sent until both workers have answered (they usually have after a few)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(port: int, server: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"gunicorn stopped: {server.stdout.read()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("gunicorn did not start listening in time")


def _post(port: int) -> int:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1/screenings",
        data=b"{}",
        headers={"Content-Type": "application/json", "Connection": "close"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as refused:
        return refused.code


@pytest.fixture
def gunicorn(tmp_path):
    if not settings.REDIS_URL:
        if IN_CI:
            pytest.fail("CI must run with REDIS_URL set: the shared throttle is tested there")
        pytest.skip("REDIS_URL is not set: no cache shared between processes to test")
    port = _free_port()
    env = {
        **os.environ,
        "REDIS_URL": settings.REDIS_URL,
        "API_ANON_RATE": f"{RATE}/minute",
        # Its own keys: the suite's other processes clear theirs between tests.
        "CACHE_KEY_PREFIX": f"throttle-test-{os.getpid()}",
        "DEBUG": "false",
        "PORTAL_VAR_DIR": str(tmp_path),  # the refused profiles reach no database
    }
    env.pop("DATABASE_URL", None)
    command = [sys.executable, "-m", "gunicorn", "portal.wsgi:application", "--workers", "2"]
    command += ["--worker-class", "sync", "--bind", f"127.0.0.1:{port}"]
    command += ["--access-logfile", "-", "--access-logformat", "worker %(p)s status %(s)s"]
    server = subprocess.Popen(
        command,
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    log: list[str] = []
    reader = threading.Thread(target=lambda: log.extend(server.stdout), daemon=True)
    try:
        _wait_for(port, server)
        reader.start()
        yield port, log
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_anonymous_posts_are_throttled_across_both_workers(gunicorn):
    port, log = gunicorn
    statuses = []
    while len(statuses) < 20 or len(_workers(log)) < 2:
        assert len(statuses) < MAX_REQUESTS, f"one worker answered every request: {log}"
        statuses.append(_post(port))
    # Every profile sent is refused (400) until the rate is used up; then 429, whichever
    # worker answers. Each worker counting on its own would let 2 x RATE through.
    assert statuses[:RATE] == [400] * RATE
    assert set(statuses[RATE:]) == {429}, statuses


def _workers(log: list[str]) -> set[str]:
    """The process ids of the workers that answered, from gunicorn's access log."""
    return {match.group(1) for line in log if (match := re.search(r"worker <?(\d+)>? ", line))}
