"""The gap log's costs: what logging a gap and a vote adds to an answer, what the background
write costs per row, and how long `/pmpo gaps` takes at 100k logged questions.

Run alone: .venv/bin/python -m bench.gaps

Per backend (SQLite in a temp directory; PostgreSQL 15 from a throwaway cluster on loopback,
tests/pg.py, when its binaries are installed):
- ack path: `GapLog.asked()` / `GapLog.vote()` as a listener calls them (normalise, queue);
- write: one queued gap or vote written and committed on its own (the worst case: the writer
  batches whatever queued meanwhile into one transaction);
- report: `GapLog.report()` (SQL aggregation + grouping) over 100k gap rows from 20k distinct
  phrasings with Zipf-like repetition, the words drawn from the question set.
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import ROOT, load_questions, percentile
from bot.answer import Answer, Suggestion
from bot.db.gaplog import GapLog, write
from bot.gaps.privacy import Privacy

SAMPLES = 2000
ROWS = 100_000
DISTINCT = 20_000
DECLINED = Answer(
    kind="none",
    answered=False,
    title="Not sure",
    verdict="…",
    matched=("lunch",),
    suggestions=(Suggestion("compare", "Compare", "compare"),),
)


def _timed(fn: Any, n: int) -> list[float]:
    out = []
    for i in range(n):
        started = time.perf_counter()
        fn(i)
        out.append((time.perf_counter() - started) * 1000)
    return out


def _stats(ms: list[float]) -> dict[str, float]:
    return {"p50": percentile(ms, 50), "p99": percentile(ms, 99), "n": len(ms)}


def _phrasings(rng: random.Random) -> list[str]:
    words = sorted(
        {
            w
            for item in load_questions(ROOT / "tests" / "questions" / "questions.yml")
            for w in item["q"].lower().replace("?", "").split()
            if w.isalpha()
        }
    )
    return [" ".join(rng.sample(words, rng.randint(3, 7))) for _ in range(DISTINCT)]


def measure(url: str, state: Path) -> dict[str, Any]:
    log = GapLog(url, state, Privacy(), salt="bench")
    rng = random.Random(7)
    questions = _phrasings(rng)
    # ack path: what a listener pays (the writer thread runs meanwhile, as in the server)
    ack_gap = _timed(lambda i: log.asked(DECLINED, questions[i], "command"), SAMPLES)
    ack_vote = _timed(
        lambda i: log.vote(
            answer_key=f"a{i}",
            user_id="U0BENCH",
            helpful=bool(i % 2),
            entry_id="owns-roadmap",
            question=questions[i],
            surface="command",
        ),
        SAMPLES,
    )
    log.flush(60)

    def one(op: str, payload: dict[str, Any]) -> None:
        with log.connection() as conn:
            write(conn, [(op, payload)])
            conn.commit()

    now = time.time()
    gap_row = {
        "kind": "declined",
        "entry_id": "compare",
        "did": "declined; suggested compare",
        "matched": "",
        "surface": "command",
    }
    write_gap = _timed(lambda i: one("gap", {**gap_row, "at": now, "question": questions[i]}), 500)
    write_vote = _timed(
        lambda i: one(
            "vote",
            {
                "vote_key": f"k{i}",
                "entry_id": "owns-roadmap",
                "helpful": False,
                "at": now,
                "question": questions[i],
                "matched": "",
                "surface": "command",
            },
        ),
        500,
    )

    log.purge()
    weights = [1 / (r + 1) for r in range(DISTINCT)]
    picks = rng.choices(range(DISTINCT), weights=weights, k=ROWS)
    rows = [
        {**gap_row, "at": now - (i % 30) * 86_400, "question": questions[p]}
        for i, p in enumerate(picks)
    ]
    with log.connection() as conn:
        from bot.db.schema import gaps

        for start in range(0, ROWS, 10_000):
            conn.execute(gaps.insert(), rows[start : start + 10_000])
        conn.commit()
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        report = log.report()
        runs.append(time.perf_counter() - started)
    log.close()
    return {
        "ack_gap": _stats(ack_gap),
        "ack_vote": _stats(ack_vote),
        "write_gap": _stats(write_gap),
        "write_vote": _stats(write_vote),
        "report_s": sorted(runs)[1],
        "report_rows": report.logged,
        "report_groups": len(report.groups),
    }


def run() -> dict[str, Any]:
    out: dict[str, Any] = {"rows": ROWS, "distinct": DISTINCT, "backends": {}}
    with tempfile.TemporaryDirectory(prefix="pmpo-bench-gaps-") as tmp:
        state = Path(tmp)
        out["backends"]["SQLite"] = measure(f"sqlite:///{state / 'bench.sqlite3'}", state)
        try:
            from tests.pg import PostgresCluster

            cluster = PostgresCluster()
        except RuntimeError as exc:
            out["postgres_skipped"] = str(exc)
            return out
        try:
            out["backends"]["PostgreSQL"] = measure(cluster.new_database(), state / "pg")
        finally:
            cluster.destroy()
    return out


def summary_lines(g: dict[str, Any]) -> list[str]:
    lines = []
    for name, b in g["backends"].items():
        lines.append(
            f"  {name}: ack path gap p99 {b['ack_gap']['p99']:.3f} ms, vote p99 "
            f"{b['ack_vote']['p99']:.3f} ms; write gap p99 {b['write_gap']['p99']:.2f} ms, vote "
            f"p99 {b['write_vote']['p99']:.2f} ms; /pmpo gaps at {b['report_rows']:,} rows "
            f"{b['report_s'] * 1000:.0f} ms ({b['report_groups']:,} groups)"
        )
    return lines


def report_lines(g: dict[str, Any]) -> list[str]:
    lines = [
        "",
        "## The gap log",
        "",
        "What logging costs an answer (the ack path: normalise and queue) and the background "
        "write (one row written and committed alone, the worst case), "
        f"{SAMPLES} and 500 samples; then `/pmpo gaps` (query + grouping) over "
        f"{g['rows']:,} gap rows from {g['distinct']:,} phrasings (bench/gaps.py).",
        "",
        "| backend | ack: gap p50 / p99 ms | ack: vote p50 / p99 ms | write: gap p50 / p99 ms "
        "| write: vote p50 / p99 ms | /pmpo gaps at 100k (median of 3) |",
        "|---|---|---|---|---|---|",
    ]
    for name, b in g["backends"].items():
        cells = [
            f"{b[k]['p50']:.3f} / {b[k]['p99']:.3f}"
            for k in ("ack_gap", "ack_vote", "write_gap", "write_vote")
        ]
        lines.append(
            f"| {name} | " + " | ".join(cells) + f" | {b['report_s'] * 1000:.0f} ms, "
            f"{b['report_groups']:,} groups |"
        )
    if "postgres_skipped" in g:
        lines.append(f"\nPostgreSQL not measured: {g['postgres_skipped']}.")
    return lines


if __name__ == "__main__":
    print("\n".join(summary_lines(run())))
