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


def in_process(rounds: int = 20) -> dict[str, float]:
    result = load_dir(ROOT / "knowledge")
    assert result.kb is not None
    index = Index(result.kb)
    qs = questions()
    for q in qs:  # warm caches (stems, typo repairs) as a running bot would have them
        answer_text(index, q)
    timings: list[float] = []
    started = time.perf_counter()
    for _ in range(rounds):
        for q in qs:
            t0 = time.perf_counter()
            answer_text(index, q)
            timings.append(time.perf_counter() - t0)
    elapsed = time.perf_counter() - started
    return {
        "questions": len(qs) * rounds,
        "answers_per_s": len(timings) / elapsed,
        "p50_ms": percentile(timings, 50) * 1000,
        "p99_ms": percentile(timings, 99) * 1000,
        "entries": len(result.kb.entries),
    }


def cold_ask(runs: int = 10) -> dict[str, float]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    pmpo = [sys.executable, "-m", "bot.cli", "ask", "--json", "who writes acceptance criteria?"]
    walls = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(pmpo, check=True, capture_output=True, env=env, cwd=ROOT)
        walls.append(time.perf_counter() - t0)
    return {"runs": runs, "median_ms": statistics.median(walls) * 1000, "max_ms": max(walls) * 1000}


def main() -> None:
    speed = in_process()
    cold = cold_ask()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {speed['entries']} entries")
    print(
        f"matcher in-process: {speed['questions']} answers, {speed['answers_per_s']:.0f} answers/s, "
        f"p50 {speed['p50_ms']:.3f} ms, p99 {speed['p99_ms']:.3f} ms"
    )
    print(f"cold `pmpo ask`: median {cold['median_ms']:.0f} ms, max {cold['max_ms']:.0f} ms "
          f"over {cold['runs']} runs")


if __name__ == "__main__":
    main()
