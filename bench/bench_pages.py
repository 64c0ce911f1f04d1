"""Benchmark of the pages under gunicorn: requests a second of each page against a hello-world
view served by the same gunicorn with the portal's middleware, measured in the same run.

Each page alternates with hello-world (the machine may be shared): each round's share is taken
against the hello-world run just before it, and the median of the rounds is reported. The
database is a throw-away one: an SQLite file in a temporary directory, or, when DATABASE_URL is
set, a new PostgreSQL database beside the configured one (`<name>_bench_pages`, dropped at the
end). Both standards are loaded (the NYS one twice, so that the diff page has two versions),
then N applicants are imported for the officers' queue. gunicorn (2 workers, DEBUG off) and the
load generator (wrk, `apt-get install wrk`) run on 127.0.0.1 only, for a fixed time.

    .venv/bin/python bench/bench_pages.py [--seconds 2] [--rounds 5] [--count 10000]
        [--only check,api]

The last line is `pages: standards_min_share=… check_share=… search_share=… api_share=…
queue_share=…`, each a fraction of hello-world's requests a second; the line before it, `by
CPU: …`, gives the same shares from the gunicorn workers' CPU time per request (hello-world's
over the page's), which other programs on a shared machine do not inflate.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_import import generate_csv  # noqa: E402

SETTINGS = "bench.pages_settings"
HELLO = "/bench-hello/"
NYS = "nys-call-center-representative"
UNI = "university-call-center"
CHUNK = 2000


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    group: str  # standards | search | check | api | queue | hello
    method: str = "GET"
    signed_in: bool = False


PAGES = [
    Page("standards list", "/standards/", "standards"),
    Page("series", f"/standards/{NYS}/", "standards"),
    Page("series full text", f"/standards/{NYS}/full-text/", "standards"),
    Page("level", f"/standards/{UNI}/levels/representative-2/", "standards"),
    Page(
        "compare 3 levels",
        f"/standards/compare/?level={NYS}/1&level={NYS}/2&level={UNI}/operator",
        "standards",
    ),
    Page("ladder", f"/standards/{NYS}/ladder/", "standards"),
    Page("versions", f"/standards/{NYS}/versions/", "standards"),
    Page("diff", f"/standards/{NYS}/diff/", "standards"),
    Page("search “pager”", "/standards/search/?q=pager", "search"),
    Page("/check/ GET", "/check/", "check"),
    Page("POST /api/v1/screenings", "/api/v1/screenings", "api", method="POST"),
    Page("officers' queue", "/officer/applicants/", "queue", signed_in=True),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=2, help="measured time per run")
    parser.add_argument("--rounds", type=int, default=5, help="runs of each page and hello")
    parser.add_argument("--warmup", type=int, default=1, help="unmeasured time per page")
    parser.add_argument("--count", type=int, default=10000, help="applicants in the queue")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated groups to measure (standards,search,check,api,queue); all if empty",
    )
    args = parser.parse_args()
    if args.only:
        groups = set(args.only.split(","))
        PAGES[:] = [page for page in PAGES if page.group in groups]
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install -y wrk")
    workdir = tempfile.TemporaryDirectory(prefix="bench-pages-")
    database = _throwaway_database()
    env = _environment(workdir.name, database)
    os.environ.update(env)
    if database is None:
        os.environ.pop("DATABASE_URL", None)
    try:
        cookie, queries = _prepare(args.count)
        rates, hellos, shares, cpu_shares = _measure(env, workdir.name, cookie, args)
    finally:
        _drop_database(database)
        workdir.cleanup()
    _report(rates, hellos, shares, cpu_shares, queries)
    return 0


def _environment(workdir: str, database: str | None) -> dict:
    env = {
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "PORTAL_VAR_DIR": workdir,
        "DEBUG": "false",
        "LOG_LEVEL": "WARNING",
        "API_ANON_RATE": "100000000/second",  # the throttle stays on the path, never trips
        "PYTHONPATH": str(ROOT),
    }
    if database:
        env["DATABASE_URL"] = database
    return env


def _throwaway_database() -> str | None:
    """A new PostgreSQL database beside DATABASE_URL's (None: SQLite in the temp dir)."""
    configured = os.environ.get("DATABASE_URL")
    if not configured:
        return None
    import psycopg2

    parts = urlsplit(configured)
    name = parts.path.lstrip("/") + "_bench_pages"
    with _admin_connection(configured) as connection, connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    assert psycopg2
    return urlunsplit(parts._replace(path="/" + name))


class _admin_connection:
    """An autocommit connection to the server's `postgres` database."""

    def __init__(self, url: str):
        self.url = urlunsplit(urlsplit(url)._replace(path="/postgres"))

    def __enter__(self):
        import psycopg2

        self.connection = psycopg2.connect(self.url)
        self.connection.autocommit = True
        return self.connection

    def __exit__(self, *exc):
        self.connection.close()


def _drop_database(url: str | None) -> None:
    if not url:
        return
    from django.db import connections

    connections.close_all()
    name = urlsplit(url).path.lstrip("/")
    with _admin_connection(url) as connection, connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _prepare(count: int) -> tuple[str, dict[str, int]]:
    """Migrate, load the standards, import applicants; an officer's session cookie and each
    page's SQL queries per request (warm, through Django's test client)."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_series", verbosity=0, stdout=io.StringIO())
    _second_nys_version()
    _import_applicants(count)
    cookie = _officer_cookie()
    return cookie, _query_counts(cookie)


def _second_nys_version() -> None:
    import datetime

    from django.conf import settings
    from django.utils import timezone

    from classification.services import series_load
    from classification.standard_file import load_standard_file, parse_standard

    standard = load_standard_file(settings.SERIES_DATA_DIR / f"{NYS}.yaml")
    document = standard.to_document()
    document["levels"][0]["duties"].append("A duty added in version 2 (benchmark).")
    edited = parse_standard(document, source="bench")
    series_load(standard=edited, created_at=timezone.now() + datetime.timedelta(seconds=1))


def _import_applicants(count: int) -> None:
    from screening.importers import applicants_import

    started = time.perf_counter()
    for chunk in range(0, count, CHUNK):
        text = generate_csv(min(CHUNK, count - chunk), seed=chunk, prefix=f"P{chunk}")
        report = applicants_import(upload=text.encode(), kind="csv", by=None)
        if not report.ok:
            raise SystemExit(f"import refused: {report.errors[:5]}")
    print(f"{count} applicants imported in {time.perf_counter() - started:.1f} s", flush=True)


def _officer_cookie() -> str:
    from django.conf import settings
    from django.contrib.auth.models import Group, User
    from django.test import Client

    from portal.roles import PLACEMENT_OFFICER

    officer = User.objects.create_user("bench-officer")
    officer.groups.add(Group.objects.get_or_create(name=PLACEMENT_OFFICER)[0])
    client = Client()
    client.force_login(officer)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def _profile_body() -> bytes:
    return (ROOT / "tests/fixtures/profiles/dana.json").read_bytes()


def _query_counts(cookie: str) -> dict[str, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for page in PAGES:
        client = Client()
        if page.signed_in:
            name, _, value = cookie.partition("=")
            client.cookies[name] = value
        for _ in range(2):  # the second request is the warm one
            with CaptureQueriesContext(connection) as captured:
                if page.method == "POST":
                    response = client.post(
                        page.path, _profile_body(), content_type="application/json"
                    )
                else:
                    response = client.get(page.path)
            assert response.status_code == 200, (page.path, response.status_code)
        counts[page.name] = len(captured)
    return counts


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _measure(env: dict, workdir: str, cookie: str, args) -> dict[str, float]:
    from django.db import connections

    connections.close_all()
    port = _free_port()
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "portal.wsgi:application",
            f"--workers={args.workers}",
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=os.environ | env,
    )
    try:
        _wait_for(port)
        base = f"http://127.0.0.1:{port}"
        post = Path(workdir) / "post.lua"
        post.write_text(_post_script())
        rates, hellos, shares, cpu_shares = {}, {}, {}, {}
        for page in PAGES:
            headers = ["-H", f"Cookie: {cookie}"] if page.signed_in else []
            script = ["-s", str(post)] if page.method == "POST" else []
            _wrk(base + page.path, args.warmup, headers + script)  # warm, not measured
            # The machine is shared: the page and hello-world alternate, each round's share
            # is taken against its own hello-world figure, and the median round reported.
            # The workers' CPU time per request is measured too: other programs on the
            # machine slow every request down, but do not add to that.
            rounds = []
            for _ in range(args.rounds):
                _drain(base)
                hello = _wrk_cpu(base + HELLO, args.seconds, server.pid)
                _drain(base)
                rate = _wrk_cpu(base + page.path, args.seconds, server.pid, headers + script)
                if hello[0]:  # 0: the machine stalled the whole run; the round says nothing
                    rounds.append((rate, hello))
            _drain(base)
            rates[page.name] = statistics.median(rate for (rate, _), _ in rounds)
            hellos[page.name] = statistics.median(hello for _, (hello, _) in rounds)
            shares[page.name] = statistics.median(r / h for (r, _), (h, _) in rounds)
            cpu_shares[page.name] = statistics.median(h / r for (_, r), (_, h) in rounds)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return rates, hellos, shares, cpu_shares


def _wrk_cpu(url, seconds, master: int, extra=()) -> tuple[float, float]:
    """Requests a second of `url`, and the gunicorn workers' CPU seconds per request."""
    before = _workers_cpu(master)
    rate, count = _wrk(url, seconds, extra)
    _drain(url.split("/", 3)[0] + "//" + url.split("/", 3)[2])
    return rate, (_workers_cpu(master) - before) / max(count, 1)


def _workers_cpu(master: int) -> float:
    """User and system CPU seconds of the master's children so far (from /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:  # the parent's pid
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def _post_script() -> str:
    body = _profile_body().decode().replace("\\", "\\\\").replace("]]", "] ]")
    return (
        'wrk.method = "POST"\n'
        'wrk.headers["Content-Type"] = "application/json"\n'
        f"wrk.body = [[{body}]]\n"
    )


def _drain(base: str) -> None:
    """Wait for the requests wrk left in flight (a slow page's) before the next run."""
    for _ in range(2):
        urllib.request.urlopen(base + HELLO, timeout=120).read()


def _wait_for(port: int) -> None:
    for _ in range(100):  # at most 20 s
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{HELLO}", timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer on 127.0.0.1")


def _wrk(url: str, seconds: int, extra=()) -> tuple[float, int]:
    """Requests a second of `url` over `seconds` (8 connections, 2 threads), and how many."""
    command = ["wrk", "-t2", "-c8", f"-d{seconds}s", "--timeout=30s", *extra, url]
    out = subprocess.run(command, capture_output=True, text=True).stdout
    if "Requests/sec" not in out or "Non-2xx or 3xx responses" in out:
        raise SystemExit(f"{url}: some answers were errors\n{out}")
    count = int(re.search(r"(\d+) requests in", out).group(1))
    return float(re.search(r"Requests/sec:\s*([\d.]+)", out).group(1)), count


def _report(rates: dict, hellos: dict, page_shares: dict, cpu_shares: dict, queries: dict):
    print(
        f"{'page':<28} {'requests/s':>11} {'hello-world':>12} {'share':>7} "
        f"{'CPU share':>10} {'queries':>8}"
    )
    shares: dict[str, list[float]] = {}
    by_cpu: dict[str, list[float]] = {}
    for page in PAGES:
        rate, hello, share = rates[page.name], hellos[page.name], page_shares[page.name]
        shares.setdefault(page.group, []).append(share)
        by_cpu.setdefault(page.group, []).append(cpu_shares[page.name])
        print(
            f"{page.name:<28} {rate:11.0f} {hello:12.0f} {share:7.1%} "
            f"{cpu_shares[page.name]:10.1%} {queries[page.name]:8d}"
        )
    print(f"by CPU: {_summary(by_cpu)}")
    print(f"pages: {_summary(shares)}")


def _summary(shares: dict[str, list[float]]) -> str:
    def figure(group: str, pick) -> str:
        return f"{pick(shares[group]):.3f}" if group in shares else "n/a"  # --only left it out

    return (
        f"standards_min_share={figure('standards', min)} "
        f"check_share={figure('check', _first)} search_share={figure('search', _first)} "
        f"api_share={figure('api', _first)} queue_share={figure('queue', _first)}"
    )


def _first(values: list[float]) -> float:
    return values[0]


if __name__ == "__main__":
    sys.exit(main())
