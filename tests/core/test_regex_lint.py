"""Which cue shapes are refused as catastrophic, and that the shipped cues are not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.regex_lint import nested_repeat

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("pattern", "refused"),
    [
        (r"(a+)+", True),
        (r"(\w+\s?)*$", True),
        (r"(?:a|b+)*", True),  # the inner repeat hides in one alternative
        (r"(?:(?:x)+)+", True),
        (r"(?:\w+\s+){0,200}x", True),  # bounded, but far past a few rounds
        (r"(?:\w+\s+){0,2}x", False),  # the shape the shipped cues use: a few rounds only
        (r"(ab?)*c", False),  # the inner repeat is at most one round
        (r"[^.?!]{0,60}\bpo\b", False),
        (r"a++", False),  # possessive: never backtracks
        (r"(?>a+)+", False),  # atomic group: never backtracks into its body
        (r"(unclosed", False),  # left to re.compile, which names the real fault
    ],
)
def test_nested_open_ended_repeats_are_refused(pattern: str, refused: bool) -> None:
    assert (nested_repeat(pattern, re.I) is not None) is refused


def test_no_shipped_cue_is_refused() -> None:
    advice = yaml.safe_load((ROOT / "knowledge" / "advice.yml").read_text(encoding="utf-8"))
    cues = [cue for s in advice["advice"]["situations"] for cue in s["cues"]]
    assert len(cues) > 30
    assert [c for c in cues if nested_repeat(c, re.I)] == []
