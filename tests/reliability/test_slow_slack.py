"""A slow Slack Web API never delays an ack: `chat.postMessage` and `response_url` stall 9 s
while 30 DMs and 20 slash commands (16 questions, 4 admin reloads) arrive at once. Every ack
is back within 2.5 s (Slack gives up at 3 s), and every reply still arrives, once.

Before: replies and acks shared one 16-thread pool per worker; `/pmpo` got 404 "unhandled
request" after 3.00 s. And the first request each process got waited for Bolt's auth.test.
"""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from slack_bolt.request import BoltRequest

from bot.listeners.lazy import LazyRunner, QueueFull, ReplyPool
from tests.reliability.conftest import LOGS, Served
from tests.reliability.corpus import fresh_kb
from tests.slack.fake_slack import FakeSlack
from tests.slack.helpers import (
    ADMIN_ID,
    WebServer,
    command_body,
    dm,
    event_body,
    server_env,
    signed_post,
)

FORM = "application/x-www-form-urlencoded"
STALL = 9.0
DMS = 30
QUESTIONS = 16
RELOADS = 4


def test_acks_do_not_wait_for_a_stalled_slack(served: Served, fake: FakeSlack) -> None:
    served.restore()
    fake.inject("chat.postMessage", "stall", times=DMS, seconds=STALL)
    fake.inject("response_url", "stall", times=RELOADS, seconds=STALL)
    requests: list[tuple[str, str, str]] = []
    for i in range(DMS):
        body = event_body(dm(f"who owns the backlog? ({i})", channel=f"D0SLOW{i:03d}"))
        requests.append(("dm", body, "application/json"))
    for _ in range(QUESTIONS):
        requests.append(("question", command_body("whois-owns roadmap"), FORM))
    for i in range(RELOADS):
        url = fake.response_url(f"slow-reload-{i}")
        requests.append(
            ("reload", command_body("reload", user_id=ADMIN_ID, response_url=url), FORM)
        )

    def send(item: tuple[str, str, str]) -> tuple[str, float, int, str]:
        kind, body, ctype = item
        started = time.perf_counter()
        resp = signed_post(served.base, "/slack/events", body, ctype)
        return kind, time.perf_counter() - started, resp.status, resp.text

    started = time.monotonic()
    with ThreadPoolExecutor(len(requests)) as pool:
        results = list(pool.map(send, requests))
    slowest = max(r[1] for r in results)
    assert slowest < 2.5, sorted(((round(r[1], 2), r[0]) for r in results), reverse=True)[:5]
    assert all(r[2] == 200 for r in results), [r for r in results if r[2] != 200][:3]
    answers = [r[3] for r in results if r[0] == "question"]
    assert all("Product Manager" in text for text in answers)

    posted = fake.wait_for("chat.postMessage", DMS, timeout=3 * STALL)
    reports = [
        fake.wait_for("response_url", _id=f"slow-reload-{i}", timeout=3 * STALL)
        for i in range(RELOADS)
    ]
    # every reply met the stall (the fake records a call when it arrives, then stalls it)
    assert not fake.faults.get("chat.postMessage") and not fake.faults.get("response_url")
    channels = sorted(call.params["channel"] for call in posted)
    assert channels == [f"D0SLOW{i:03d}" for i in range(DMS)]  # each DM answered once
    for report in reports:
        assert len(report) == 1 and "Knowledge base reloaded" in report[0].params["text"]
    time.sleep(max(0.0, started + STALL + 2.0 - time.monotonic()))
    # the stalls are over: no retry of a call that timed out, no apology trails in
    assert len(fake.calls_for("chat.postMessage")) == DMS
    assert len(fake.calls_for("response_url")) == RELOADS


def test_full_reply_pool_drops_with_a_logged_reason(caplog: pytest.LogCaptureFixture) -> None:
    """Past its bound the pool refuses work at once (the ack is never held), and the lazy
    runner logs which reply was dropped and why."""
    pool = ReplyPool(workers=1, queue=1)
    release = threading.Event()
    runner = LazyRunner(pool, lambda *args: None, logging.getLogger("test"))
    request = BoltRequest(body=command_body("reload"), mode="socket_mode")
    try:
        runner.start(lambda: release.wait(5), request)
        runner.start(lambda: release.wait(5), request)
        started = time.perf_counter()
        runner.start(lambda: release.wait(5), request)
        assert time.perf_counter() - started < 0.1
        with pytest.raises(QueueFull):
            pool.submit(print)
    finally:
        release.set()
        pool.shutdown()
    assert "reply dropped" in caplog.text and "2 replies already running or waiting" in caplog.text
    assert pool.peak == 2


def test_first_request_does_not_wait_for_auth_test(fake: FakeSlack, tmp_path: Path) -> None:
    """Bolt asks auth.test inside the first request a process gets; pmpo asks it in the
    background, so a fresh worker acks at once while Slack stalls."""
    fake.inject("auth.test", "stall", times=4, seconds=STALL)
    LOGS.append(tmp_path / "server.log")
    env = server_env(fake.api_url, fresh_kb(tmp_path / "kb"), tmp_path / "state")
    server = WebServer(env, tmp_path / "server.log", workers=1)
    try:
        started = time.perf_counter()
        resp = signed_post(server.base, "/slack/events", command_body("whois-owns roadmap"), FORM)
        took = time.perf_counter() - started
        assert fake.calls_for("auth.test")  # asked, and still stalled
    finally:
        server.stop()
    assert resp.status == 200 and "blocks" in resp.json()
    assert took < 2.5, took
