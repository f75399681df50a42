"""Which staffing situation a team's story describes, from the cues in `knowledge/advice.yml`.

Most real team stories are not "should we split PM and PO?" but about who fills the PO seat:
one PO stretched over several products, several POs on one product, a PO who is also the
Scrum Master. The split/combine weighing has no verdict for those, and answering them with it
is confidently wrong. The situations are data an admin can edit, matched by keyword cues
like the rest of the knowledge base.

Kept outside `bot.advisor` (like `advisor_intent`): every free-form question passes through
`find`, and importing the advisor package would load the facts parser.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from bot import regex_store
from bot.advisor_intent import own_story


@lru_cache(maxsize=512)
def _pattern(cue: str) -> re.Pattern[str]:
    """Compiled on first use: the pickled index keeps plain strings, so a cold start pays only
    for the cues a question could match (see `regex_anchors`)."""
    return regex_store.compile(cue, re.I)


def find(advice: Mapping[str, Any], text: str) -> Mapping[str, Any] | None:
    """The situation whose cues the story matches most (the first listed on a tie), if any."""
    situations: Sequence[Mapping[str, Any]] = advice.get("situations") or ()
    if not situations or not text:
        return None
    flat = " ".join(text.split())
    # anchors are lower-case ASCII; past ASCII, case folding has exceptions: run every cue
    folded = flat.casefold() if flat.isascii() else None
    best, best_hits = None, 0
    for situation in situations:
        hits = 0
        for cue, needs in zip(situation["cues"], _anchors(situation), strict=True):
            if folded is not None and needs and not any(a in folded for a in needs):
                continue  # holds none of the strings every match contains
            hits += _pattern(cue).search(flat) is not None
        if hits > best_hits:
            best, best_hits = situation, hits
    return best


def _anchors(situation: Mapping[str, Any]) -> Sequence[Sequence[str]]:
    """The loader's anchors per cue; none (run every cue) for a situation built elsewhere."""
    found = situation.get("_anchors")
    return found if found is not None else [()] * len(situation["cues"])


def in_story(advice: Mapping[str, Any], text: str) -> Mapping[str, Any] | None:
    """A situation, but only when the message tells the asker's own team story: "can a PO
    serve two teams?" is the FAQ's; "our PO is spread across two teams, now what?" is advice,
    and so is the same story told with no question at all."""
    if not text or not own_story(text):
        return None
    return find(advice, text)
