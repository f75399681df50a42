"""Shared helpers for the benchmark suite: paths, question sets, percentiles, machine facts."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "knowledge"
# The frozen real-question sets (issue 9), collected apart by people who never saw the matcher:
# only their totals are ever printed or written, and nothing may be tuned on them (no example
# harvested into knowledge/ may resemble one of their questions; bench/add_examples.py).
CHECK = ROOT / "bench" / "realq_check.yml"
FRESH2 = ROOT / "bench" / "realq_fresh2.yml"
FROZEN_SETS = (CHECK, FRESH2)
QUESTION_SETS = {
    "questions.yml (tuned set)": ROOT / "tests" / "questions" / "questions.yml",
    "questions_fresh.yml (never tuned)": ROOT / "bench" / "questions_fresh.yml",
}


def load_questions(path: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [{"q": str(item["q"]), "expect": item.get("expect")} for item in data["questions"]]


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (the same rule as bench/matcher_speed.py)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def md_table(headers: list[str], rows: list[list[Any]]) -> list[str]:
    """A Markdown table as lines, for docs/benchmarks.md."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    return lines + ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]


def rss_mb() -> float:
    """Resident set size of this process, from /proc (Linux), in MiB."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import psutil

    return psutil.Process().memory_info().rss / (1 << 20)


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine() -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu_model(),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
    }


def git_revision() -> str:
    try:
        rev = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "bot", "knowledge"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
        return rev + (" (bot/ or knowledge/ modified)" if dirty else "")
    except OSError:
        return "unknown"
