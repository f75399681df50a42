"""Graceful stop: SIGTERM lets work in flight finish, then the process exits 0, in both modes.

- `web:` (gunicorn): an admin's `/pmpo reload` is mid-way (users.info stalled for 3 s) when
  the server gets SIGTERM; the reload report still reaches the admin, and gunicorn exits 0.
- `worker:` (`pmpo run` with SLACK_APP_TOKEN): Socket Mode against a socket endpoint that
  never answers (the fake hands out a closed port); SIGTERM exits 0, quickly, no traceback.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tests.reliability.conftest import LOGS
from tests.reliability.corpus import fresh_kb
from tests.slack.fake_slack import FakeSlack
from tests.slack.helpers import (
    BOT_TOKEN,
    ROOT,
    WebServer,
    command_body,
    free_port,
    server_env,
    signed_post,
)

FORM = "application/x-www-form-urlencoded"


def test_sigterm_on_gunicorn_finishes_in_flight_work(fake: FakeSlack, tmp_path: Path) -> None:
    env = server_env(fake.api_url, fresh_kb(tmp_path / "kb"), tmp_path / "state")
    LOGS.append(tmp_path / "server.log")
    server = WebServer(env, tmp_path / "server.log", workers=1)
    try:
        fake.set_user("U0GRACEFUL", is_admin=True)
        fake.inject("users.info", "stall", seconds=3.0)
        body = command_body(
            "reload", user_id="U0GRACEFUL", response_url=fake.response_url("graceful")
        )
        assert signed_post(server.base, "/slack/events", body, FORM).status == 200
        assert fake.wait_for("users.info", user="U0GRACEFUL")  # in flight now
        stopped_at = time.time()
        server.proc.send_signal(signal.SIGTERM)
        code = server.proc.wait(timeout=25)
    finally:
        server.stop()
    log = (tmp_path / "server.log").read_text(errors="replace")
    assert code == 0, log[-2000:]
    posted = fake.calls_for("response_url", _id="graceful")
    assert len(posted) == 1, log[-2000:]
    assert posted[0].at > stopped_at  # the work finished after the signal, not before
    assert "Knowledge base reloaded" in posted[0].params["text"]
    assert "Traceback" not in log


class UnreachableSocket(FakeSlack):
    """apps.connections.open hands out a WebSocket URL on a port where nothing listens."""

    def __init__(self) -> None:
        super().__init__()
        self.ws_port = free_port()

    def _answer(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        if method == "apps.connections.open":
            return {"ok": True, "url": f"ws://127.0.0.1:{self.ws_port}/link/?ticket=x"}
        return super()._answer(method, params)


def test_sigterm_on_socket_mode_worker_exits_0(tmp_path: Path) -> None:
    fake = UnreachableSocket().start()
    try:
        env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": str(tmp_path),
            "PYTHONPATH": str(ROOT),
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_APP_TOKEN": "xapp-1-A0PMPO-1234-abcdef",
            "SLACK_API_URL": fake.api_url,
            "PMPO_KNOWLEDGE_DIR": str(fresh_kb(tmp_path / "kb")),
            "PMPO_STATE_DIR": str(tmp_path / "state"),
            "PYTHONUNBUFFERED": "1",
        }
        log = tmp_path / "worker.log"
        LOGS.append(log)
        pmpo = Path(sys.executable).with_name("pmpo")
        with open(log, "wb") as out:
            proc = subprocess.Popen(
                [str(pmpo), "run"], cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT
            )
            try:
                assert fake.wait_for("apps.connections.open", timeout=20), log.read_text()
                time.sleep(1.0)  # it tries the socket, fails, and keeps running
                assert proc.poll() is None, log.read_text()
                started = time.monotonic()
                proc.send_signal(signal.SIGTERM)
                code = proc.wait(timeout=20)
                took = time.monotonic() - started
            finally:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
    finally:
        fake.stop()
    text = log.read_text(errors="replace")
    assert code == 0, text[-2000:]
    assert took < 10, took
    assert "stopping: finishing in-flight requests" in text
    assert "Traceback" not in text
    assert "xapp-1-A0PMPO-1234-abcdef" not in text
