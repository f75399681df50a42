"""The anchors that let a cold `pmpo ask` skip situation cues may skip work, never a match."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.advisor_situations import find
from bot.matcher import Index
from bot.regex_anchors import anchors

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bproxy\s+(?:po|product owner)\b", ("proxy",)),
        # the parser factors "pro(?:ducts|jects)"; both spellings come back whole
        (r"\b(?:two|three)\s+(?:products|projects)\b", ("products", "projects")),
        (r"\bspread\s+(?:across|over)", ("spread",)),
        (r"\b(?:po|pm)s?\b", ()),  # nothing of three letters every match must hold
        (r"(?:burn(?:ing|ed)?\s*out|drowning)", ("burn", "drowning")),
        (r"stand-?in", ("stand",)),
        (r"x{0,3}lone", ("lone",)),
        (r"(unclosed", ()),  # not a regular expression: no anchors, no crash
    ],
)
def test_anchors_are_strings_every_match_contains(pattern: str, expected: tuple[str, ...]) -> None:
    assert anchors(pattern, re.I) == expected


def test_no_text_that_matches_is_ever_filtered_out() -> None:
    patterns = [
        r"\b(?:po|product owner)s?\b[^.?!]{0,60}\b(?:for|of)\s+(?:\w+\s+){0,2}(?:two|3)\s+teams",
        r"\b(?:only|just)\s+(?:one|two)\s+(?:pos|product owners)\b",
        r"(?:a|b)(?:c|d)(?:e|f)(?:g|h)(?:i|j)(?:k|l)",
        r"\bnot\s+(?:been\s+)?(?:available|engaged)\b",
    ]
    texts = [
        "Our PO for two other teams",
        "PRODUCT OWNER of 3 teams",
        "just two POs here",
        "acegik",
        "bdfhjl",
        "has NOT been Available",
        "not engaged",
        "nothing at all",
    ]
    for pattern in patterns:
        needs = anchors(pattern, re.I)
        for text in texts:
            if re.search(pattern, text, re.I):
                assert not needs or any(a in text.casefold() for a in needs), (pattern, text)


def test_skipping_cues_changes_no_situation_on_real_questions(real_index: Index) -> None:
    advice = real_index.kb.advice
    assert all(len(s["_anchors"]) == len(s["cues"]) for s in advice["situations"])
    unanchored = {
        "situations": [
            {k: v for k, v in s.items() if k != "_anchors"} for s in advice["situations"]
        ]
    }
    texts = [c["q"] for c in yaml.safe_load((ROOT / "bench" / "realq.yml").read_text())]
    for name in ("advice_dev.yml", "advice_stories.yml"):
        texts += [c["q"] for c in yaml.safe_load((ROOT / "bench" / name).read_text())]
    texts += [x for e in real_index.kb.entries.values() for x in e.examples]
    chosen = [find(advice, t) for t in texts]
    assert any(chosen)  # the comparison means something only if situations are found
    for text, with_anchors in zip(texts, chosen, strict=True):
        without = find(unanchored, text)
        assert (with_anchors or {}).get("id") == (without or {}).get("id"), text
