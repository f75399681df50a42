"""Keyword matching over the knowledge base: an inverted index with field weights.

Why keyword matching and not embeddings: every answer can say exactly which words it matched,
the confidence bar is explainable, and it runs in well under a millisecond with no model. The
pieces: Snowball stems (textnorm), synonym rewriting from knowledge/synonyms.yml, typo repair
with RapidFuzz against the index's own vocabulary, IDF-weighted scores where keyword and
title hits count more than body hits, and a confidence bar below which pmpo declines.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from bot.kb.model import Entry, KnowledgeBase
from bot.textnorm import STOPWORDS, stem, words

KEYWORD_WEIGHT = 3.0
TITLE_WEIGHT = 2.0
BODY_WEIGHT = 1.0
PHRASE_BONUS = 1.0
UNKNOWN_WORD_IDF = 1.6  # weight of a query word the index has never seen
MIN_COVERAGE = 0.55  # share of the query's weight the best entry must explain
MIN_SCORE = 2.5
MAX_QUERY_WORDS = 60
# The role names themselves: nearly every entry mentions them, so outside the role and
# compare entries they count as body words and never carry an answer on their own.
GENERIC_WORDS = "product manager owner"
ROLE_KINDS = frozenset(
    {"role", "compare"}
)  # a pasted essay is cut here; nothing useful lies beyond

# Words that hint at the kind of answer wanted; they shift scores, they never match alone.
KIND_CUES: dict[str, tuple[frozenset[str], float]] = {
    "ownership": (
        frozenset(
            "who whos own owns owner owning responsible responsibility accountable writes write "
            "writing handles handle handling charge job decides decide does do runs run "
            "sets set maintains maintain drives drive leads lead manages manage".split()
        ),
        1.2,
    ),
    "role": (frozenset("define definition describe explain meaning means role".split()), 1.2),
    "compare": (
        frozenset("vs versus difference differences differ compare comparison".split()),
        1.3,
    ),
}


@dataclass(frozen=True)
class Term:
    """One analysed query word: the user's spelling and the stem the index knows it by."""

    word: str
    stem: str
    corrected: bool = False


@dataclass(frozen=True)
class Hit:
    entry: Entry
    score: float
    coverage: float
    matched: tuple[str, ...]
    matched_stems: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Match:
    """The matcher's decision; `entry` is None when it declined."""

    entry: Entry | None
    score: float
    coverage: float
    matched: tuple[str, ...]
    suggestions: tuple[Entry, ...] = ()
    reason: str = ""
    runners_up: tuple[Entry, ...] = field(default=())


class Index:
    """Built once per knowledge base (a reload builds a new one), then read-only."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.entries: list[Entry] = list(kb.entries.values())
        self._synonyms = self._build_synonyms(kb.synonyms)
        self.generic = frozenset(stem(w) for w in words(GENERIC_WORDS))
        self._weights: list[dict[str, float]] = []
        self._phrases: list[list[tuple[str, ...]]] = []
        postings: dict[str, list[int]] = defaultdict(list)
        phrase_index: dict[frozenset[str], list[int]] = defaultdict(list)
        raw_vocab: set[str] = set()
        for i, entry in enumerate(self.entries):
            weights: dict[str, float] = {}
            phrases: list[tuple[str, ...]] = []
            capped = self.generic if entry.kind not in ROLE_KINDS else frozenset()
            for phrase in (*entry.keywords, *entry.aliases):
                raw_vocab.update(words(phrase))
                terms = tuple(dict.fromkeys(self._analyze_text(phrase)))
                if terms:
                    phrases.append(terms)
                for t in terms:
                    w = BODY_WEIGHT if t in capped else KEYWORD_WEIGHT
                    weights[t] = max(weights.get(t, 0.0), w)
            for t in self._analyze_text(entry.title):
                w = BODY_WEIGHT if t in capped else TITLE_WEIGHT
                weights[t] = max(weights.get(t, 0.0), w)
            raw_vocab.update(words(entry.title))
            for text in _body_texts(entry):
                raw_vocab.update(words(text))
                for t in self._analyze_text(text):
                    weights.setdefault(t, BODY_WEIGHT)
            self._weights.append(weights)
            self._phrases.append(phrases)
            for p in phrases:
                phrase_index[frozenset(p)].append(i)
            for t in weights:
                postings[t].append(i)
        for variants in kb.synonyms.values():
            for v in variants:
                raw_vocab.update(words(v))
        raw_vocab.update(w for term in kb.synonyms for w in words(term))
        n = max(len(self.entries), 1)
        self._idf = {t: math.log(1 + n / len(ids)) for t, ids in postings.items()}
        self._postings = dict(postings)
        self._phrase_index = dict(phrase_index)
        self._vocab_by_initial: dict[str, list[str]] = defaultdict(list)
        for w in sorted(raw_vocab):
            if len(w) >= 3 and w not in STOPWORDS:
                self._vocab_by_initial[w[0]].append(w)
        self._known_words = frozenset(raw_vocab) | STOPWORDS
        self._correct = lru_cache(maxsize=8192)(self._correct_uncached)

    # -- analysis -------------------------------------------------------------------------

    @staticmethod
    def _build_synonyms(
        synonyms: dict[str, tuple[str, ...]],
    ) -> dict[tuple[str, ...], tuple[str, ...]]:
        table: dict[tuple[str, ...], tuple[str, ...]] = {}
        for term, variants in synonyms.items():
            canonical = tuple(stem(w) for w in words(term))
            for phrase in (term, *variants):
                key = tuple(stem(w) for w in words(phrase))
                if key:
                    table.setdefault(key, canonical)
        return table

    def _rewrite(self, stems: list[str]) -> list[tuple[str, int]]:
        """Replace synonym variants with their canonical term, longest phrase first.

        Each output stem keeps the position of the word it came from, so an answer can show
        the user's own word ("grooming") rather than the canonical stem ("refin").
        """
        out: list[tuple[str, int]] = []
        i = 0
        while i < len(stems):
            for n in (4, 3, 2, 1):
                key = tuple(stems[i : i + n])
                if len(key) == n and key in self._synonyms:
                    out.extend((s, i) for s in self._synonyms[key])
                    i += n
                    break
            else:
                out.append((stems[i], i))
                i += 1
        return out

    def _analyze_text(self, text: str) -> list[str]:
        stems = self._rewrite([stem(w) for w in words(text)])
        return [s for s, _ in stems if s not in STOPWORDS and s]

    def _correct_uncached(self, word: str) -> str | None:
        """A known word one slip away (two for long words); typos rarely hit the first letter."""
        if len(word) < 4 or word.isdigit():
            return None
        limit = 1 if len(word) <= 7 else 2
        candidates = self._vocab_by_initial.get(word[0], ())
        found = process.extract(
            word, candidates, scorer=DamerauLevenshtein.distance, score_cutoff=limit, limit=8
        )
        if not found:
            return None
        # Same distance: prefer the longer word, since a dropped letter is the commonest slip.
        return min(found, key=lambda f: (f[1], -len(f[0]), f[0]))[0]

    def analyze(self, query: str) -> tuple[list[Term], list[str]]:
        """Return the query's content terms and its raw words (for cue detection)."""
        raw = words(query)[: MAX_QUERY_WORDS * 2]
        fixed: list[tuple[str, bool]] = []
        for w in raw:
            if w in self._known_words or stem(w) in self._idf:
                fixed.append((w, False))
                continue
            repaired = self._correct(w)
            fixed.append((repaired, True) if repaired else (w, False))
        rewritten = self._rewrite([stem(w) for w, _ in fixed])
        terms: list[Term] = []
        seen: set[str] = set()
        for s, origin in rewritten:
            if s in STOPWORDS or s in seen or not s:
                continue
            seen.add(s)
            word, corrected = fixed[origin]
            terms.append(Term(word=word, stem=s, corrected=corrected))
        return terms[:MAX_QUERY_WORDS], raw

    # -- scoring --------------------------------------------------------------------------

    def _cue_boost(self, raw: list[str]) -> dict[str, float]:
        present = set(raw)
        return {kind: boost for kind, (cues, boost) in KIND_CUES.items() if present & cues}

    def search(
        self, query: str, kinds: Iterable[str] | None = None, limit: int = 5
    ) -> tuple[list[Hit], list[Term]]:
        terms, raw = self.analyze(query)
        if not terms:
            return [], terms
        allowed = set(kinds) if kinds else None
        idf = {t.stem: self._idf.get(t.stem, UNKNOWN_WORD_IDF) for t in terms}
        total = sum(idf.values())
        scores: dict[int, float] = defaultdict(float)
        for t in terms:
            for i in self._postings.get(t.stem, ()):
                scores[i] += idf[t.stem] * self._weights[i][t.stem]
        boosts = self._cue_boost(raw)
        ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)[: max(limit, 25)]
        candidates = dict(ranked)
        for i in self._phrase_holders(list(idf)):
            candidates[i] = scores[i]
        hits: list[Hit] = []
        for i, base in candidates.items():
            entry = self.entries[i]
            if allowed and entry.kind not in allowed:
                continue
            bonus = max((self._phrase_bonus(p, idf) for p in self._phrases[i]), default=0.0)
            score = (base + PHRASE_BONUS * bonus) * boosts.get(entry.kind, 1.0)
            weights = self._weights[i]
            matched_terms = [t for t in terms if t.stem in weights]
            coverage = sum(idf[t.stem] for t in matched_terms) / total if total else 0.0
            shown = tuple(dict.fromkeys(t.word for t in matched_terms))
            hits.append(
                Hit(entry, score, coverage, shown, frozenset(t.stem for t in matched_terms))
            )
        hits.sort(key=lambda h: h.score, reverse=True)
        return hits[:limit], terms

    def _phrase_holders(self, terms: list[str]) -> set[int]:
        """Entries with an alias made only of the question's terms, however low they scored."""
        found: set[int] = set()
        sizes = range(1, 5) if len(terms) <= 12 else range(1, 3)
        for n in sizes:
            for combo in combinations(terms, n):
                found.update(self._phrase_index.get(frozenset(combo), ()))
        return found

    @staticmethod
    def _phrase_bonus(phrase: tuple[str, ...], idf: dict[str, float]) -> float:
        """Reward an alias in proportion to how exactly it restates the whole question."""
        shared = [t for t in phrase if t in idf]
        if not shared:
            return 0.0
        union = len(set(phrase) | idf.keys())
        return sum(idf[t] for t in shared) * len(shared) / union

    def match(self, query: str, kinds: Iterable[str] | None = None) -> Match:
        hits, terms = self.search(query, kinds)
        if not terms:
            return Match(None, 0.0, 0.0, (), self.default_suggestions(), "empty")
        if not hits:
            return Match(None, 0.0, 0.0, (), self.default_suggestions(), "unknown")
        best = hits[0]
        others = tuple(h.entry for h in hits[1:4])
        specific = any(t not in self.generic for t in best.matched_stems)
        if (
            best.coverage < MIN_COVERAGE
            or best.score < MIN_SCORE
            or (not specific and best.entry.kind not in ROLE_KINDS)
        ):
            return Match(
                None,
                best.score,
                best.coverage,
                best.matched,
                tuple(h.entry for h in hits[:3]),
                "weak",
            )
        return Match(best.entry, best.score, best.coverage, best.matched, (), "", others)

    def default_suggestions(self) -> tuple[Entry, ...]:
        wanted = ("compare", "owns-roadmap", "faq-one-person-both")
        return tuple(self.kb.entries[i] for i in wanted if i in self.kb.entries)


def _body_texts(entry: Entry) -> list[str]:
    texts = [entry.verdict, entry.reason, *entry.details]
    split = entry.extra.get("split")
    if split:
        texts.extend(split.values())
    for fact in entry.extra.get("facts", []):
        texts.extend((fact["label"], fact["text"]))
    for row in entry.extra.get("rows", []):
        texts.extend((row["aspect"], row["pm"], row["po"]))
    return texts
