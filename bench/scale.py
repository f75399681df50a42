"""Speed and memory as the knowledge base grows, plus load/reload and a cold `pmpo ask`.

Run alone: .venv/bin/python -m bench.scale

Every size is measured in its own process (`python -m bench.scale --worker ...`), so the RSS of
one size never includes another's leftovers. Per size: load time, index build time, matcher
(`Index.match`) p50/p99 per question and answers/s over the real question set
(tests/questions/questions.yml), RSS, and how many of those questions still get the expected
entry (the real entries are part of every synthetic knowledge base).

Synthetic knowledge bases (deterministic, seed 5): the 81 real entries plus N - 81 generated
ones. Each generated entry copies a real ownership or faq entry (round robin) with:
- a new id (`<template id>-x<n>`), and a new title and keywords made of generated words;
- each alias of the template with one word swapped for a generated word, so aliases stay
  distinct phrases that share real words with the template;
- the template's body texts (verdict, reason, details, split) with about half their words
  swapped for generated words;
- generated words: one brand-new word per entry (its own name, as a new feature or team name
  would be) plus words drawn from a shared pool of 20 * N^0.6 words (about 1.3k at 1k entries,
  5k at 10k, 20k at 100k), picked with a Zipf-like skew so a few are common and most are rare.
  The index vocabulary therefore grows about linearly with the entry count (the unique names),
  and real words such as "backlog" or the role names spread over more entries as it grows.
1k and 10k are written as YAML (100 entries a file) and loaded through the real `load_dir`
(parse + schema validation + cross-checks) and `Index`. 100k cannot go through `load_dir`,
whose limits (200 files of at most 1 MiB) stop at roughly 20k entries of this size; so the 100k
entries are built in-process as the same dicts and fed to the loader's own validating builder
(`bot.kb.loader._Builder`: schema, ids, references), the real path minus YAML parsing. Its
"load" time is that validation only.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from bench.common import KNOWLEDGE, QUESTION_SETS, ROOT, load_questions, percentile, rss_mb

SIZES = (1_000, 10_000, 100_000)
YAML_MAX = 10_000  # largest size written as YAML and loaded through load_dir
PROFILE_SIZE = 10_000  # cProfile of one pass of `Index.match` over the questions at this size
PER_FILE = 100
TEMPLATE_KINDS = ("ownership", "faq")
REAL_SET = QUESTION_SETS["questions.yml (tuned set)"]

_ONSETS = "b c d f g h j k l m n p r s t v w z br dr fl gr kl pl st tr vr zh".split()
_VOWELS = "a e i o u ai ou ei".split()
_CODAS = ["", "", "n", "r", "s", "k", "l", "m", "x"]


# -- synthetic knowledge -------------------------------------------------------------------


def _real_files() -> dict[str, dict[str, Any]]:
    return {
        p.name: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted(KNOWLEDGE.glob("*.yml"))
    }


class _Words:
    """Pronounceable made-up words, each handed out once."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def new(self) -> str:
        while True:
            n = self.rng.choice((2, 2, 3, 3, 4))
            w = "".join(self.rng.choice(_ONSETS) + self.rng.choice(_VOWELS) for _ in range(n))
            w += self.rng.choice(_CODAS)
            if w not in self.used:
                self.used.add(w)
                return w


def synthetic_entries(size: int, seed: int = 5) -> tuple[dict[str, dict[str, Any]], int]:
    """The real knowledge files with generated entries added, as parsed-YAML dicts, and how
    many distinct generated words they use."""
    rng = random.Random(seed)
    files = _real_files()
    real = [e for data in files.values() for e in data.get("entries") or []]
    templates = [e for e in real if e["kind"] in TEMPLATE_KINDS]
    extra = max(0, size - len(real))
    words = _Words(rng)
    pool = [words.new() for _ in range(int(20 * size**0.6))]
    weights = [1 / (r + 1) ** 0.8 for r in range(len(pool))]  # Zipf-like skew
    stream = iter(rng.choices(pool, weights, k=extra * 40 + 100))

    def pool_word() -> str:
        return next(stream, None) or rng.choice(pool)

    def remix(text: str, share: float) -> str:
        return " ".join(pool_word() if rng.random() < share else w for w in text.split())

    def swap_one(phrase: str, word: str) -> str:
        parts = phrase.split()
        parts[rng.randrange(len(parts))] = word
        return " ".join(parts)

    generated: list[dict[str, Any]] = []
    for n in range(extra):
        t = templates[n % len(templates)]
        own = words.new()
        e = {k: v for k, v in t.items()}
        e["id"] = f"{t['id']}-x{n}"
        e["title"] = f"{own.capitalize()} {pool_word()} {rng.choice(t['title'].split())}"
        e["keywords"] = [own, f"{pool_word()} {pool_word()}"]
        e["aliases"] = [swap_one(a, pool_word()) for a in t.get("aliases", [])]
        e["verdict"] = remix(t["verdict"], 0.5)
        e["reason"] = remix(t["reason"], 0.5)
        if t.get("details"):
            e["details"] = [remix(d, 0.5) for d in t["details"]]
        if t.get("examples"):  # as many as a real entry, each made its own
            e["examples"] = [remix(x, 0.5) for x in t["examples"][:6]]
        if t.get("split"):
            e["split"] = {k: remix(v, 0.5) for k, v in t["split"].items()}
        generated.append(e)
    for i in range(0, len(generated), PER_FILE):
        files[f"synthetic-{i // PER_FILE:05d}.yml"] = {"entries": generated[i : i + PER_FILE]}
    return files, len(words.used)


def write_yaml(files: dict[str, dict[str, Any]], target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    base = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    # shared lists (sources, related) must be written out, not as anchors: pmpo refuses those
    dumper = type("NoAliases", (base,), {"ignore_aliases": lambda self, data: True})
    for name, data in files.items():
        if not name.startswith("synthetic-"):
            (target / name).write_bytes((KNOWLEDGE / name).read_bytes())
            continue
        text = yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=1000)
        (target / name).write_text(text, encoding="utf-8")


def build_in_process(files: dict[str, dict[str, Any]]) -> Any:
    """The loader's validating builder on already-parsed dicts (YAML parsing skipped)."""
    from bot.kb.loader import _Builder
    from bot.kb.model import KnowledgeBase

    builder = _Builder()
    for name, data in files.items():
        section = next(iter(data))
        items = [data[section]] if section == "advice" else data[section]
        builder.add(name, section, items, {})
    errors = builder.errors or builder.cross_check()
    if errors:
        raise RuntimeError(f"synthetic knowledge base invalid: {errors[:3]}")
    return KnowledgeBase(
        entries=builder.entries,
        sources=builder.sources,
        synonyms=builder.synonyms,
        advice=builder.advice,
        files=tuple(files),
        whole_terms=frozenset(builder.whole_terms),
    )


# -- one size, in its own process -----------------------------------------------------------


def measure(
    size: int | None, kb_dir: Path | None, rounds: int, reloads: int, profile: bool = False
) -> dict[str, Any]:
    """size None: the real knowledge directory. kb_dir: load that YAML directory."""
    from bot.kb import heap
    from bot.kb.loader import load_dir
    from bot.matcher import Index

    questions = load_questions(REAL_SET)
    rss_start = rss_mb()
    vocab = None
    if kb_dir is not None:
        t0 = time.perf_counter()
        result = load_dir(kb_dir)
        load_s = time.perf_counter() - t0
        if result.kb is None:
            raise RuntimeError(f"{kb_dir}: {[str(e) for e in result.errors[:3]]}")
        kb, how = result.kb, "YAML via load_dir"
    else:
        files, vocab = synthetic_entries(size or 0)
        t0 = time.perf_counter()
        kb = build_in_process(files)
        load_s = time.perf_counter() - t0
        del files
        how = "in-process dicts via the loader's validating builder (no YAML)"
    gc.collect()
    t0 = time.perf_counter()
    index = Index(kb)
    build_s = time.perf_counter() - t0
    heap.settle()  # as the bot's KnowledgeStore does with each index it serves
    rss_index = rss_mb()

    answerable = [item for item in questions if item["expect"] not in (None, "advice")]
    texts = [item["q"] for item in questions]
    right = sum(
        (index.match(item["q"]).entry or _NoEntry).id == item["expect"] for item in answerable
    )  # also warms the typo-repair memo, as a running bot would have it
    declines = [item for item in questions if item["expect"] is None]
    declined = sum(index.match(item["q"]).entry is None for item in declines)
    timings: list[float] = []
    started = time.perf_counter()
    for _ in range(rounds):
        for q in texts:
            t = time.perf_counter()
            index.match(q)
            timings.append(time.perf_counter() - t)
    elapsed = time.perf_counter() - started
    rss_end = rss_mb()
    profile_text = _profile(index, texts) if profile else None
    slowest = _slowest(index, texts) if profile else None

    reload_times: list[float] = []
    if reloads:
        from bot.kb.store import KnowledgeStore

        with tempfile.TemporaryDirectory() as state:
            store = KnowledgeStore(kb_dir, state_dir=state)
            for _ in range(reloads):
                report = store.reload()
                assert report.ok, report.errors
                reload_times.append(report.seconds)
            del store
    return {
        "entries": len(kb.entries),
        "how": how,
        "generated_words": vocab,
        "load_s": load_s,
        "build_s": build_s,
        "index_terms": len(index._idf),
        "questions": len(timings),
        "p50_ms": percentile(timings, 50) * 1000,
        "p99_ms": percentile(timings, 99) * 1000,
        "max_ms": max(timings) * 1000,
        "answers_per_s": len(timings) / elapsed,
        "rss_start_mb": rss_start,
        "rss_index_mb": rss_index,
        "rss_mb": rss_end,
        "expected_entry": right,
        "answerable": len(answerable),
        "declined_ok": declined,
        "declines": len(declines),
        "reloads": len(reload_times),
        "reload_p50_ms": percentile(reload_times, 50) * 1000 if reload_times else None,
        "reload_max_ms": max(reload_times) * 1000 if reload_times else None,
        "profile": profile_text,
        "slowest": slowest,
    }


def _slowest(index: Any, texts: list[str], top: int = 8) -> list[dict[str, Any]]:
    """The slowest questions (best of 3 timings each) and how many entries hold each of their
    indexed terms: what the matcher has to walk."""
    rows = []
    for q in texts:
        best = min(_timed(index.match, q) for _ in range(3))
        terms, _ = index.analyze(q)
        df = {t.stem: len(index._postings[t.stem]) for t in terms if t.stem in index._postings}
        rows.append({"q": q, "ms": best * 1000, "df": df})
    rows.sort(key=lambda r: r["ms"], reverse=True)
    return rows[:top]


def _timed(fn: Any, arg: str) -> float:
    t = time.perf_counter()
    fn(arg)
    return time.perf_counter() - t


def _profile(index: Any, texts: list[str], top: int = 18) -> str:
    """cProfile of one pass of `Index.match` over `texts`, top functions by own time."""
    import cProfile
    import io
    import pstats

    prof = cProfile.Profile()
    prof.enable()
    for q in texts:
        index.match(q)
    prof.disable()
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out).strip_dirs().sort_stats("tottime")
    stats.print_stats(top)
    text = out.getvalue()
    return text[text.index("   ncalls") :] if "   ncalls" in text else text


class _NoEntry:
    id = None


def _worker_cmd(
    size: int | None, kb_dir: Path | None, rounds: int, reloads: int, profile: bool
) -> list[str]:
    cmd = [sys.executable, "-m", "bench.scale", "--worker", "--rounds", str(rounds)]
    cmd += ["--reloads", str(reloads)] + (["--profile"] if profile else [])
    if size is not None:
        cmd += ["--size", str(size)]
    if kb_dir is not None:
        cmd += ["--kb", str(kb_dir)]
    return cmd


def in_subprocess(
    size: int | None, kb_dir: Path | None, rounds: int, reloads: int = 0, profile: bool = False
) -> dict[str, Any]:
    out = subprocess.run(
        _worker_cmd(size, kb_dir, rounds, reloads, profile),
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=900,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


# -- the whole scale benchmark ----------------------------------------------------------------


def load_times(runs: int = 20) -> dict[str, float]:
    """Real-size `load_dir` (parse + validate) and `KnowledgeStore.reload()` (load + index +
    diff + swap), each `runs` times in this process after one warm-up."""
    from bot.kb.loader import load_dir
    from bot.kb.store import KnowledgeStore

    load_dir(KNOWLEDGE)
    loads = []
    for _ in range(runs):
        t0 = time.perf_counter()
        load_dir(KNOWLEDGE)
        loads.append(time.perf_counter() - t0)
    with tempfile.TemporaryDirectory() as state:
        store = KnowledgeStore(KNOWLEDGE, state_dir=state)
        store.reload()
        reloads = [store.reload().seconds for _ in range(runs)]
    return {
        "runs": runs,
        "load_p50_ms": percentile(loads, 50) * 1000,
        "reload_p50_ms": percentile(reloads, 50) * 1000,
        "reload_p99_ms": percentile(reloads, 99) * 1000,
        "reload_max_ms": max(reloads) * 1000,
    }


def cold_ask(runs: int = 10) -> dict[str, Any]:
    from bench.matcher_speed import cold_ask as cold

    return {
        "cached": cold(runs=runs, cache=True),
        "no_cache": cold(runs=max(3, runs // 2), cache=False),
    }


def run(sizes: tuple[int, ...] = SIZES) -> dict[str, Any]:
    started = time.perf_counter()
    rows: list[dict[str, Any]] = []
    rows.append({"label": "real", **in_subprocess(None, KNOWLEDGE, rounds=20)})
    with tempfile.TemporaryDirectory(prefix="pmpo-bench-") as tmp:
        for size in sizes:
            rounds = 10 if size <= 1_000 else 5 if size <= 10_000 else 2
            if size <= YAML_MAX:
                t0 = time.perf_counter()
                files, vocab = synthetic_entries(size)
                target = Path(tmp) / f"kb-{size}"
                write_yaml(files, target)
                gen_s = time.perf_counter() - t0
                del files
                reloads = 5 if size <= 1_000 else 1
                profile = size == PROFILE_SIZE
                row = in_subprocess(None, target, rounds, reloads=reloads, profile=profile)
                row["generated_words"] = vocab
            else:
                row = in_subprocess(size, None, rounds=rounds)
                gen_s = None
            row["label"] = f"{size // 1000}k"
            row["generate_s"] = gen_s
            rows.append(row)
    return {
        "sizes": rows,
        "load": load_times(),
        "cold_ask": cold_ask(),
        "seconds": time.perf_counter() - started,
    }


def summary_lines(result: dict[str, Any]) -> list[str]:
    lines = []
    for r in result["sizes"]:
        lines.append(
            f"  {r['label']:>5} {r['entries']:>7} entries: load {r['load_s']:.2f} s, "
            f"index {r['build_s']:.2f} s, match p50 {r['p50_ms']:.3f} ms p99 {r['p99_ms']:.3f} ms, "
            f"{r['answers_per_s']:.0f} answers/s, RSS {r['rss_mb']:.0f} MiB, "
            f"expected entry {r['expected_entry']}/{r['answerable']}"
        )
    ld, ca = result["load"], result["cold_ask"]
    lines.append(
        f"  real-size load_dir p50 {ld['load_p50_ms']:.1f} ms, reload p50 "
        f"{ld['reload_p50_ms']:.1f} ms (max {ld['reload_max_ms']:.1f}) over {ld['runs']}"
    )
    lines.append(
        f"  cold `pmpo ask`: median {ca['cached']['median_ms']:.0f} ms (cached index), "
        f"{ca['no_cache']['median_ms']:.0f} ms (no cache)"
    )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--worker", action="store_true")
    parser.add_argument("--size", type=int)
    parser.add_argument("--kb", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--reloads", type=int, default=0)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(measure(args.size, args.kb, args.rounds, args.reloads, args.profile)))
        return
    result = run(tuple(int(s) for s in args.sizes.split(",") if s))
    print("\n".join(summary_lines(result)))
    print(f"scale benchmark: {result['seconds']:.1f} s")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
