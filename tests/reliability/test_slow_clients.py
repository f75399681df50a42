"""Slow and idle clients through the real server: 150 connections that trickle their
headers or their body, one byte every 3 s, held for 30 s (each reconnects when the server
closes it), while `/healthz` and signed `/pmpo` keep answering within 1 s at p99.

gthread workers read headers in their threads: about 17 such clients stalled the server.
"""

from __future__ import annotations

import threading
import time

from tests.reliability.conftest import Served
from tests.reliability.slowclients import Trickle
from tests.slack.helpers import command_body, request, signed_post

SLOW_HEADERS = 100
SLOW_BODIES = 50
HOLD = 30.0


def test_slow_clients_do_not_stall_the_server(served: Served) -> None:
    trickle = Trickle(int(served.base.rsplit(":", 1)[1]), SLOW_HEADERS, SLOW_BODIES)
    thread = threading.Thread(target=trickle.run, daemon=True)
    thread.start()
    latencies: list[float] = []
    failures: list[str] = []
    started = time.monotonic()
    try:
        time.sleep(1.0)  # every slow connection open first
        i = 0
        while time.monotonic() - started < HOLD:
            t0 = time.perf_counter()
            if i % 2:
                resp = request(served.base, "GET", "/healthz")
                ok = resp.status == 200
            else:
                resp = signed_post(
                    served.base,
                    "/slack/events",
                    command_body("whois-owns backlog"),
                    "application/x-www-form-urlencoded",
                )
                ok = resp.status == 200 and "Product Owner" in resp.text
            latencies.append(time.perf_counter() - t0)
            if not ok:
                failures.append(f"{resp.status} {resp.text[:80]}")
            i += 1
            time.sleep(0.1)
    finally:
        trickle.stop.set()
        thread.join(timeout=10)
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99)]
    assert not failures, failures[:5]
    assert len(latencies) > 100
    assert p99 < 1.0, f"p99 {p99:.3f} s over {len(latencies)} requests"
    assert not trickle.errors, trickle.errors[:5]
    # the deadlines closed the slow connections, which came back: 150 held the whole time
    assert trickle.opened >= SLOW_HEADERS + SLOW_BODIES + trickle.closed_by_server - 1
    assert trickle.closed_by_server >= SLOW_HEADERS + SLOW_BODIES
    assert trickle.timeouts_408 >= SLOW_BODIES
    assert "Traceback" not in served.server.log_text()
