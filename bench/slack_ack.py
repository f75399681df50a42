"""Ack latency of signed `/pmpo` requests over loopback (a benchmark, not a test).

Starts the fake Slack Web API and the real `web:` server (gunicorn, 2 asyncio workers each
with 8 ack threads, as in production), then sends signed slash commands at concurrency 1, 8
and 32 and prints p50/p99 latency, requests/second and errors (non-200 or an ack without blocks).

    .venv/bin/python bench/slack_ack.py [--requests 300] [--workers 2]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.slack.fake_slack import FakeSlack  # noqa: E402
from tests.slack.helpers import WebServer, command_body, server_env, signed_post  # noqa: E402

QUESTIONS = [
    "whois-owns roadmap",
    "who writes acceptance criteria?",
    "compare",
    "define po",
    "whois-owns backlog",
    "who runs sprint planning?",
    "topics",
    "is the PO the same as a PM?",
]


def one(base: str, i: int) -> tuple[float, bool]:
    body = command_body(QUESTIONS[i % len(QUESTIONS)], user_id=f"U0BENCH{i % 50}")
    started = time.perf_counter()
    try:
        resp = signed_post(base, "/slack/events", body, "application/x-www-form-urlencoded")
        ok = resp.status == 200 and bool(resp.json().get("blocks"))
    except Exception:
        ok = False
    return time.perf_counter() - started, ok


def level(base: str, concurrency: int, count: int) -> dict[str, float]:
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(lambda i: one(base, i), range(count)))
    wall = time.perf_counter() - started
    latencies = sorted(r[0] for r in results)
    return {
        "concurrency": concurrency,
        "requests": count,
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
        "rps": count / wall,
        "errors": sum(1 for r in results if not r[1]),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    count = max(10, min(args.requests, 5000))

    tmp = Path(tempfile.mkdtemp(prefix="pmpo-bench-"))
    fake = FakeSlack().start()
    shutil.copytree(ROOT / "knowledge", tmp / "kb")
    server = WebServer(
        server_env(fake.api_url, tmp / "kb", tmp / "state", LOG_LEVEL="WARNING"),
        tmp / "server.log",
        workers=args.workers,
    )
    try:
        for i in range(40):  # warm-up: imports, auth.test, matcher caches in every worker
            one(server.base, i)
        rows = [level(server.base, c, count) for c in (1, 8, 32)]
    finally:
        server.stop()
        fake.stop()
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"signed /pmpo over loopback, gunicorn {args.workers} asyncio workers x 8 ack threads")
    heads = ("concurrency", "requests", "p50 ms", "p99 ms", "req/s", "errors")
    print(" ".join(f"{h:>{w}}" for h, w in zip(heads, (11, 8, 8, 8, 8, 6), strict=True)))
    for r in rows:
        print(
            f"{r['concurrency']:>11} {r['requests']:>8} {r['p50']:>8.1f} {r['p99']:>8.1f} "
            f"{r['rps']:>8.1f} {r['errors']:>6}"
        )
    return 1 if any(r["errors"] for r in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
