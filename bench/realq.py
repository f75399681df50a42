"""Real questions (issue 9): pmpo against BM25 and MiniLM on questions people asked in public.

Run alone: .venv/bin/python -m bench.realq [--misses] [--no-write] [--skip-speed]
`make bench` (bench/run.py) runs it too and puts the same section into docs/benchmarks.md;
run alone, it replaces only the "Real questions" section of that file.

Three sets in realq format (q, intent, expect_any, expect_not, source; ../shared/realq/README.md):
  bench/realq.yml         the tuning set: studied and tuned on; `--misses` lists pmpo's misses
  bench/realq_check.yml   the frozen check set, collected before tuning
  bench/realq_fresh2.yml  a second frozen set, collected later from other public threads by
                          someone who never ran pmpo on it (bench/realq_fresh2_sources.md)
Of the two frozen sets only totals are ever printed or written; no question, answer or miss
from them, so they stay tests nobody has fitted the matcher to.

pmpo is asked through its real contract, one `pmpo ask --json` process fed every question on
stdin (as ../shared/tools/realq_score.py does), and every answer is judged by that script's
`judge` (bench/realq_judge.py, a verbatim copy, checked against the original when it is on
this machine) so the figures match what the issue's author measures. The
baselines answer with the best entry's full answer text from `pmpo kb export --json` and are
judged the same way; each gets the decline threshold that maximises its own right count on
each set, i.e. tuned on the very questions it is scored on, which flatters it; and once more
held to pmpo's own wrong-answer count, so the two are also compared at equal risk.
bench/realq_report.py turns the figures into the report and the targets.
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import inspect
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bench import quality
from bench.common import CHECK, FRESH2, ROOT, git_revision, percentile
from bench.realq_judge import ROLES, judge
from bench.realq_report import (
    OUTCOMES,
    REPORT,
    section,
    summary_lines,
    targets,
    write_section,
)
from bot.answer import ADVISOR_CHOICE

TUNING = ROOT / "bench" / "realq.yml"
# real questions collected fresh and then read (a development set, reported beside the frozen)
READ = ROOT / "bench" / "realq_read.yml"
# real team stories and near misses, for routing to the advisor (a development set: tuned on)
ADVICE_DEV = ROOT / "bench" / "advice_dev.yml"
ADVICE_STORIES = ROOT / "bench" / "advice_stories.yml"
SHARED_SCORER = ROOT.parent / "shared" / "tools" / "realq_score.py"

# -- judging: bench/realq_judge.py, a verbatim copy of the shared scorer's `judge` -----------


def judge_is_shared() -> bool | None:
    """Whether bench/realq_judge.py's `judge` and ROLES still read exactly as in the shared
    scorer (None when that file is not on this machine, e.g. in CI): they must never drift."""
    try:
        source = SHARED_SCORER.read_text(encoding="utf-8")
    except OSError:
        return None
    theirs = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef) and node.name == "judge":
            theirs["judge"] = ast.get_source_segment(source, node)
        elif isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "ROLES":
            theirs["roles"] = ast.literal_eval(node.value)
    return theirs.get("judge") == inspect.getsource(judge).strip() and theirs.get("roles") == ROLES


# -- sets and outcomes --------------------------------------------------------------------


def load_set(path: Path) -> list[dict[str, Any]]:
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(cases, list) or not all("q" in c for c in cases):
        raise SystemExit(f"{path}: expected a list of cases, each with a question `q`")
    return cases


def is_advice(case: dict[str, Any]) -> bool:
    return case.get("intent") == "advice"


@dataclass
class Tally:
    """One matcher's totals on one set; `right_each` (right or not, per question) stays in
    memory for McNemar and is never printed or written."""

    n: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    right_each: list[bool] = field(default_factory=list)
    threshold: float | None = None
    advice_routed: int | None = None
    advice_offered: int = 0  # advice questions asked back with the advisor among the choices
    offered_first: int = 0  # ask-backs whose first button is a right answer
    offered_any: int = 0  # ask-backs with a right answer among their buttons

    def add(self, outcome: str) -> None:
        self.n += 1
        self.counts[outcome] += 1
        self.right_each.append(outcome == "right")

    def pct(self, outcome: str) -> float:
        return 100 * self.counts[outcome] / self.n if self.n else 0.0

    def summary(self) -> dict[str, Any]:
        return {
            "n": self.n,
            **{o: self.counts[o] for o in OUTCOMES},
            "right_pct": self.pct("right"),
            "wrong_pct": self.pct("wrong"),
            "threshold": self.threshold,
            "advice_routed": self.advice_routed,
            "advice_offered": self.advice_offered,
            "offered_first": self.offered_first,
            "offered_any": self.offered_any,
        }


def right_answer(
    case: dict[str, Any], text: str, entry: str | None, kind: str | None = None
) -> bool:
    """Whether an answer is right. A set labelled with the entries that answer each question
    (`expect_entries`: only bench/realq_read.yml) is judged by them, for pmpo and the baselines
    alike: the shared judge's phrases can't recognise the advisor's answer to a team story
    (its label is the advisor, "advice", a word no answer contains) or a right entry worded
    otherwise. The other sets, the frozen ones included, keep the shared judge."""
    entries = case.get("expect_entries")
    if entries is None or case.get("intent") == "out_of_scope":
        return judge(case, True, text)
    if kind == "advice":
        return ADVISOR_CHOICE in entries
    return entry in entries


def pmpo_outcome(case: dict[str, Any], row: dict[str, Any]) -> str:
    answered = bool(row.get("answered"))
    if answered:
        right = right_answer(case, row.get("text") or "", row.get("id"), row.get("kind"))
        return "right" if right else "wrong"
    if judge(case, False, ""):
        return "right"
    return "ask_back" if row.get("kind") == "clarify" else "declined"


# -- pmpo through `pmpo ask` ----------------------------------------------------------------


def pmpo_command() -> list[str]:
    """The installed `pmpo` script beside this interpreter (what users run); else the module."""
    script = Path(sys.executable).with_name("pmpo")
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot.cli"]


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}


def ask_json(cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One `pmpo ask --json` process, one question a line on stdin, one JSON answer a line."""
    lines = "\n".join(c["q"].replace("\n", " ") for c in cases) + "\n"
    p = subprocess.run(
        [*pmpo_command(), "ask", "--json"],
        input=lines,
        capture_output=True,
        text=True,
        timeout=600,
        env=_env(),
        cwd=ROOT,
    )
    if p.returncode != 0:
        raise SystemExit(f"pmpo ask --json failed ({p.returncode}): {p.stderr[-500:]}")
    rows = [json.loads(line) for line in p.stdout.splitlines() if line.strip()]
    if len(rows) != len(cases):
        raise SystemExit(f"pmpo ask --json gave {len(rows)} answers for {len(cases)} questions")
    return rows


def cold_asks(cases: list[dict[str, Any]]) -> dict[str, Any]:
    """A fresh `pmpo ask QUESTION` process per question, after warm-up asks that leave the
    on-disk index cache in place; wall time from spawn to exit. The cache lives in a private
    directory for the run: `pmpo` drops every other cached index when it stores one, so other
    checkouts on a shared machine would otherwise evict ours mid-run.

    Python's bytecode cache is kept too (in the same private directory), as on a user's
    machine, where pip or the first run writes it: a shell that sets PYTHONDONTWRITEBYTECODE
    would otherwise make every ask recompile pmpo's modules from source (~25 ms, more for the
    advisor's)."""
    cmd = pmpo_command()
    walls: list[float] = []
    cpus: list[float] = []  # CPU time (user + system): less swayed by other users of the CPUs
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="pmpo-realq-cache-") as cache:
        env = {**_env(), "PMPO_CACHE": "1", "PMPO_CACHE_DIR": cache}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(cache) / "bytecode")
        for warm_up in ("who owns the roadmap?", "advise 4 squads, 40 engineers"):
            subprocess.run(
                [*cmd, "ask", warm_up], check=True, env=env, capture_output=True, cwd=ROOT
            )
        for case in cases:
            question = case["q"].replace("\n", " ")
            c0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            subprocess.run(
                [*cmd, "ask", question], check=True, env=env, capture_output=True, cwd=ROOT
            )
            walls.append((time.perf_counter() - t0) * 1000)
            c1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append((c1.ru_utime - c0.ru_utime + c1.ru_stime - c0.ru_stime) * 1000)
    return {
        "runs": len(walls),
        "command": " ".join(Path(c).name if i == 0 else c for i, c in enumerate(cmd)),
        "p50_ms": percentile(walls, 50),
        "p95_ms": percentile(walls, 95),
        "max_ms": max(walls),
        "cpu_p50_ms": percentile(cpus, 50),
        "cpu_p95_ms": percentile(cpus, 95),
        "load_before": load,
        "load_after": os.getloadavg()[0],
    }


# -- baselines -------------------------------------------------------------------------------


def baseline_tally(
    cases: list[dict[str, Any]],
    ranked: list[quality.Ranked],
    texts: dict[str, str],
    max_wrong: int | None = None,
) -> Tally:
    """Answer with the best entry's text when its score reaches the threshold that gives the
    most right answers on this set (ties: fewer wrong, then the higher threshold); a best entry
    that is itself a decline (an off-topic entry) declines at any threshold.

    With `max_wrong`, only thresholds that give at most that many wrong answers count: the
    baseline held to pmpo's own wrong-answer count, so the two are compared at the same risk
    (a baseline that may answer wrongly five times as often is not the same product)."""

    def outcomes(t: float) -> list[str]:
        out = []
        for case, r in zip(cases, ranked, strict=True):
            entry = r.answer(t)
            if entry is None:
                out.append("right" if judge(case, False, "") else "declined")
            else:
                out.append("right" if right_answer(case, texts[entry], entry) else "wrong")
        return out

    best: tuple[int, int, float] | None = None
    for t in sorted({r.score for r in ranked}) + [math.inf]:
        counts = Counter(outcomes(t))
        if max_wrong is not None and counts["wrong"] > max_wrong:
            continue
        key = (counts["right"], -counts["wrong"], t)
        if best is None or key > best:
            best = key
    assert best is not None
    tally = Tally(threshold=best[2])
    for outcome in outcomes(tally.threshold):
        tally.add(outcome)
    return tally


# -- significance ----------------------------------------------------------------------------


def mcnemar_exact(a: list[bool], b: list[bool]) -> tuple[int, int, float]:
    """Exact McNemar test on paired right/not-right: the two-sided binomial(n, 1/2) p-value of
    the discordant pairs. Returns (a alone right, b alone right, p)."""
    only_a = sum(x and not y for x, y in zip(a, b, strict=True))
    only_b = sum(y and not x for x, y in zip(a, b, strict=True))
    n = only_a + only_b
    if n == 0:
        return only_a, only_b, 1.0
    tail = sum(math.comb(n, i) for i in range(min(only_a, only_b) + 1)) / 2**n
    return only_a, only_b, min(1.0, 2 * tail)


# -- the benchmark ---------------------------------------------------------------------------


def run(
    check: Path = CHECK, speed: bool = True, misses: bool = False, fresh2: Path = FRESH2
) -> dict[str, Any]:
    started = time.perf_counter()
    entries = quality.export_entries()
    texts = {e["id"]: e["text"] for e in entries}
    bm25 = quality.BM25Matcher(entries)
    model = quality.load_minilm()
    baselines = [
        bm25,
        *(quality.EmbeddingMatcher(model, entries, m) for m in ("document", "fields")),
    ]
    sets: dict[str, Any] = {}
    missing: list[str] = []
    tuning_misses: list[dict[str, Any]] = []
    for label, path, frozen in (
        ("realq.yml (tuning set)", TUNING, False),
        (f"{check.name} (frozen check set)", check, True),
        (f"{fresh2.name} (second frozen set)", fresh2, True),
        ("realq_read.yml (fresh, then read)", READ, False),
    ):
        if not path.exists():
            missing.append(str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path))
            continue
        cases = load_set(path)
        rows = ask_json(cases)
        pairs = list(zip(cases, rows, strict=True))
        pmpo = Tally(
            advice_routed=sum(r.get("kind") == "advice" for c, r in pairs if is_advice(c)),
            advice_offered=sum(
                ADVISOR_CHOICE in (r.get("suggestion_ids") or ()) for c, r in pairs if is_advice(c)
            ),
        )
        for case, row in pairs:
            outcome = pmpo_outcome(case, row)
            pmpo.add(outcome)
            if outcome == "ask_back":
                ids = row.get("suggestion_ids") or ()
                offered = [
                    right_answer(
                        case, texts.get(i, ""), i, "advice" if i == ADVISOR_CHOICE else None
                    )
                    for i in ids
                ]
                pmpo.offered_first += bool(offered and offered[0])
                pmpo.offered_any += any(offered)
            if misses and not frozen and outcome != "right":
                tuning_misses.append(
                    {
                        "q": case["q"],
                        "intent": case.get("intent"),
                        "outcome": outcome,
                        "kind": row.get("kind"),
                        "id": row.get("id"),
                    }
                )
        tallies = {"pmpo": pmpo}
        at_risk: dict[str, Tally] = {}
        questions = [c["q"] for c in cases]
        for baseline in baselines:
            ranked = baseline.rank(questions)
            tallies[baseline.name] = baseline_tally(cases, ranked, texts)
            at_risk[baseline.name] = baseline_tally(
                cases, ranked, texts, max_wrong=pmpo.counts["wrong"]
            )
        better = max(
            (name for name in tallies if name != "pmpo"),
            key=lambda k: (tallies[k].counts["right"], -tallies[k].counts["wrong"]),
        )
        only_pmpo, only_base, p = mcnemar_exact(pmpo.right_each, tallies[better].right_each)
        risk_better = max(
            at_risk, key=lambda k: (at_risk[k].counts["right"], -at_risk[k].counts["wrong"])
        )
        risk_pmpo, risk_base, risk_p = mcnemar_exact(
            pmpo.right_each, at_risk[risk_better].right_each
        )
        by_intent: dict[str, Counter[str]] = {}
        if not frozen:
            for case, row in pairs:
                k = by_intent.setdefault(case.get("intent", "?"), Counter())
                k["n"] += 1
                k[pmpo_outcome(case, row)] += 1
        sets[label] = {
            "file": str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path),
            "frozen": frozen,
            "target": path != READ,
            "questions": len(cases),
            "advice_questions": sum(is_advice(c) for c in cases),
            "matchers": {name: t.summary() for name, t in tallies.items()},
            "better_baseline": better,
            "lead_points": pmpo.pct("right") - tallies[better].pct("right"),
            "mcnemar": {"only_pmpo": only_pmpo, "only_baseline": only_base, "p": p},
            "at_pmpo_risk": {
                "matchers": {name: t.summary() for name, t in at_risk.items()},
                "better_baseline": risk_better,
                "lead_points": pmpo.pct("right") - at_risk[risk_better].pct("right"),
                "mcnemar": {"only_pmpo": risk_pmpo, "only_baseline": risk_base, "p": risk_p},
            },
            "by_intent": {k: dict(v) for k, v in sorted(by_intent.items())},
        }
    result: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "revision": git_revision(),
        "entries": len(entries),
        "with_examples": sum(bool(quality.entry_examples(e)) for e in entries),
        "judge_is_shared": judge_is_shared(),
        "sets": sets,
        "missing": missing,
        "advice_dev": advice_routing(),
        "advice_stories": story_routing(),
        "speed": cold_asks(load_set(TUNING)) if speed else None,
        "misses": tuning_misses,
    }
    result["seconds"] = time.perf_counter() - started
    return result


def advice_routing() -> dict[str, int] | None:
    """How many real team stories reach the advisor, and how many near misses wrongly do."""
    if not ADVICE_DEV.exists():
        return None
    return _routing(load_set(ADVICE_DEV))  # {q, advice, ...}: the same shape check applies


def _routing(cases: list[dict[str, Any]]) -> dict[str, int]:
    routed = [r.get("kind") == "advice" for r in ask_json(cases)]
    told = [bool(c["advice"]) for c in cases]
    return {
        "advice": sum(told),
        "routed": sum(r and t for r, t in zip(routed, told, strict=True)),
        "near_misses": len(told) - sum(told),
        "near_misses_routed": sum(r and not t for r, t in zip(routed, told, strict=True)),
    }


def story_routing() -> dict[str, dict[str, int]] | None:
    """The same per set of bench/advice_stories.yml (helper-written and real stories)."""
    if not ADVICE_STORIES.exists():
        return None
    cases = load_set(ADVICE_STORIES)
    sets = dict.fromkeys(c["set"] for c in cases)
    return {name: _routing([c for c in cases if c["set"] == name]) for name in sets}


def main() -> None:
    parser = argparse.ArgumentParser(description="pmpo vs baselines on real questions.")
    parser.add_argument("--misses", action="store_true", help="list pmpo's tuning-set misses")
    parser.add_argument("--no-write", action="store_true", help="don't touch docs/benchmarks.md")
    parser.add_argument("--skip-speed", action="store_true", help="skip the cold-ask timing")
    parser.add_argument("--check", type=Path, default=CHECK, help=argparse.SUPPRESS)
    parser.add_argument("--fresh2", type=Path, default=FRESH2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    r = run(
        check=args.check.resolve(),
        speed=not args.skip_speed,
        misses=args.misses,
        fresh2=args.fresh2.resolve(),
    )
    print("\n".join(summary_lines(r)))
    for name, fig, ok in targets(r):
        print(f"  [{'met' if ok else 'MISSED'}] {name}: {fig}")
    if args.misses:
        print(f"pmpo's misses on the tuning set ({len(r['misses'])}):")
        for m in r["misses"]:
            print(f"  {m['outcome']:<9} {m['intent']:<13} got {m['kind']}/{m['id']}: {m['q']}")
    if args.check.resolve() != CHECK or args.fresh2.resolve() != FRESH2:
        print("a stand-in frozen set was given: docs/benchmarks.md left alone")
    elif not args.no_write:
        write_section(section(r))
        print(f"wrote the real-questions section of {REPORT.relative_to(ROOT)}")
    print(f"real-questions benchmark: {r['seconds']:.1f} s")


if __name__ == "__main__":
    main()
