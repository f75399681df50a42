"""Nearest example phrasings: how close a question is to the ways people really asked.

Keywords say what an entry is about; examples say how people ask for it. Real questions are
long, carry context ("I'm the SM, there's a debate...") and put the question last, so an
entry's own keywords often explain only a fraction of them. Comparing the whole question with
whole questions that an admin filed under an entry catches that, and the score stays
explainable: the answer can name the example it was closest to.

The vectors are TF-IDF over the examples' analysed terms (stems after synonym rewriting, the
same analysis the keyword index uses), compared by cosine.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import NamedTuple

VOTERS = 10  # closest examples that vote
COMMON_DOCS = 2000  # a term in more examples than this (and than COMMON_SHARE of them)...
COMMON_SHARE = 0.05  # ...is not walked: its weight still counts in the question's norm
UNKNOWN_IDF_SHARE = 0.5  # a term no example uses weighs half the rarest term's IDF


class Near(NamedTuple):
    """The best example of one entry for a question."""

    entry: int  # position in the keyword index's entry list
    similarity: float  # cosine, 0..1
    example: str
    shared: int = 0  # terms the question and the example have in common
    vote: float = (
        0.0  # share of the question's ten closest examples (by similarity) that are this entry's
    )


class Phrasings:
    """Built with the keyword index (same analysis), then read-only."""

    def __init__(
        self,
        examples: Iterable[tuple[int, str]],
        analyze: Callable[[str], list[str]],
    ) -> None:
        docs: list[tuple[int, str, list[str]]] = []
        for entry, text in examples:
            terms = list(dict.fromkeys(analyze(text)))
            if terms:
                docs.append((entry, text, terms))
        n = max(len(docs), 1)
        df: dict[str, int] = defaultdict(int)
        for _, _, terms in docs:
            for t in terms:
                df[t] += 1
        self.idf = {t: math.log(1 + n / d) for t, d in df.items()}
        self.unknown_idf = math.log(1 + n) * UNKNOWN_IDF_SHARE
        self._entries: list[int] = []
        self._texts: list[str] = []
        self._norms: list[float] = []
        self._postings: dict[str, list[int]] = defaultdict(list)
        for entry, text, terms in docs:
            j = len(self._entries)
            self._entries.append(entry)
            self._texts.append(text)
            self._norms.append(math.sqrt(sum(self.idf[t] ** 2 for t in terms)))
            for t in terms:
                self._postings[t].append(j)
        self._postings = dict(self._postings)
        # the same bound as the keyword index's leaders: a question costs about the same with
        # a thousand examples or a million
        self._walk_limit = max(COMMON_DOCS, int(len(self._entries) * COMMON_SHARE))

    def __len__(self) -> int:
        return len(self._entries)

    def weights(self, terms: Iterable[str]) -> dict[str, float]:
        return {t: self.idf.get(t, self.unknown_idf) for t in terms}

    def nearest(self, weights: dict[str, float]) -> dict[int, Near]:
        """Per entry, its closest example by cosine; entries sharing no term are left out."""
        if not weights:
            return {}
        dots: dict[int, float] = {}
        shared: dict[int, int] = {}
        dot_of, shared_of = dots.get, shared.get
        for t, w in weights.items():
            idf = self.idf.get(t)
            postings = self._postings.get(t, ())
            if idf is None or len(postings) > self._walk_limit:
                continue  # a word in most examples adds little and would cost the most
            add = w * idf
            for j in postings:
                dots[j] = dot_of(j, 0.0) + add
                shared[j] = shared_of(j, 0) + 1
        qnorm = math.sqrt(sum(w * w for w in weights.values()))
        norms = self._norms
        sims = {j: dot / (qnorm * norms[j]) for j, dot in dots.items()}
        # how many of the closest phrasings, weighted by closeness, agree on one entry
        votes: dict[int, float] = defaultdict(float)
        closest = heapq.nlargest(VOTERS, sims.items(), key=lambda kv: kv[1])
        mass = sum(sim for _, sim in closest) or 1.0
        for j, sim in closest:
            votes[self._entries[j]] += sim / mass
        best: dict[int, Near] = {}
        for j, sim in sims.items():
            entry = self._entries[j]
            if entry not in best or sim > best[entry].similarity:
                best[entry] = Near(entry, sim, self._texts[j], shared[j], votes.get(entry, 0.0))
        return best
