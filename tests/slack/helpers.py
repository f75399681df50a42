"""Helpers for the Slack tests: signed requests, payload builders, a running `web:` server,
and a checker for Slack's message limits."""

from __future__ import annotations

import hashlib
import hmac
import http.client
import itertools
import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

ROOT = Path(__file__).resolve().parents[2]
SIGNING_SECRET = "0123456789abcdef0123456789abcdef"
BOT_TOKEN = "xoxb-1111-2222-testtokentesttoken"
ADMIN_ID = "UADMIN1"


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def json(self) -> Any:
        return json.loads(self.body)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request(
    base: str, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
) -> Response:
    host, port = base.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=15)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return Response(resp.status, dict(resp.getheaders()), resp.read())
    finally:
        conn.close()


def sign(body: bytes | str, timestamp: int | None = None, secret: str = SIGNING_SECRET) -> dict:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    data = body if isinstance(body, bytes) else body.encode()
    # Slack's v0 scheme over the raw bytes (SignatureVerifier does the same on text bodies)
    digest = hmac.new(secret.encode(), b"v0:" + ts.encode() + b":" + data, hashlib.sha256)
    signature = "v0=" + digest.hexdigest()
    if isinstance(body, str):
        assert signature == SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature}


def signed_post(
    base: str,
    path: str,
    body: bytes | str,
    content_type: str,
    *,
    timestamp: int | None = None,
    secret: str = SIGNING_SECRET,
    headers: dict[str, str] | None = None,
) -> Response:
    data = body.encode() if isinstance(body, str) else body
    all_headers = {"Content-Type": content_type, **sign(data, timestamp, secret), **(headers or {})}
    return request(base, "POST", path, data, all_headers)


# -- payloads -------------------------------------------------------------------------------


def command_body(
    text: str,
    *,
    user_id: str = "U0USER1",
    channel_id: str = "C0CHAN1",
    response_url: str = "http://127.0.0.1:9/response/none",
    trigger_id: str = "1337.42.abcd",
) -> str:
    return urlencode(
        {
            "token": "legacy-unused",
            "team_id": "T0TEST",
            "team_domain": "pmpo-test",
            "channel_id": channel_id,
            "channel_name": "general",
            "user_id": user_id,
            "user_name": user_id.lower(),
            "command": "/pmpo",
            "text": text,
            "api_app_id": "A0PMPO",
            "response_url": response_url,
            "trigger_id": trigger_id,
        }
    )


_EVENT_IDS = iter(range(10**6))


_TS_SEQ = itertools.count()


def new_ts() -> str:
    """A message timestamp unique in this test run: the duplicate filter keys on it, so two
    threads must never mint the same one (a clock reading alone can repeat)."""
    return f"{int(time.time())}.{next(_TS_SEQ) % 10**6:06d}"


def event_body(event: dict[str, Any], event_id: str | None = None) -> str:
    event.setdefault("event_ts", event.get("ts", new_ts()))
    return json.dumps(
        {
            "token": "legacy-unused",
            "team_id": "T0TEST",
            "api_app_id": "A0PMPO",
            "event": event,
            "type": "event_callback",
            "event_id": event_id or f"Ev{time.time_ns()}{next(_EVENT_IDS)}",
            "event_time": int(time.time()),
            "authorizations": [
                {"team_id": "T0TEST", "user_id": "UBOT", "is_bot": True, "enterprise_id": None}
            ],
        }
    )


def mention(text: str, *, channel: str = "C0CHAN1", user: str = "U0USER1", **extra: Any) -> dict:
    return {
        "type": "app_mention",
        "user": user,
        "text": text,
        "ts": new_ts(),
        "channel": channel,
        **extra,
    }


def dm(text: str, *, channel: str = "D0DM0001", user: str = "U0USER1", **extra: Any) -> dict:
    return {
        "type": "message",
        "channel_type": "im",
        "user": user,
        "text": text,
        "ts": new_ts(),
        "channel": channel,
        **extra,
    }


def interactive_body(payload: dict[str, Any]) -> str:
    return urlencode({"payload": json.dumps(payload)})


def share_payload(value: str, response_url: str, user_id: str = "U0USER2") -> dict[str, Any]:
    return {
        "type": "block_actions",
        "team": {"id": "T0TEST", "domain": "pmpo-test"},
        "user": {"id": user_id, "username": "sharer", "team_id": "T0TEST"},
        "api_app_id": "A0PMPO",
        "token": "legacy-unused",
        "container": {"type": "message", "message_ts": "1700000000.000001", "is_ephemeral": True},
        "trigger_id": "1337.43.abcd",
        "channel": {"id": "C0CHAN1", "name": "general"},
        "response_url": response_url,
        "actions": [
            {
                "action_id": "pmpo_share",
                "block_id": "pmpo_share",
                "text": {"type": "plain_text", "text": "Share in channel"},
                "value": value,
                "type": "button",
                "action_ts": "1700000000.000002",
            }
        ],
    }


# -- Slack limits ---------------------------------------------------------------------------


def assert_fits_slack(message: dict[str, Any]) -> None:
    """Fail if Slack would reject `message` (blocks + text) for size or shape."""
    blocks = message.get("blocks") or []
    assert len(blocks) <= 50, f"{len(blocks)} blocks"
    assert len(message.get("text") or "") <= 3000
    for block in blocks:
        kind = block["type"]
        if kind == "header":
            assert block["text"]["type"] == "plain_text"
            assert 0 < _u16(block["text"]["text"]) <= 150
        elif kind == "section":
            assert "text" in block or "fields" in block
            if "text" in block:
                assert 0 < _u16(block["text"]["text"]) <= 3000
            fields = block.get("fields") or []
            assert len(fields) <= 10
            for f in fields:
                assert 0 < _u16(f["text"]) <= 2000
        elif kind == "context":
            assert 0 < len(block["elements"]) <= 10
            for e in block["elements"]:
                assert 0 < _u16(e["text"]) <= 3000
        elif kind == "actions":
            assert 0 < len(block["elements"]) <= 25
            for e in block["elements"]:
                assert _u16(e["text"]["text"]) <= 75
                assert len(e.get("value", "")) <= 2000
        else:
            raise AssertionError(f"unexpected block type {kind}")


def _u16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


LIVE_MARKUP = ("<!channel>", "<!here>", "<!everyone>", "<@U123>", "@here", "@channel")


def assert_no_live_markup(text: str) -> None:
    for token in LIVE_MARKUP:
        assert token not in text, f"live markup {token!r} in {text[:200]!r}"


# -- a real `web:` server -------------------------------------------------------------------


def gunicorn_argv(port: int, workers: int = 2) -> list[str]:
    """The Procfile's `web:` command, bound to 127.0.0.1:`port`."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "-c",
        str(ROOT / "bot" / "gunicorn_conf.py"),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "bot.web:create_asgi_app()",
    ]


class WebServer:
    """`gunicorn -c bot/gunicorn_conf.py 'bot.web:create_asgi_app()'` on a loopback port."""

    def __init__(self, env: dict[str, str], log_path: Path, workers: int = 2) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self._log = open(log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            gunicorn_argv(self.port, workers),
            cwd=ROOT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        self._wait_ready()

    def _wait_ready(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.log_path.read_text()[-3000:]}")
            try:
                if request(self.base, "GET", "/healthz").status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"gunicorn not ready:\n{self.log_path.read_text()[-3000:]}")

    def log_text(self) -> str:
        self._log.flush()
        return self.log_path.read_text(errors="replace")

    def wait_log(self, needle: str, timeout: float = 5.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.log_text()
            if needle in text:
                return text
            time.sleep(0.05)
        raise AssertionError(f"{needle!r} not in server log:\n{self.log_text()[-3000:]}")

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=25)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()
        return self.proc.returncode


def server_env(api_url: str, kb_dir: Path, state_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "PMPO_"))}
    env.update(
        {
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_APP_TOKEN": "",
            "SLACK_API_URL": api_url,
            "PMPO_KNOWLEDGE_DIR": str(kb_dir),
            "PMPO_STATE_DIR": str(state_dir),
            "PMPO_ADMINS": ADMIN_ID,
            "LOG_LEVEL": "INFO",
            "PYTHONUNBUFFERED": "1",
            "WEB_CONCURRENCY": "2",
        }
    )
    env.update(extra)
    return env
