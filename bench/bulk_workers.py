"""Real `celery worker` processes for bench_bulk: started as an operator starts them, their
peak RSS sampled from /proc, killed with their pool."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class Workers:
    """`celery worker` processes started as an operator starts them; their peak RSS sampled."""

    def __init__(self, var_dir: str, batch_size: int | None):
        self.var_dir, self.processes, self.peaks = Path(var_dir), [], {}
        self.env = {**os.environ, "LOG_LEVEL": "WARNING"}
        if batch_size:
            self.env["REEVALUATION_BATCH_SIZE"] = str(batch_size)

    def start(self) -> None:
        number = len(self.processes)
        queue = os.environ["CELERY_QUEUE"]
        command = [
            sys.executable, "-m", "celery", "-A", "portal", "worker", "-Q", queue,
            "-n", f"{queue}-{number}@%h", "--concurrency=1", "--pool=prefork",
            "--loglevel=WARNING", "--without-gossip", "--without-mingle",
        ]  # fmt: skip
        log = open(self.var_dir / f"worker-{number}.log", "wb")  # noqa: SIM115
        self.processes.append(
            subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log, stderr=log)
        )

    def wait_ready(self, timeout: float = 120) -> None:
        """Until every worker answers a ping (its pool is up and consuming)."""
        from portal.celery import app

        names = {f"{os.environ['CELERY_QUEUE']}-{n}@" for n in range(len(self.processes))}
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            answered = {
                name.split("@")[0] + "@" for reply in app.control.ping(timeout=1) for name in reply
            }
            if names <= answered:
                return
        raise SystemExit(f"the workers did not start:\n{self.logs()}")

    def pids(self, process) -> list[int]:
        found = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(process.pid)], capture_output=True, text=True
        )
        return [process.pid, *(int(pid) for pid in found.stdout.split())]

    def sample(self) -> None:
        """Record each worker process's VmHWM (kB), the high-water mark of its RSS."""
        for number, process in enumerate(self.processes):
            if process.poll() is not None:
                continue
            for pid in self.pids(process):
                with contextlib.suppress(OSError):
                    status = Path(f"/proc/{pid}/status").read_text()
                    kb = int(status.split("VmHWM:")[1].split()[0])
                    key = (number, "main" if pid == process.pid else "child", pid)
                    self.peaks[key] = max(self.peaks.get(key, 0), kb)

    def stop(self, number: int | None = None) -> None:
        """Stop one worker (or all): sampled first, then killed with its pool."""
        self.sample()
        chosen = self.processes if number is None else [self.processes[number]]
        for process in chosen:
            for pid in reversed(self.pids(process)):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            process.wait(timeout=30)

    def logs(self) -> str:
        return "\n".join(p.read_text(errors="replace")[-3000:] for p in self.var_dir.glob("*.log"))
