"""Is a word real English? Tells a typo worth repairing ("rodmap") from a word that simply
is not about PM and PO ("lunch", which must not become "launch")."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _english() -> Any:
    """pyspellchecker's English word list, loaded on first use (~150 ms, once per process)."""
    from spellchecker import SpellChecker

    return SpellChecker(language="en", distance=1).word_frequency


def is_english_word(word: str) -> bool:
    return word in _english()


def english_near(vocabulary: Iterable[str], slips: Callable[[int], int]) -> frozenset[str]:
    """The English words a typo repair against `vocabulary` could ever ask about.

    Repair only looks at a word when some vocabulary word with the same first letter lies
    within `slips(len(word))` edits of it, and only then asks whether the word is real
    English. So the real words near the vocabulary are all it needs: a few thousand words
    (~1.5 s to find when the cached index is written), small enough to keep in that index
    so a one-shot `pmpo ask` never loads the whole list (~150 ms and ~37 MiB).
    """
    from rapidfuzz import process
    from rapidfuzz.distance import DamerauLevenshtein

    buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
    for w in _english():
        if len(w) >= 4 and w.isascii():
            buckets[w[0], len(w)].append(w)
    near: set[str] = set()
    for v in vocabulary:
        for n in range(len(v) - 2, len(v) + 3):
            limit = slips(n)
            if abs(n - len(v)) <= limit and (v[0], n) in buckets:
                found = process.extract(
                    v,
                    buckets[v[0], n],
                    scorer=DamerauLevenshtein.distance,
                    score_cutoff=limit,
                    limit=None,
                )
                near.update(w for w, _, _ in found)
    return frozenset(near)
