"""Benchmark (not a test): matcher throughput and latency in-process, and a cold `pmpo ask`.

Run: .venv/bin/python -m bench.matcher_speed
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

from bot.answering import answer_text
from bot.kb.loader import load_dir
from bot.matcher import Index

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "tests" / "questions" / "questions.yml"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def questions() -> list[str]:
    data = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    return [item["q"] for item in data["questions"]]


def in_process(use_matcher: bool, rounds: int = 20) -> dict[str, float]:
    """`use_matcher`: time `Index.match` alone; otherwise the whole answer path (grammar,
    advisor routing, the advisor itself for advice questions, building the Answer)."""
    result = load_dir(ROOT / "knowledge")
    assert result.kb is not None
    index = Index(result.kb)
    qs = questions()
    call = index.match if use_matcher else (lambda q: answer_text(index, q))
    for q in qs:  # warm caches (stems, typo repairs) as a running bot would have them
        call(q)
    timings: list[float] = []
    started = time.perf_counter()
    for _ in range(rounds):
        for q in qs:
            t0 = time.perf_counter()
            call(q)
            timings.append(time.perf_counter() - t0)
    elapsed = time.perf_counter() - started
    return {
        "questions": len(qs) * rounds,
        "answers_per_s": len(timings) / elapsed,
        "p50_ms": percentile(timings, 50) * 1000,
        "p99_ms": percentile(timings, 99) * 1000,
        "entries": len(result.kb.entries),
    }


def cold_ask(runs: int = 10, cache: bool = True) -> dict[str, float]:
    """A new process per run. With `cache`, the checked index comes from the on-disk cache
    (every run but the first after an edit); without, each run validates and indexes."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env["PMPO_CACHE"] = "1" if cache else "0"
    pmpo = [sys.executable, "-m", "bot.cli", "ask", "--json", "who writes acceptance criteria?"]
    walls = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(pmpo, check=True, capture_output=True, env=env, cwd=ROOT)
        walls.append(time.perf_counter() - t0)
    return {"runs": runs, "median_ms": statistics.median(walls) * 1000, "max_ms": max(walls) * 1000}


def main() -> None:
    matcher = in_process(use_matcher=True)
    full = in_process(use_matcher=False)
    cold = cold_ask()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {matcher['entries']} entries")
    for label, speed in (("matcher (Index.match)", matcher), ("full answer path", full)):
        print(
            f"{label}: {speed['questions']} questions, {speed['answers_per_s']:.0f} answers/s, "
            f"p50 {speed['p50_ms']:.3f} ms, p99 {speed['p99_ms']:.3f} ms"
        )
    for label, stats in (("cached index", cold), ("no cache", cold_ask(cache=False))):
        print(
            f"cold `pmpo ask` ({label}): median {stats['median_ms']:.0f} ms, "
            f"max {stats['max_ms']:.0f} ms over {stats['runs']} runs"
        )


if __name__ == "__main__":
    main()
