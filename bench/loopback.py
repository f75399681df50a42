"""The `web:` server over loopback: start-up time to a healthy `/healthz`, then signed `/pmpo`
slash commands at concurrency 1, 8 and 32.

Run alone: .venv/bin/python -m bench.loopback

The server is the Procfile's `web:` command (gunicorn with bot/gunicorn_conf.py, 2 asyncio
workers with 8 ack threads each, as configured there), bound to a free 127.0.0.1 port, with
SLACK_API_URL pointed at the fake Slack Web API from tests/slack/fake_slack.py (also on
127.0.0.1). Request load comes from bench/slack_ack.py (`level`: a thread pool, one signed
request per connection, 15 s timeout per request; an error is a non-200 or an ack without
blocks). Every loop is bounded: a fixed number of requests per level, and a deadline on
start-up.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import KNOWLEDGE, ROOT
from tests.slack.fake_slack import FakeSlack
from tests.slack.helpers import WebServer, free_port, request, server_env

LEVELS = (1, 8, 32)
REQUESTS = 400
STARTS = 3
START_DEADLINE_S = 60.0


def procfile_web() -> list[str]:
    """The Procfile's `web:` command, with gunicorn run from this interpreter's venv."""
    for line in (ROOT / "Procfile").read_text(encoding="utf-8").splitlines():
        if line.startswith("web:"):
            cmd = shlex.split(line.split(":", 1)[1])
            if cmd[0] == "gunicorn":
                cmd = [sys.executable, "-m", "gunicorn", *cmd[1:]]
            return cmd
    raise RuntimeError("Procfile has no web: line")


class Server(WebServer):
    """The Procfile's exact `web:` line, timed to its first healthy `/healthz`; stopping is
    the test helper's (SIGTERM, then kill after 25 s)."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self._log = open(log, "ab")  # noqa: SIM115 - closed in stop()
        self.log_path = log
        cmd = [*procfile_web(), "--bind", f"127.0.0.1:{self.port}"]
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT
        )
        self.healthy_after = self._wait_healthy()

    def _wait_healthy(self) -> float:
        deadline = self.started + START_DEADLINE_S
        while time.perf_counter() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"web: exited\n{self.log_path.read_text()[-2000:]}")
            try:
                if request(self.base, "GET", "/healthz").status == 200:
                    return time.perf_counter() - self.started
            except OSError:
                pass
            time.sleep(0.01)
        self.stop()
        raise RuntimeError(f"web: not healthy in {START_DEADLINE_S} s")


def run(levels: tuple[int, ...] = LEVELS, requests: int = REQUESTS) -> dict[str, Any]:
    from bench.slack_ack import level, one

    started = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="pmpo-bench-web-"))
    fake = FakeSlack().start()
    shutil.copytree(KNOWLEDGE, tmp / "kb")
    env = server_env(fake.api_url, tmp / "kb", tmp / "state", LOG_LEVEL="WARNING")
    log = tmp / "server.log"
    starts: list[float] = []
    rows: list[dict[str, Any]] = []
    server = None
    try:
        for i in range(STARTS):
            server = Server(env, log)
            starts.append(server.healthy_after)
            if i < STARTS - 1:
                server.stop()
        assert server is not None
        for i in range(40):  # warm-up: imports, auth.test, matcher caches in every worker
            one(server.base, i)
        for c in levels:
            rows.append(level(server.base, c, requests))
    finally:
        if server is not None:
            server.stop()
        fake.stop()
        text = log.read_text(errors="replace") if log.exists() else ""
        shutil.rmtree(tmp, ignore_errors=True)
    return {
        "command": " ".join(procfile_web()[2:]),
        "starts": starts,
        "start_median_s": sorted(starts)[len(starts) // 2],
        "start_max_s": max(starts),
        "levels": rows,
        "tracebacks_in_log": text.count("Traceback"),
        "seconds": time.perf_counter() - started,
    }


def summary_lines(result: dict[str, Any]) -> list[str]:
    lines = [
        f"  web: start to healthy /healthz: median {result['start_median_s'] * 1000:.0f} ms, "
        f"max {result['start_max_s'] * 1000:.0f} ms over {len(result['starts'])} starts"
    ]
    for r in result["levels"]:
        lines.append(
            f"  /pmpo concurrency {r['concurrency']:>2}: {r['requests']} requests, "
            f"p50 {r['p50']:.1f} ms, p99 {r['p99']:.1f} ms, {r['rps']:.0f} req/s, "
            f"errors {r['errors']}"
        )
    return lines


def main() -> None:
    result = run()
    print("\n".join(summary_lines(result)))
    print(f"loopback benchmark: {result['seconds']:.1f} s")


if __name__ == "__main__":
    main()
