"""Typo repair's plain-Python distance finds exactly what rapidfuzz finds."""

from __future__ import annotations

import random

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from bot.matcher import Index
from bot.typo_distance import damerau_levenshtein, within


def test_the_distance_is_rapidfuzz_damerau_levenshtein() -> None:
    rng = random.Random(9)
    pairs = [("ca", "abc"), ("abcdef", "badcfe"), ("", "abc"), ("roadmap", "rodmap")]
    for _ in range(4000):  # a small alphabet: many repeats, swaps and swaps with edits between
        pairs.append(
            tuple("".join(rng.choice("abcd") for _ in range(rng.randint(0, 8))) for _ in "ab")
        )
    for a, b in pairs:
        assert damerau_levenshtein(a, b) == DamerauLevenshtein.distance(a, b), (a, b)


def _slipped(word: str, rng: random.Random) -> str:
    at = rng.randrange(len(word))
    edit = rng.choice("drsi")
    if edit == "d":
        return word[:at] + word[at + 1 :]
    if edit == "s" and at + 1 < len(word):
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    letter = rng.choice("aeioustrnl")
    return word[:at] + letter + word[at + (edit == "r") :]


def test_the_words_within_reach_are_the_ones_rapidfuzz_finds(real_index: Index) -> None:
    vocabulary = real_index.reader.vocabulary_by_initial
    rng = random.Random(4)
    words = [w for ws in vocabulary.values() for w in ws]
    asked = rng.sample(words, 300)
    asked += [_slipped(_slipped(w, rng), rng) for w in rng.sample(words, 600)]
    asked += ["confirming", "recruitment", "opinions", "indinero", "space", "tons", "rodmap"]
    for word in asked:
        if len(word) < 2:
            continue
        limit = 1 if len(word) <= 7 else 2
        candidates = vocabulary.get(word[0], [])
        expected = process.extract(
            word, candidates, scorer=DamerauLevenshtein.distance, score_cutoff=limit, limit=None
        )
        assert sorted(within(word, candidates, limit)) == sorted(
            (choice, distance) for choice, distance, _ in expected
        ), word
