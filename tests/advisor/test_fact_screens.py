"""The fact parser skips a pattern when the text lacks a word the pattern cannot match without
(`counts._TESTS`, `flags._ANCHORS`): that keeps a cold `pmpo ask` from compiling patterns no
question needs. A wrong word there would lose facts without a sound, so each screen is checked
on real text: every question and phrasing that a pattern matches must pass its screen, and
every pattern must match some of them (a screen nothing exercises proves nothing).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.regex_anchors import anchors
from bot.team_facts import counts, flags
from bot.team_facts.numbers import OTHER_WORDS, WORDS, words_in
from tests.advisor.test_facts import PHRASINGS

ROOT = Path(__file__).resolve().parents[2]

# Phrasings that reach the patterns the question sets rarely do.
EXTRA = [
    "2 squads of 6 devs each",
    "three pods with four engineers apiece",
    "our engineering team of 40",
    "dev org has 25",
    "there are 12 of us",
    "a single product",
    "just one main persona",
    "a 12-person startup",
    "we're fifty strong",
    "the roadmap hasn't been touched in months",
    "roadmap reviews keep getting cancelled",
    "we haven't updated our roadmap",
    "a stale roadmap",
    "the roadmap was last updated two years ago",
    "strategic work is slipping",
    "we haven't talked to any customers this year",
    "no time left for discovery",
    "she is purely reactive",
    "we are always firefighting",
    "strategy only happens on weekends",
    "strategy=yes",
    "strategy is fine",
    "strategy is not suffering",
    "the roadmap is up to date",
    "the roadmap was updated last sprint",
    "weekly user interviews",
    "still has enough time for strategy",
    "strategy=no",
    "our CTO acts as PM",
    "a founder-led product",
    "no technical founder",
    "the founders are not technical",
    "non-technical cofounders",
    "an experienced hybrid",
    "she has done both roles",
    "he has been a PM and a PO before",
    "a scale-up past the startup stage",
    "a large enterprise",
    "a fortune 500 multinational",
    "an early-stage startup after a seed round",
]


def _texts() -> list[str]:
    texts = [text for text, _ in PHRASINGS] + EXTRA
    for path in (ROOT / "bench" / "realq.yml", ROOT / "bench" / "advice_dev.yml"):
        texts += [case["q"] for case in yaml.safe_load(path.read_text(encoding="utf-8"))]
    questions = yaml.safe_load((ROOT / "tests" / "questions" / "questions.yml").read_text())
    texts += [case["q"] for case in questions["questions"]]
    return texts


TEXTS = _texts()


@pytest.mark.parametrize("name", list(counts._SOURCES))
def test_every_text_a_counting_pattern_matches_passes_its_screen(name: str) -> None:
    pattern = counts._pattern(name, WORDS)
    screen = counts._test(name)
    matched = [text for text in TEXTS if pattern.search(text)]
    assert matched, f"no text exercises {name}; add one to EXTRA"
    assert [text for text in matched if not screen.search(text)] == []
    if name != "single":  # the others count a quantity: a digit, a number word, "several"...
        quantity = counts._test("quantity")
        assert [t for t in matched if not (words_in(t) or quantity.search(t))] == []


@pytest.mark.parametrize("name", list(flags._LISTS))
def test_the_prose_patterns_anchor_words_are_what_regex_anchors_finds(name: str) -> None:
    """The words are written out (finding them costs a parse per pattern); they must be the
    ones `bot.regex_anchors` proves every match holds."""
    patterns, words = flags._LISTS[name], flags._ANCHORS[name]
    assert len(words) == len(patterns)
    for pattern, written in zip(patterns, words, strict=True):
        assert written == anchors(pattern, re.I), pattern


@pytest.mark.parametrize(
    ("name", "index"), [(name, i) for name, ps in flags._LISTS.items() for i in range(len(ps))]
)
def test_every_text_a_prose_pattern_matches_holds_an_anchor_word(name: str, index: int) -> None:
    pattern, words = flags._LISTS[name][index], flags._ANCHORS[name][index]
    matched = [text for text in TEXTS if re.search(pattern, text, re.I)]
    assert matched, f"no text exercises {pattern!r}; add one to EXTRA"
    assert [text for text in matched if not any(w in text.lower() for w in words)] == []


def test_number_words_found_by_substring_match_the_regex_way() -> None:
    """`words_in` reads ASCII text with `str.lower`; `re.I` decides for the rest ("ſix")."""
    extra = ["ſix squads", "Seventeen", "sevenTY", "none", "ninety-nine", "a Couple", "beTWEEN"]
    for text in [*TEXTS, *extra]:
        found = {w for w in (*WORDS, *OTHER_WORDS) if re.search(w, text, re.I)}
        assert set(words_in(text)) == found, text
