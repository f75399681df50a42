"""The vocabulary words within a few edits of a word, for typo repair on a cold `pmpo ask`.

rapidfuzz does this fast, but importing it costs a one-shot ask ~12 ms, and the questions
with a word outside the vocabulary are the slowest already. Almost every candidate fails a
cheap test first: no edit changes a word's length, or the letters it holds, by more than one
letter, so a word whose length or letters differ from the candidate's by more than the edits
allowed cannot be within them. The few left (rarely more than three) get the exact distance
in plain Python: the same unrestricted Damerau-Levenshtein distance rapidfuzz computes
(`tests/core/test_typo_distance.py` compares the two).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable


def within(word: str, candidates: Iterable[str], limit: int) -> list[tuple[str, int]]:
    """Each candidate at most `limit` edits from `word`, with its distance, in `candidates`'
    order (what rapidfuzz's `process.extract(..., score_cutoff=limit, limit=None)` keeps)."""
    letters = set(word)
    counts: Counter[str] | None = None
    found = []
    for other in candidates:
        if abs(len(other) - len(word)) > limit:
            continue
        other_letters = set(other)
        if len(letters - other_letters) > limit or len(other_letters - letters) > limit:
            continue
        counts = counts or Counter(word)
        other_counts = Counter(other)
        if sum((counts - other_counts).values()) > limit:
            continue
        if sum((other_counts - counts).values()) > limit:
            continue
        distance = damerau_levenshtein(word, other)
        if distance <= limit:
            found.append((other, distance))
    return found


def damerau_levenshtein(a: str, b: str) -> int:
    """Insertions, deletions, substitutions and transpositions of two adjacent letters, the
    letters in between may be edited too (unrestricted; Lowrance and Wagner's algorithm)."""
    far = len(a) + len(b)
    rows = [[far] * (len(b) + 2)] + [[far, *range(len(b) + 1)]]
    rows += [[far, i] + [0] * len(b) for i in range(1, len(a) + 1)]
    last_row: dict[str, int] = {}  # per letter, the last row of `a` it was seen in
    for i in range(1, len(a) + 1):
        last_col = 0  # the last column of `b` that matched a[i - 1]
        for j in range(1, len(b) + 1):
            k, m = last_row.get(b[j - 1], 0), last_col
            same = a[i - 1] == b[j - 1]
            if same:
                last_col = j
            rows[i + 1][j + 1] = min(
                rows[i][j] + (not same),
                rows[i + 1][j] + 1,
                rows[i][j + 1] + 1,
                rows[k][m] + (i - k - 1) + 1 + (j - m - 1),
            )
        last_row[a[i - 1]] = i
    return rows[len(a) + 1][len(b) + 1]
